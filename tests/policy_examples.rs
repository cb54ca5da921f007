//! Every built-in check is one folder, `policies/<platform>/<service>/<ID>-<slug>/`, holding
//! `policy.rego` (with its `# METADATA` block), `policy_test.rego` and `examples/`: `bad/`
//! and `good/` files (at least one of each kind the check covers) and `expected.txt`, one `path:line:column message` line per finding the
//! bad files must produce, and `findings.snap`. This test runs each folder's examples through
//! the real scan pipeline: the bad files yield exactly the expected findings, the good files
//! none of that check's, and the `insta` snapshot pins both whole (end positions and snippets
//! too). A new check's snapshot is written by `INSTA_UPDATE=always cargo test --test
//! policy_examples` (or `cargo insta review`); read it before committing.

mod common;

use common::{Check, checks, repo_root};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;
use tollgate::analyse::{AnalyseOptions, Engines};
use tollgate::classify::classify;
use tollgate::discover::DiscoverOptions;
use tollgate::model::DiagnosticLevel;
use tollgate::model::Finding;
use tollgate::policy::{PolicySet, builtin_sources};
use tollgate::scan::{self, ScanOptions};
use tollgate::secrets::{SecretScanner, builtin_specs};

/// The built-in engines, built once for every example scan: the same library code the binary
/// runs (policies compiled per kind, from the sources each kind needs), without a process and a
/// policy compile per folder.
static ENGINES: LazyLock<Engines> = LazyLock::new(|| {
    Engines::with_lazy_policies(SecretScanner::new(builtin_specs().unwrap()).unwrap(), builtin_sources())
});

/// The findings of `id` when scanning `dir` (paths relative to `dir`), sorted by position, and
/// the scan's diagnostics.
fn scan(id: &str, dir: &Path) -> (Vec<Finding>, Vec<String>) {
    let opts = ScanOptions {
        discover: DiscoverOptions {
            paths: vec![dir.to_path_buf()],
            root: dir.to_path_buf(),
            default_excludes: true,
            excludes: Vec::new(),
            threads: 1,
        },
        max_file_size: 5 << 20,
        filter: Default::default(),
        progress: false,
        analyse: AnalyseOptions { redact: true, parse_errors: DiagnosticLevel::Error },
        shard: None,
    };
    let report = scan::files::scan_tree(&opts, &ENGINES).unwrap();
    let mut findings: Vec<Finding> = report.findings.into_iter().filter(|f| f.rule_id == id).collect();
    findings.sort_by(|a, b| {
        (&a.path, a.region.start_line, a.region.start_column, &a.message).cmp(&(
            &b.path,
            b.region.start_line,
            b.region.start_column,
            &b.message,
        ))
    });
    let diagnostics = report.diagnostics.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    (findings, diagnostics)
}

/// `path:line:column message`, the form of `expected.txt`.
fn expected_line(f: &Finding) -> String {
    format!("{}:{}:{} {}", f.path, f.region.start_line, f.region.start_column, f.message)
}

/// `expected.txt` without blank lines and `#` comments.
fn read_expected(check: &Check) -> Result<Vec<String>, String> {
    let path = check.dir.join("examples/expected.txt");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: cannot read {}: {e}", check.id, path.display()))?;
    Ok(text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect())
}

/// The kinds of the files under `dir`, classified by their paths relative to it.
fn kinds_in(dir: &Path) -> BTreeSet<String> {
    let mut kinds = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                kinds.insert(classify(&rel, &fs::read(&path).unwrap()).name().into_owned());
            }
        }
    }
    kinds
}

/// Everything wrong with one folder's layout and examples (empty when it is right), and the
/// snapshot text of its bad and good findings.
fn run_check(check: &Check) -> (Vec<String>, String) {
    let id = &check.id;
    let mut problems = Vec::new();
    let name = check.dir.file_name().unwrap().to_string_lossy().into_owned();
    let slug = name.strip_prefix(&format!("{id}-")).unwrap_or("");
    if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        problems.push(format!("{id}: folder `{name}` is not `{id}-<kebab-case-slug>`"));
    }
    let depth = check.dir.strip_prefix(repo_root().join("policies")).unwrap().components().count();
    if depth != 3 {
        problems.push(format!("{id}: {} is not policies/<platform>/<service>/<ID>-<slug>", check.dir.display()));
    }
    if !check.dir.join("policy_test.rego").is_file() {
        problems.push(format!("{id}: no policy_test.rego"));
    }
    let expected = read_expected(check).unwrap_or_else(|e| {
        problems.push(e);
        Vec::new()
    });
    if expected.is_empty() {
        problems.push(format!("{id}: examples/expected.txt lists no finding"));
    }
    let mut snapshot = String::new();
    for side in ["bad", "good"] {
        let dir = check.examples(side);
        if !dir.is_dir() {
            problems.push(format!("{id}: no examples/{side}/"));
            continue;
        }
        // An example of each kind the check covers, on both sides.
        let present = kinds_in(&dir);
        let missing: Vec<&String> = check.kinds.iter().filter(|k| !present.contains(*k)).collect();
        if !missing.is_empty() {
            problems.push(format!("{id}: examples/{side}/ has no file of kind {missing:?}"));
        }
        let (findings, diagnostics) = scan(id, &dir);
        let got: Vec<String> = findings.iter().map(expected_line).collect();
        let want = if side == "bad" { expected.clone() } else { Vec::new() };
        if got != want {
            problems.push(format!(
                "{id}: examples/{side}/ gave\n    {}\n  expected\n    {}",
                got.join("\n    "),
                want.join("\n    ")
            ));
        }
        if !diagnostics.is_empty() {
            problems.push(format!("{id}: examples/{side}/ has diagnostics {diagnostics:?}"));
        }
        snapshot.push_str(&format!("{side}:\n"));
        for f in &findings {
            let r = &f.region;
            snapshot.push_str(&format!(
                "  {} {}:{}:{}-{}:{} {}\n    | {}\n",
                f.rule_id, f.path, r.start_line, r.start_column, r.end_line, r.end_column, f.message, f.snippet
            ));
        }
    }
    (problems, snapshot)
}

#[test]
fn every_check_folder_produces_its_expected_findings() {
    let checks = checks();
    // 77 per-kind checks became fewer when each cross-kind concern became one check.
    assert!(checks.len() >= 50, "only {} check folders", checks.len());
    // `EXAMPLES_ONLY=TG-GHA,TG-GITLAB` runs only the checks whose ids start with one of the
    // prefixes (iterating on a few checks while others' examples are being fixed).
    let only: Vec<String> = std::env::var("EXAMPLES_ONLY")
        .map(|v| v.split(',').filter(|p| !p.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    let checks: Vec<Check> =
        checks.into_iter().filter(|c| only.is_empty() || only.iter().any(|p| c.id.starts_with(p.as_str()))).collect();
    let mut problems = Vec::new();
    let mut snapshots = Vec::new();
    for check in &checks {
        let (mut p, snapshot) = run_check(check);
        problems.append(&mut p);
        snapshots.push(snapshot);
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    // The whole output of each check's examples, end positions and snippets too, pinned in
    // the check's own folder: `examples/findings.snap`.
    for (check, snapshot) in checks.iter().zip(snapshots) {
        insta::with_settings!({
            snapshot_path => check.dir.join("examples"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("{} examples", check.id),
        }, {
            insta::assert_snapshot!("findings", snapshot);
        });
    }
}

#[test]
fn every_builtin_policy_is_a_check_folder_and_every_library_is_tested() {
    let set = PolicySet::new(&builtin_sources()).unwrap();
    let folders: BTreeSet<String> = checks().into_iter().map(|c| c.id).collect();
    let policies: BTreeSet<String> = set.policies().iter().map(|p| p.id.clone()).collect();
    assert_eq!(folders, policies);
    for p in set.policies() {
        assert!(p.source.ends_with("/policy.rego") && p.source.contains(&format!("/{}-", p.id)), "{}", p.source);
    }
    // Outside `lib/`, every Rego file is a check folder's policy or test.
    let loose: Vec<String> = builtin_sources()
        .into_iter()
        .map(|s| s.name)
        .filter(|n| {
            !n.starts_with("policies/lib/") && !n.ends_with("/policy.rego") && !n.ends_with("/policy_test.rego")
        })
        .collect();
    assert_eq!(loose, Vec::<String>::new());
    // Every shared helper module has its tests.
    let names: BTreeSet<String> = builtin_sources().into_iter().map(|s| s.name).collect();
    let untested: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("policies/lib/") && !n.ends_with("_test.rego"))
        .filter(|n| !names.contains(&n.replace(".rego", "_test.rego")))
        .collect();
    assert!(untested.is_empty(), "library modules without a _test.rego: {untested:?}");
    assert!(!repo_root().join("fixtures/policies").exists(), "examples live in the check folders");
}
