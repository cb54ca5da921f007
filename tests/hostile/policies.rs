//! Policies under hostile conditions: user policies that never end, recurse or allocate without
//! bound (each must cost its file a diagnostic naming the policy, and the scan exit 2, never
//! a crash), built-in policies on files built to make them quadratic, and built-in policies on
//! odd but parseable shapes (which must never raise an error).

use crate::{Budget, Run, run, scan_tree, tree_bytes};
use serde_json::Value;

const META: &str = r#"metadata := {"id": "TG-USER-900", "title": "t", "severity": "low", "description": "d",
  "remediation": "r", "kinds": ["dockerfile"]}"#;

/// A user policy `body` (a `deny` rule and helpers) in package `user.hostile`.
fn user_policy(body: &str) -> Vec<u8> {
    user_policy_importing("", body)
}

fn user_policy_importing(imports: &str, body: &str) -> Vec<u8> {
    format!("package user.hostile\n{imports}\n{META}\n{body}\n").into_bytes()
}

/// Scan a Dockerfile (which the user policy covers) and a Kubernetes manifest with a
/// built-in finding (which it does not) with the user policy in `pol/`.
fn scan_with_user_policy(policy: Vec<u8>, budget: Budget) -> (Run, Value) {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n  - name: web\n    image: nginx:1.25\n";
    let dir = tree_bytes(&[
        ("pol/hostile.rego", policy),
        ("src/Dockerfile", b"FROM alpine:3.19\nUSER app\n".to_vec()),
        ("src/pod.yaml", pod.as_bytes().to_vec()),
    ]);
    let r = run(&["scan", "src", "--policy", "pol", "--format", "json"], dir.path(), budget);
    r.assert_within(budget, &[2]);
    let report: Value = serde_json::from_str(&r.stdout).expect("a JSON report despite the policy error");
    (r, report)
}

/// The diagnostic names the policy file and the scanned file; the other file's findings are
/// still reported (the scan went on).
#[track_caller]
fn assert_blames_policy_and_file(report: &Value, what: &str) {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let found = diagnostics.iter().any(|d| {
        let text = d.to_string();
        text.contains("hostile.rego") && text.contains("Dockerfile") && text.contains(what)
    });
    assert!(found, "no diagnostic naming the policy, the file and `{what}`: {diagnostics:?}");
    let findings = report["findings"].as_array().expect("findings");
    assert!(findings.iter().any(|f| f["path"].as_str().unwrap_or("").ends_with("pod.yaml")), "{findings:?}");
}

#[test]
fn a_recursive_user_function_is_refused_not_a_stack_overflow() {
    let policy = user_policy("f(x) := y if { y := f(x + 1) }\ndeny contains {\"msg\": \"m\"} if f(1) > 0");
    let dir = tree_bytes(&[("pol/hostile.rego", policy), ("src/Dockerfile", b"FROM alpine:3.19\n".to_vec())]);
    let budget = Budget::default();
    let r = run(&["scan", "src", "--policy", "pol"], dir.path(), budget);
    r.assert_within(budget, &[2]);
    assert!(r.stderr.contains("hostile.rego") && r.stderr.contains("recursive"), "{}", r.stderr);

    // Mutual recursion through a library.
    let lib = b"package user.lib\nimport data.user.hostile\ng(x) := hostile.f(x)\n".to_vec();
    let policy =
        user_policy_importing("import data.user.lib", "f(x) := lib.g(x)\ndeny contains {\"msg\": \"m\"} if f(1)");
    let dir = tree_bytes(&[
        ("pol/hostile.rego", policy),
        ("pol/lib.rego", lib),
        ("src/Dockerfile", b"FROM alpine:3.19\n".to_vec()),
    ]);
    let r = run(&["scan", "src", "--policy", "pol"], dir.path(), budget);
    r.assert_within(budget, &[2]);
    assert!(r.stderr.contains("recursive"), "{}", r.stderr);
}

#[test]
fn a_billion_element_range_is_refused_not_allocated() {
    // Unbounded, this asks for ~24 GB at once.
    let policy = user_policy("deny contains {\"msg\": \"m\"} if count(numbers.range(1, 1e9)) > 0");
    let budget = Budget { rss_mib: 512, ..Budget::default() };
    let (_, report) = scan_with_user_policy(policy, budget);
    assert_blames_policy_and_file(&report, "numbers.range");
}

#[test]
fn a_comprehension_that_never_ends_is_stopped_by_the_time_limit() {
    // 3000^3 iterations: hours of work.
    let policy = user_policy(
        "deny contains {\"msg\": \"m\"} if {\n n := numbers.range(1, 3000)\n k := count([1 | some a in n; some b in n; some c in n])\n k < 0\n}",
    );
    let (_, report) = scan_with_user_policy(policy, Budget::default());
    assert_blames_policy_and_file(&report, "evaluation stopped after 5 s");
}

#[test]
fn a_dockerfile_with_thousands_of_stages_is_linear() {
    // Each FROM looked for earlier stages by scanning the whole file: 5,000 stages took 76 s.
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!("FROM alpine:3.19 AS s{i}\nRUN echo {i}\n"));
    }
    for i in 0..2000 {
        text.push_str(&format!("FROM s{i} AS t{i}\n"));
    }
    text.push_str("FROM t1999\nUSER root\n");
    let r = scan_tree(&[("Dockerfile", text.into_bytes())], Budget::default());
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(report["diagnostics"].as_array().unwrap().is_empty(), "{}", report["diagnostics"]);
    // The final stage's lineage ends in USER root.
    assert!(r.stdout.contains("TG-DOCKER-001"), "{}", r.stdout);
}

#[test]
fn a_workflow_with_thousands_of_steps_is_linear() {
    let mut text = String::from("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n");
    for i in 0..4000 {
        text.push_str(&format!(
            "      - name: step {i}\n        run: echo {i} && curl -s https://x.example/{i}.sh | sh\n"
        ));
    }
    let r = scan_tree(&[(".github/workflows/ci.yml", text.into_bytes())], Budget::default());
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(report["diagnostics"].as_array().unwrap().is_empty(), "{}", report["diagnostics"]);
}

#[test]
fn terraform_with_a_thousand_buckets_is_linear() {
    // Each bucket was compared with every versioning and encryption resource, and each of
    // those with every bucket again: 250 buckets broke the time limit, 1,000 took minutes.
    let mut tf = String::new();
    for i in 0..1000 {
        tf.push_str(&format!(
            "resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"bucket-{i}\"\n}}\n\
             resource \"aws_s3_bucket_versioning\" \"b{i}\" {{\n  bucket = aws_s3_bucket.b{i}.id\n  \
             versioning_configuration {{\n    status = \"Enabled\"\n  }}\n}}\n"
        ));
    }
    let report = assert_no_policy_error(&[("main.tf", tf.into_bytes())]);
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.iter().any(|f| f["rule_id"] == "TG-AWS-011"), "a referenced versioning was missed");
    assert!(findings.iter().filter(|f| f["rule_id"] == "TG-AWS-010").count() == 1000);
}

/// Scan `files` and assert no policy raised an error (exit 0 or 1, no diagnostics).
#[track_caller]
fn assert_no_policy_error(files: &[(&str, Vec<u8>)]) -> Value {
    let r = scan_tree(files, Budget::default());
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(report["diagnostics"].as_array().unwrap().is_empty(), "{}", report["diagnostics"]);
    report
}

#[test]
fn odd_shapes_raise_no_policy_error() {
    assert_no_policy_error(&[
        ("template.yaml", b"AWSTemplateFormatVersion: '2010-09-09'\n".to_vec()),
        ("scalar.template.json", b"\"AWSTemplateFormatVersion\"\n".to_vec()),
        ("main.tf", b"resource \"aws_s3_bucket\" \"b\" {\n  tags = \"x\"\n  versioning = \"on\"\n}\nresource \"aws_security_group\" \"g\" {\n  ingress = \"all\"\n  egress = 5\n}\nresource \"aws_iam_policy\" \"p\" {\n  policy = 7\n}\n".to_vec()),
    ]);
}

#[test]
fn bucket_names_are_text_not_regexes() {
    // `a(b` made an invalid regex (a policy error, exit 2); `.*` matched every reference, so
    // the versioning resource of bucket `x` counted for the bucket named `.*` too.
    let tf = r#"resource "aws_s3_bucket" "a(b" {
  bucket = "one"
}
resource "aws_s3_bucket" ".*" {
  bucket = "two"
}
resource "aws_s3_bucket" "x" {
  bucket = "three"
}
resource "aws_s3_bucket_versioning" "x" {
  bucket = aws_s3_bucket.x.id
  versioning_configuration {
    status = "Enabled"
  }
}
"#;
    let report = assert_no_policy_error(&[("main.tf", tf.as_bytes().to_vec())]);
    let versioning: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap_or("").to_lowercase().contains("versioning"))
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert!(versioning.iter().any(|m| m.contains("`.*`")), "bucket `.*` lost its finding: {versioning:?}");
    assert!(versioning.iter().any(|m| m.contains("`a(b`")), "{versioning:?}");
    assert!(!versioning.iter().any(|m| m.contains("`x`")), "{versioning:?}");
}

#[test]
fn a_policy_that_doubles_a_string_to_gigabytes_stops_the_scan_with_a_reason() {
    // Thirty-two doublings in a chain of helpers (no recursion): 4 GiB within milliseconds,
    // before the time limit can look. The process must stop itself, naming the file, instead of
    // being killed for memory.
    let policy = user_policy(
        "d1(s) := concat(\"\", [s, s])\nd2(s) := d1(d1(s))\nd4(s) := d2(d2(s))\nd8(s) := d4(d4(s))\n\
         d16(s) := d8(d8(s))\nd32(s) := d16(d16(s))\ndeny contains {\"msg\": \"m\"} if count(d32(\"x\")) < 0",
    );
    let dir = tree_bytes(&[("pol/hostile.rego", policy), ("src/Dockerfile", b"FROM alpine:3.19\nUSER app\n".to_vec())]);
    let budget = Budget { rss_mib: 1800, ..Budget::default() };
    let r = run(&["scan", "src", "--policy", "pol", "--format", "json"], dir.path(), budget);
    r.assert_within(budget, &[2]);
    assert!(r.stderr.contains("Dockerfile") && r.stderr.contains("more than 1 GiB"), "{}", r.stderr);
}
