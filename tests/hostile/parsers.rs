//! Hostile input for the IaC readers and the shell-pipeline extraction policies call: inputs
//! whose cost used to grow with the square of their size (or exponentially), each generated
//! here and scanned by the binary under a [`Budget`].

use crate::{Budget, Run, run, scan_tree, tree_bytes};
use std::time::Duration;

/// The scan's JSON report.
fn report(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("a JSON report")
}

/// The warnings the report gives for `path`.
fn warnings_for(run: &Run, path: &str) -> Vec<String> {
    report(run)["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["path"] == path && d["level"] == "warning")
        .map(|d| d["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Item 1: a 2 KB file whose locals double a string 24 times (a gigabyte if built) stays small,
/// and the file is told which local could not be resolved.
#[test]
fn locals_doubling_a_string_stay_within_the_byte_budget() {
    let mut tf = format!("locals {{\n  s0 = \"{}\"\n", "A".repeat(64));
    for i in 1..=24 {
        tf.push_str(&format!("  s{i} = \"${{local.s{p}}}${{local.s{p}}}\"\n", p = i - 1));
    }
    tf.push_str("}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.s24\n}\n");
    assert!(tf.len() < 2048);
    let budget = Budget { wall: Duration::from_secs(30), rss_mib: 512 };
    let run = scan_tree(&[("main.tf", tf.into_bytes())], budget);
    let warnings = warnings_for(&run, "main.tf");
    assert!(warnings.iter().any(|w| w.contains("local.s14") && w.contains("bytes")), "{warnings:?}");
}

/// Item 2: 20,000 nested `$( )` in a workflow `run:` (about 200 KB) no longer copy each
/// command's nested text.
#[test]
fn nested_command_substitutions_in_a_workflow_stay_linear() {
    let depth = 20_000;
    let script = format!("echo {}x{}", "\"$(echo ".repeat(depth), ")\"".repeat(depth));
    let workflow =
        format!("on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          {script}\n");
    let budget = Budget { wall: Duration::from_secs(60), rss_mib: 512 };
    scan_tree(&[(".github/workflows/ci.yml", workflow.into_bytes())], budget);
}

/// Item 4: a 5 MB string in HCL costs a small multiple of its size (it was ~240 bytes per
/// byte: one parse-tree leaf per character), whatever literal text it holds.
#[test]
fn a_five_megabyte_hcl_string_costs_a_small_multiple_of_its_size() {
    let unit = "x$y %z \\\" ";
    let body = unit.repeat((5 * 1024 * 1024 - 200) / unit.len());
    let tf = format!("resource \"aws_s3_bucket\" \"b\" {{\n  bucket = \"{body}\"\n}}\n");
    let budget = Budget { wall: Duration::from_secs(60), rss_mib: 400 };
    let run = scan_tree(&[("main.tf", tf.into_bytes())], budget);
    assert_eq!(report(&run)["stats"]["files_scanned"], 1);
}

/// Item 6: a 1 MB indented heredoc (`<<-EOT`, 40,000 lines) is read in linear time.
#[test]
fn a_large_indented_heredoc_is_linear() {
    let lines: String = (0..40_000).map(|i| format!("    line {i} ${{var.x}} here\n")).collect();
    let tf = format!(
        "variable \"x\" {{ default = \"v\" }}\nresource \"aws_iam_policy\" \"p\" {{\n  policy = <<-EOT\n{lines}  EOT\n}}\n"
    );
    assert!(tf.len() > 1_000_000);
    scan_tree(&[("main.tf", tf.into_bytes())], Budget::default());
}

/// Item 8: the module context of a small `main.tf` does not read a sibling the scan itself skips
/// as too large (an 8 MB `.tf` used to cost a minute for a 152-byte file).
#[test]
fn module_context_skips_siblings_over_the_size_limit() {
    let big: String = (0..200_000).map(|i| format!("variable \"v{i}\" {{ default = {i} }}\n")).collect();
    assert!(big.len() > 6 * 1024 * 1024);
    let main = "variable \"v1\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${var.v1}\"\n}\n";
    let budget = Budget { wall: Duration::from_secs(30), rss_mib: 512 };
    let run = scan_tree(&[("main.tf", main.as_bytes().to_vec()), ("huge.tf", big.into_bytes())], budget);
    let report = report(&run);
    assert_eq!(report["stats"]["skipped_too_large"], serde_json::json!(["huge.tf"]), "{report:#}");
    assert_eq!(report["stats"]["files_scanned"], 1);
}

/// Item 8: many locals, each defined after the one it uses, resolve in linear time (the old
/// rounds re-evaluated every pending local per round).
#[test]
fn many_chained_locals_resolve_in_linear_time() {
    let n = 30_000;
    let mut tf = String::from("locals {\n");
    for i in 0..n {
        tf.push_str(&format!("  l{i} = \"${{local.l{}}}\"\n", i + 1));
    }
    tf.push_str(&format!("  l{n} = \"end\"\n}}\nresource \"aws_s3_bucket\" \"b\" {{\n  bucket = local.l0\n}}\n"));
    scan_tree(&[("main.tf", tf.into_bytes())], Budget::default());
}

/// Item 24: locals in a cycle are named in a warning on the file that defines them; the scan
/// still passes or fails on its findings alone.
#[test]
fn locals_in_a_cycle_are_reported_not_silently_dropped() {
    let tf = "locals {\n  a = local.b\n  b = \"${local.a}-x\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.a\n}\n";
    let dir = tree_bytes(&[("infra/main.tf", tf.as_bytes().to_vec())]);
    let budget = Budget::default();
    let run = run(&["scan", ".", "--format", "json"], dir.path(), budget);
    run.assert_within(budget, &[0, 1]);
    let warnings = warnings_for(&run, "infra/main.tf");
    assert!(
        warnings.iter().any(|w| w.contains("local.a is part of a reference cycle (among local.a, local.b)")),
        "{warnings:?}"
    );
    assert_eq!(warnings.len(), 2, "one warning per local of the cycle: {warnings:?}");
}

/// Item 8: a sibling the user excluded does not feed the module context either.
#[test]
fn module_context_skips_excluded_siblings() {
    let main = "variable \"cidr\" { default = \"10.0.0.0/8\" }\nresource \"aws_security_group\" \"web\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [var.cidr]\n  }\n}\n";
    let dir = tree_bytes(&[("main.tf", main.as_bytes().to_vec()), ("open.tfvars", b"cidr = \"0.0.0.0/0\"\n".to_vec())]);
    let budget = Budget::default();
    let findings = |extra: &[&str]| {
        let args: Vec<&str> = ["scan", ".", "--format", "json"].iter().chain(extra).copied().collect();
        let run = run(&args, dir.path(), budget);
        run.assert_within(budget, &[0, 1]);
        report(&run)["findings"].as_array().expect("findings").len()
    };
    let with_tfvars = findings(&[]);
    let without = findings(&["--exclude", "open.tfvars"]);
    assert!(without < with_tfvars, "the excluded tfvars still opened the port: {without} vs {with_tfvars}");
}

/// Found by fuzzing: tree-sitter-hcl is super-linear on deeply nested, indented blocks (800
/// levels, 650 KB: 16 s in a release build). Nesting past the readers' depth limit is refused
/// before tree-sitter runs, with a diagnostic naming the line.
#[test]
fn deeply_nested_indented_blocks_are_refused_before_parsing() {
    let levels = 800;
    let mut tf: String = (0..levels).map(|i| format!("a = {{\n{}", "  ".repeat(i + 1))).collect();
    tf.push_str("x = 1\n");
    tf.push_str(&"}\n".repeat(levels));
    let budget = Budget { wall: Duration::from_secs(20), rss_mib: 256 };
    let run = scan_tree(&[("main.tf", tf.into_bytes())], budget);
    let diagnostics = report(&run)["diagnostics"].to_string();
    assert!(diagnostics.contains("nesting deeper than 128 levels"), "{diagnostics}");
}
