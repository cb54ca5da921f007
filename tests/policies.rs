//! The built-in policy pack as a whole (its Rego unit tests, shapes it must survive, per-kind
//! compilation, the README table), user policies (both ways of stating metadata), and how parse
//! and policy errors reach the gate. Each check's own examples are run by `policy_examples.rs`.

mod common;

use common::{repo_root, scan_json, tollgate};
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use tempfile::TempDir;
use tollgate::analyse::{AnalyseOptions, Engines};
use tollgate::discover::DiscoverOptions;
use tollgate::model::DiagnosticLevel;
use tollgate::policy::metadata::KINDS;
use tollgate::policy::select::sources_for_kind;
use tollgate::policy::{PolicySet, builtin_sources, test::run_tests};
use tollgate::scan::{self, ScanOptions};
use tollgate::secrets::{SecretScanner, builtin_specs};

#[test]
fn rego_unit_tests_pass() {
    let results = run_tests(&builtin_sources()).unwrap();
    let failed: Vec<String> =
        results.iter().filter(|r| !r.passed).map(|r| format!("{}: {:?}", r.name, r.detail)).collect();
    assert!(!results.is_empty());
    assert_eq!(failed, Vec::<String>::new());
    tollgate().args(["policy", "test"]).assert().code(0).stdout(predicate::str::contains(" 0 failed"));
}

const USER_POLICY: &str = r#"package acme.k8s.team_label
metadata := {"id": "ACME-001", "title": "Workload without a team label", "severity": "medium",
  "description": "Every workload names its owning team.", "remediation": "Add metadata.labels.team.",
  "kinds": ["kubernetes"]}
deny contains v if {
  not input.document.metadata.labels.team
  v := {"msg": sprintf("%s `%s` has no team label", [input.document.kind, input.document.metadata.name]),
        "path": ["metadata", "labels"]}
}
"#;

const DEPLOYMENT: &str =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  replicas: 2\n";

#[test]
fn user_policies_run_with_exact_regions_and_explain() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("policy")).unwrap();
    fs::write(dir.path().join("policy/team.rego"), USER_POLICY).unwrap();
    fs::create_dir(dir.path().join("k8s")).unwrap();
    fs::write(dir.path().join("k8s/api.yaml"), DEPLOYMENT).unwrap();

    let (code, report, _) = scan_json(&["k8s", "--policy", "policy", "--fail-on", "medium"], dir.path());
    let f = report["findings"].as_array().unwrap().iter().find(|f| f["rule_id"] == "ACME-001").expect("finding");
    assert_eq!(f["path"], "k8s/api.yaml");
    assert_eq!(f["region"]["start_line"], 5, "blames metadata.labels, not the document");
    assert_eq!(f["message"], "Deployment `api` has no team label");
    assert_eq!(code, 1);

    tollgate()
        .current_dir(dir.path())
        .args(["explain", "ACME-001", "--policy", "policy"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Add metadata.labels.team."));
    tollgate().args(["explain", "NOPE-404"]).assert().code(2);
}

/// [`USER_POLICY`] with its metadata in a `# METADATA` block, as the built-in checks state it.
const USER_POLICY_ANNOTATED: &str = r#"# METADATA
# title: Workload without a team label
# description: Every workload names its owning team.
# related_resources:
#   - https://wiki.acme.test/labels
# custom:
#   id: ACME-003
#   severity: medium
#   remediation: Add metadata.labels.team.
#   kinds: [kubernetes]
package acme.k8s.team_label_annotated
deny contains v if {
  not input.document.metadata.labels.team
  v := {"msg": sprintf("%s `%s` has no team label", [input.document.kind, input.document.metadata.name]),
        "path": ["metadata", "labels"]}
}
"#;

#[test]
fn user_policies_may_state_metadata_either_way() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("policy")).unwrap();
    fs::write(dir.path().join("policy/rule.rego"), USER_POLICY).unwrap();
    fs::write(dir.path().join("policy/block.rego"), USER_POLICY_ANNOTATED).unwrap();
    fs::write(dir.path().join("api.yaml"), DEPLOYMENT).unwrap();
    let (code, report, stderr) = scan_json(&["api.yaml", "--policy", "policy", "--fail-on", "never"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let mut found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"].as_str().unwrap().starts_with("ACME-"))
        .map(|f| {
            format!("{} {}:{}", f["rule_id"].as_str().unwrap(), f["region"]["start_line"], f["region"]["start_column"])
        })
        .collect();
    found.sort();
    assert_eq!(found, ["ACME-001 5:3", "ACME-003 5:3"]);
    tollgate().current_dir(dir.path()).args(["explain", "ACME-003", "--policy", "policy"]).assert().code(0).stdout(
        predicate::str::contains("Add metadata.labels.team.")
            .and(predicate::str::contains("https://wiki.acme.test/labels")),
    );
    tollgate()
        .current_dir(dir.path())
        .args(["policies", "--policy", "policy"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ACME-001").and(predicate::str::contains("ACME-003")));

    // A malformed block is a load error naming the file and the field: exit 2.
    fs::write(
        dir.path().join("policy/block.rego"),
        USER_POLICY_ANNOTATED.replace("severity: medium", "severity: mediun"),
    )
    .unwrap();
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "api.yaml", "--policy", "policy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("block.rego: invalid `# METADATA` block: `custom.severity`"));
}

#[test]
fn a_policy_that_fails_at_evaluation_exits_2_naming_its_file() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("policy")).unwrap();
    // Division by a string is a runtime error in strict builtin mode and malformed output otherwise;
    // either way the policy cannot be trusted.
    let broken = USER_POLICY
        .replace("v := {\"msg\"", "x := input.document.metadata.name\n  v := {\"message\": x, \"msg_missing\"");
    fs::write(dir.path().join("policy/broken.rego"), broken).unwrap();
    fs::write(dir.path().join("api.yaml"), DEPLOYMENT).unwrap();
    let (code, report, _) = scan_json(&["api.yaml", "--policy", "policy"], dir.path());
    assert_eq!(code, 2);
    let d = &report["diagnostics"][0];
    assert_eq!(d["level"], "error");
    assert!(d["path"].as_str().unwrap().ends_with("broken.rego"), "{d}");

    // A policy that does not compile is a load error: exit 2 before scanning.
    fs::write(dir.path().join("policy/broken.rego"), "package x\ndeny contains v if {").unwrap();
    tollgate()
        .current_dir(dir.path())
        .args(["scan", ".", "--policy", "policy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.rego"));
}

#[test]
fn unparseable_files_are_diagnostics_and_the_gate_is_configurable() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("pod.yaml"), "apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n").unwrap();
    let (code, report, stderr) = scan_json(&["."], dir.path());
    assert_eq!(code, 0, "a parse error warns by default: {stderr}");
    let d = &report["diagnostics"][0];
    assert_eq!(d["path"], "pod.yaml");
    assert_eq!(d["level"], "warning");
    assert!(d["line"].as_u64().is_some(), "{d}");

    let (code, _, _) = scan_json(&[".", "--on-parse-error", "fail"], dir.path());
    assert_eq!(code, 2);
}

#[test]
fn hostile_yaml_is_a_diagnostic_not_a_crash() {
    let dir = TempDir::new().unwrap();
    let mut bomb = String::from(
        "apiVersion: v1\nkind: ConfigMap\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, prev) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
        let name = ["b", "c", "d", "e", "f", "g", "h", "i"][i];
        bomb.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    fs::write(dir.path().join("bomb.yaml"), bomb).unwrap();
    let deep = format!("apiVersion: v1\nkind: ConfigMap\ndata: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    fs::write(dir.path().join("deep.yaml"), deep).unwrap();
    let (code, report, _) = scan_json(&["."], dir.path());
    assert_eq!(code, 0);
    let paths: Vec<&str> =
        report["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, vec!["bomb.yaml", "deep.yaml"]);
}

/// Real files hold values of unexpected types (`ingress = var.rules`, an empty `containers:`),
/// and in regorus iterating over a string or null is an evaluation error, not "undefined". A
/// built-in policy must never error: take each fixture document, replace a sample of its nodes with
/// null, an unresolved expression or an empty list, and evaluate every policy of the kind.
#[test]
fn builtin_policies_never_error_on_unexpected_shapes() {
    use tollgate::classify::classify;
    use tollgate::kinds::documents;
    use tollgate::syntax::terraform::ModuleCache;

    let set = PolicySet::new(&builtin_sources()).unwrap();
    let mut engine = set.worker();
    let modules = ModuleCache::default();
    let mut errors = Vec::new();
    let mut evaluations = 0;
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    let mut stack: Vec<_> = common::checks().into_iter().map(|c| c.dir.join("examples")).collect();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().unwrap() != "expected.txt" {
                files.push(path);
            }
        }
    }
    files.sort();
    for file in files {
        let bytes = fs::read(&file).unwrap();
        let display = file.strip_prefix(repo_root()).unwrap().to_string_lossy().into_owned();
        let kind = classify(&display, &bytes);
        let Ok(Some(docs)) = documents(kind, &bytes, &display, Some(&file), &modules) else { continue };
        for doc in docs {
            let mut containers = Vec::new();
            collect_containers(&doc.value, &mut Vec::new(), &mut containers);
            // The Terraform parser guarantees the address skeleton (`resource.TYPE.NAME` are
            // objects); below it any attribute may hold any value (`ingress = var.rules`).
            // The Dockerfile document's shape is fixed by the parser, whatever the file says.
            match kind.name().as_ref() {
                "terraform" => {
                    containers.retain(|p| p.len() > 3 || !matches!(p[0].as_str(), Some("resource" | "data")))
                }
                "dockerfile" => containers.clear(),
                _ => {}
            }
            // An even sample of each document's nodes.
            let step = containers.len().div_ceil(12).max(1);
            for path in containers.iter().step_by(step) {
                for replacement in [json!(null), json!("${var.unknown}"), json!([])] {
                    let mut mutated = doc.value.clone();
                    *pointer_mut(&mut mutated, path) = replacement.clone();
                    evaluations += 1;
                    let facets =
                        kind.kind().facets(&tollgate::syntax::Document { value: mutated.clone(), ..doc.clone() });
                    let (_, errs) = set.evaluate(&mut engine, &kind.name(), &display, &mutated, &facets);
                    errors
                        .extend(errs.into_iter().map(|e| format!("{display} {path:?} = {replacement}: {}", e.message)));
                }
            }
        }
    }
    assert!(evaluations > 300, "the mutation corpus is too small ({evaluations})");
    let total = errors.len();
    errors.truncate(12);
    assert!(errors.is_empty(), "{evaluations} evaluations, {total} errors; first:\n{}", errors.join("\n\n"));
}

use serde_json::{Value as Json, json};

/// Paths of every node below the root, containers and scalars alike.
fn collect_containers(v: &Json, path: &mut Vec<Json>, out: &mut Vec<Vec<Json>>) {
    if !path.is_empty() {
        out.push(path.clone());
    }
    let children: Vec<(Json, &Json)> = match v {
        Json::Object(m) => m.iter().map(|(k, v)| (json!(k), v)).collect(),
        Json::Array(a) => a.iter().enumerate().map(|(i, v)| (json!(i), v)).collect(),
        _ => return,
    };
    for (key, child) in children {
        path.push(key);
        collect_containers(child, path, out);
        path.pop();
    }
}

fn pointer_mut<'a>(v: &'a mut Json, path: &[Json]) -> &'a mut Json {
    path.iter().fold(v, |node, seg| match seg {
        Json::String(k) => &mut node[k.as_str()],
        Json::Number(i) => &mut node[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

#[test]
fn readme_policy_table_matches_the_metadata() {
    let out = tollgate().args(["policies", "--markdown"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let readme = fs::read_to_string(repo_root().join("README.md")).unwrap();
    assert!(
        readme.contains(&table),
        "README.md's policy table is stale: regenerate it with `tollgate policies --markdown`"
    );
}

#[test]
fn the_readme_policy_example_loads() {
    let readme = fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme.find("```rego\n# METADATA").expect("README shows a policy with a # METADATA block");
    let example = &readme[start + "```rego\n".len()..];
    let example = &example[..example.find("```").unwrap()];
    let mut sources: Vec<_> = builtin_sources().into_iter().filter(|s| s.name.starts_with("policies/lib/")).collect();
    sources.push(tollgate::policy::RegoSource::new("README.md", example));
    let set = PolicySet::new(&sources).unwrap();
    let meta = &set.policies()[0];
    assert_eq!((meta.id.as_str(), meta.kinds.as_slice()), ("ACME-001", ["kubernetes".to_string()].as_slice()));
    assert_eq!(meta.aliases, ["CKV_K8S_99"]);
}

#[test]
fn a_violation_text_narrows_the_region_to_the_command() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("policy")).unwrap();
    fs::write(
        dir.path().join("policy/curl.rego"),
        r#"package acme.gha.curl_sh
metadata := {"id": "ACME-002", "title": "curl piped to a shell", "severity": "high",
  "description": "d", "remediation": "r", "kinds": ["github-actions"]}
deny contains v if {
  some j, job in input.document.jobs
  some i, step in job.steps
  m := regex.find_n(`curl [^|\n]*\| *(ba)?sh`, step.run, 1)
  count(m) == 1
  v := {"msg": "pipes curl into a shell", "path": ["jobs", j, "steps", i, "run"], "text": m[0]}
}
"#,
    )
    .unwrap();
    fs::create_dir_all(dir.path().join(".github/workflows")).unwrap();
    fs::write(
        dir.path().join(".github/workflows/ci.yml"),
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo start\n          curl -fsSL https://get.example.sh | sh\n",
    )
    .unwrap();
    let (_, report, _) = scan_json(&[".", "--policy", "policy", "--fail-on", "never"], dir.path());
    let f = report["findings"].as_array().unwrap().iter().find(|f| f["rule_id"] == "ACME-002").expect("finding");
    assert_eq!(f["region"]["start_line"], 8, "the curl line, not the `run:` key");
    assert_eq!(f["region"]["start_column"], 11);
}

#[test]
fn credential_policies_mask_the_value_unless_asked() {
    let set = PolicySet::new(&builtin_sources()).unwrap();
    let redacting: Vec<&str> = set.policies().iter().filter(|p| p.redact).map(|p| p.id.as_str()).collect();
    // The nine per-kind "secret in env" checks are one now (TG-ENV-001).
    assert!(redacting.len() >= 2 && redacting.contains(&"TG-ENV-001"), "{redacting:?}");
    let mut policies_masking = 0;
    for &id in &redacting {
        let dir = common::check(id).examples("bad");
        let dir = dir.to_str().unwrap();
        // (this policy's snippets, every finding's message and snippet)
        let snippets = |extra: &[&str]| -> (Vec<String>, Vec<String>) {
            let mut args = vec![dir, "--fail-on", "never"];
            args.extend(extra);
            let (_, report, _) = scan_json(&args, repo_root());
            let findings = report["findings"].as_array().unwrap();
            let all = findings.iter().map(|f| format!("{} | {}", f["message"], f["snippet"])).collect();
            let own =
                findings.iter().filter(|f| f["rule_id"] == id).map(|f| f["snippet"].as_str().unwrap().to_string());
            (own.collect(), all)
        };
        let ((masked, masked_all), (raw, raw_all)) = (snippets(&[]), snippets(&["--no-redact"]));
        assert_eq!(masked.len(), raw.len(), "{id}");
        let mut changed = 0;
        for (m, r) in masked.iter().zip(&raw) {
            if m != r {
                changed += 1;
                assert!(m.contains("****") && !r.contains("****"), "{id}: {m} / {r}");
            }
        }
        // Snippets that show the literal are masked. A line like `container_definitions = <<DEFS`
        // or `- Name: API_KEY` shows none (a name is no credential): then nothing may differ.
        if changed > 0 {
            policies_masking += 1;
        } else {
            assert_eq!(masked_all, raw_all, "{id}: only a literal is masked");
        }
    }
    assert!(policies_masking >= redacting.len() - 1, "{policies_masking} of {redacting:?} masked a snippet");
}

#[test]
fn builtin_policies_compile_only_when_a_file_needs_them() {
    let engines = Engines::with_lazy_policies(SecretScanner::new(builtin_specs().unwrap()).unwrap(), builtin_sources());
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("main.rs"), "fn main() {}\n").unwrap();
    let opts = |path: &Path| ScanOptions {
        discover: DiscoverOptions {
            paths: vec![path.to_path_buf()],
            root: path.to_path_buf(),
            default_excludes: true,
            excludes: Vec::new(),
            threads: 1,
        },
        max_file_size: 1 << 20,
        filter: Default::default(),
        progress: false,
        analyse: AnalyseOptions { redact: true, parse_errors: DiagnosticLevel::Warning },
        shard: None,
    };
    scan::files::scan_tree(&opts(dir.path()), &engines).unwrap();
    assert!(engines.compiled_policies().is_empty(), "a source-only scan must not pay for the policy compile");

    let k8s = common::check("TG-K8S-001").examples("bad");
    let report = scan::files::scan_tree(&opts(&k8s), &engines).unwrap();
    // Only the Kubernetes policies (and the modules they use) were compiled.
    let compiled = engines.compiled_policies();
    assert_eq!(compiled.len(), 1);
    assert!(compiled[0].policies().iter().all(|p| p.kinds.iter().any(|k| k == "kubernetes")));
    assert!(report.findings.iter().any(|f| f.rule_id == "TG-K8S-001"));
    assert!(report.rules.iter().any(|r| r.id == "TG-K8S-001"), "fired policies are described in reports");
}

#[test]
fn each_kind_compiles_exactly_its_policies_from_the_sources_it_needs() {
    let sources = builtin_sources();
    let all = PolicySet::new(&sources).unwrap();
    // Every built-in policy states its kinds in a `# METADATA` block, which selection reads.
    for meta in all.policies() {
        let source = sources.iter().find(|s| s.name == meta.source).unwrap();
        assert_eq!(source.annotation().unwrap().map(|m| m.kinds), Some(meta.kinds.clone()), "{}", meta.source);
    }
    let mut selected_somewhere = std::collections::BTreeSet::new();
    for kind in KINDS.iter().copied() {
        let needed: Vec<_> = sources_for_kind(&sources, kind, None).into_iter().cloned().collect();
        let set = PolicySet::new(&needed).unwrap();
        let ids = |set: &PolicySet| -> Vec<String> {
            set.policies().iter().filter(|p| p.kinds.iter().any(|k| k == kind)).map(|p| p.id.clone()).collect()
        };
        assert_eq!(ids(&set), ids(&all), "{kind}");
        assert!(needed.len() < sources.len() / 2, "{kind} needs {} sources", needed.len());
        selected_somewhere.extend(needed.into_iter().map(|s| s.name));
    }
    // Every module some kind needs (a library no policy references would be dead code).
    let modules: std::collections::BTreeSet<String> =
        sources.iter().filter(|s| !s.is_test()).map(|s| s.name.clone()).collect();
    assert_eq!(selected_somewhere, modules);
}
