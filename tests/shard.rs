//! `scan --shard K/N` and `tollgate merge`: N shards together report exactly what one process
//! reports (same findings, same fingerprints, same verdict), on a directory tree and on a
//! history; the merged SARIF is valid and one run per category; Terraform module context holds
//! across shards; GitLab's `parallel:` variables pick the shard.

mod common;

use common::{git, tollgate, tree, write};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;
use tempfile::TempDir;
use tollgate::shard::Shard;

const SHARD_COUNTS: [u32; 4] = [1, 2, 3, 7];

/// A Terraform module whose findings in `main.tf` need the sibling file's variable and local.
const MAIN_TF: &str = r#"resource "aws_s3_bucket_acl" "b" {
  bucket = "x"
  acl    = var.acl
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [local.anywhere]
  security_group_id = "sg-1"
}
"#;
const VARS_TF: &str = r#"variable "acl" {
  default = "public-read"
}

locals {
  anywhere = "0.0.0.0/0"
}
"#;

/// A mixed tree: Terraform split over files, Dockerfiles, workflows, secrets in source.
fn fixture() -> TempDir {
    let mut files: Vec<(String, String)> = vec![
        ("infra/main.tf".into(), MAIN_TF.into()),
        ("infra/variables.tf".into(), VARS_TF.into()),
        ("Dockerfile".into(), "FROM ubuntu:latest\nADD http://example.com/x.tgz /x\nUSER root\n".into()),
        ("svc/Dockerfile".into(), "FROM node\nRUN curl -k https://example.com | sh\n".into()),
        (
            ".github/workflows/ci.yml".into(),
            "on: pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: echo ${{ github.event.pull_request.title }}\n".into(),
        ),
        ("src/app.py".into(), "import os\nAWS_KEY = 'AKIAZ3MSJV4WWKAO7QPQ'\n".into()),
        ("src/web.js".into(), "const token = \"ghp_R2d3Kp9xQ7mN4vB8cL1zT6wY0sJ5hF2gA3eU\";\n".into()),
        ("src/ignored.py".into(), "k = 'AKIAQYLPMN5HHHFPZAM2'  # tollgate:ignore\n".into()),
    ];
    for i in 0..12 {
        files.push((format!("pkg/m{i}.py"), format!("password = \"hunter{i}-Zq8!vT3#rW\"\n")));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    tree(&refs)
}

/// Run tollgate in `dir`; (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = tollgate()
        .current_dir(dir)
        .env_remove("CI_NODE_INDEX")
        .env_remove("CI_NODE_TOTAL")
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().expect("exited"), text(&out.stdout), text(&out.stderr))
}

fn json_of(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// (path, line, column, rule, fingerprint) of each finding and suppressed finding.
fn identities(report: &Value) -> BTreeSet<String> {
    ["findings", "suppressed"]
        .iter()
        .flat_map(|k| report[k].as_array().unwrap())
        .map(|f| {
            format!(
                "{} {}:{}:{} {} {} {}",
                f["path"],
                f["region"]["start_line"],
                f["region"]["start_column"],
                f["region"]["end_column"],
                f["rule_id"],
                f["fingerprint"],
                f["commit"]["id"]
            )
        })
        .collect()
}

/// The report with what legitimately differs between runs (timings) left out.
fn comparable(mut report: Value) -> Value {
    report["stats"]["elapsed"] = json!(0);
    report.as_object_mut().unwrap().remove("shards");
    report
}

fn schema_errors(doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    validator.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

/// Scan `dir` whole and in `n` shards (extra `args` on each), in `format`; the whole report's
/// exit code and path, and the shards' paths.
fn scan_whole_and_shards(
    dir: &Path,
    out: &Path,
    n: u32,
    format: &str,
    args: &[&str],
) -> (i32, std::path::PathBuf, Vec<std::path::PathBuf>) {
    let whole = out.join(format!("whole.{format}"));
    let mut base = vec!["scan", "-q", "-f", format];
    base.extend_from_slice(args);
    let (code, _, stderr) = run(dir, &[&base[..], &["-o", whole.to_str().unwrap()]].concat());
    assert!(code == 0 || code == 1, "{stderr}");
    let mut shards = Vec::new();
    for k in 1..=n {
        let path = out.join(format!("shard-{k}-of-{n}.{format}"));
        let shard = format!("{k}/{n}");
        let (c, _, stderr) = run(dir, &[&base[..], &["--shard", &shard, "-o", path.to_str().unwrap()]].concat());
        assert!(c == 0 || c == 1, "{stderr}");
        shards.push(path);
    }
    (code, whole, shards)
}

fn merge(dir: &Path, out: &Path, inputs: &[std::path::PathBuf], extra: &[&str]) -> (i32, String) {
    let mut args = vec!["merge".to_string(), out.display().to_string()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, stderr) = run(dir, &refs);
    (code, stderr)
}

#[test]
fn shards_of_a_tree_add_up_to_the_whole_scan_in_json() {
    let dir = fixture();
    let out = TempDir::new().unwrap();
    for n in SHARD_COUNTS {
        let (code, whole, shards) = scan_whole_and_shards(dir.path(), out.path(), n, "json", &["."]);
        let whole = json_of(&whole);
        assert!(whole.get("shard").is_none());
        assert!(identities(&whole).len() > 15, "the fixture finds plenty: {whole:#}");
        let mut union = BTreeSet::new();
        let mut scanned = 0;
        for (k, path) in shards.iter().enumerate() {
            let report = json_of(path);
            assert_eq!(report["shard"], format!("{}/{n}", k + 1));
            let ids = identities(&report);
            assert!(union.is_disjoint(&ids), "shards overlap: {ids:?}");
            union.extend(ids);
            scanned += report["stats"]["files_scanned"].as_u64().unwrap();
        }
        assert_eq!(union, identities(&whole), "{n} shards");
        assert_eq!(scanned, whole["stats"]["files_scanned"].as_u64().unwrap(), "each file read by one shard");

        let merged = out.path().join("merged.json");
        let (merged_code, stderr) = merge(dir.path(), &merged, &shards, &[]);
        assert_eq!(merged_code, code, "the merged verdict is the whole scan's: {stderr}");
        assert!(stderr.contains("verdict FAIL"), "{stderr}");
        let merged = json_of(&merged);
        if n > 1 {
            assert_eq!(merged["shards"].as_array().unwrap().len(), n as usize);
        }
        assert_eq!(comparable(merged), comparable(whole.clone()), "{n} shards merged");
        let (never, _) = merge(dir.path(), &out.path().join("never.json"), &shards, &["--fail-on", "never"]);
        assert_eq!(never, 0);
    }
}

#[test]
fn merged_sarif_is_valid_one_run_and_equals_the_whole_scan() {
    let dir = fixture();
    let out = TempDir::new().unwrap();
    for n in SHARD_COUNTS {
        let (code, whole, shards) = scan_whole_and_shards(dir.path(), out.path(), n, "sarif", &["."]);
        let whole = json_of(&whole);
        for (k, path) in shards.iter().enumerate() {
            let log = json_of(path);
            assert_eq!(schema_errors(&log), Vec::<String>::new());
            let run = &log["runs"][0];
            assert_eq!(run["properties"]["shard"], format!("{}/{n}", k + 1));
            assert_eq!(run["automationDetails"]["id"], format!("tollgate/shard-{}-of-{n}", k + 1));
        }
        let merged_path = out.path().join("merged.sarif");
        let (merged_code, stderr) = merge(dir.path(), &merged_path, &shards, &[]);
        assert_eq!(merged_code, code, "{stderr}");
        let merged = json_of(&merged_path);
        assert_eq!(schema_errors(&merged), Vec::<String>::new());
        let [run] = &merged["runs"].as_array().unwrap()[..] else { panic!("one run: {merged:#}") };
        let whole_run = &whole["runs"][0];
        assert_eq!(run["automationDetails"]["id"], "tollgate/");
        assert_eq!(run["results"], whole_run["results"], "{n} shards: same results, fingerprints, order");
        assert_eq!(run["tool"]["driver"]["rules"], whole_run["tool"]["driver"]["rules"]);
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        // The order of the inputs does not matter.
        let reversed: Vec<_> = shards.iter().rev().cloned().collect();
        let again = out.path().join("again.sarif");
        merge(dir.path(), &again, &reversed, &[]);
        assert_eq!(json_of(&again), merged);
        for threshold in ["critical", "medium", "never"] {
            let (whole_code, _, _) = run_scan_fail_on(dir.path(), threshold);
            let (m, _) = merge(dir.path(), &out.path().join("t.sarif"), &shards, &["--fail-on", threshold]);
            assert_eq!(m, whole_code, "--fail-on {threshold}");
        }
    }
}

fn run_scan_fail_on(dir: &Path, threshold: &str) -> (i32, String, String) {
    run(dir, &["scan", "-q", ".", "--fail-on", threshold])
}

#[test]
fn a_failed_shard_fails_the_merge_and_runs_of_other_categories_stay_apart() {
    let dir = fixture();
    let out = TempDir::new().unwrap();
    let good = out.path().join("good.sarif");
    run(dir.path(), &["scan", "-q", "-f", "sarif", "--shard", "1/2", "-o", good.to_str().unwrap(), "."]);
    let mut broken = json_of(&good);
    broken["runs"][0]["invocations"][0]["executionSuccessful"] = json!(false);
    broken["runs"][0]["automationDetails"]["id"] = json!("tollgate/shard-2-of-2");
    let broken_path = out.path().join("broken.sarif");
    std::fs::write(&broken_path, broken.to_string()).unwrap();
    let merged = out.path().join("m.sarif");
    let (code, stderr) = merge(dir.path(), &merged, &[good.clone(), broken_path], &["--fail-on", "never"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(json_of(&merged)["runs"][0]["invocations"][0]["executionSuccessful"], false);

    let other = out.path().join("other.sarif");
    run(dir.path(), &["scan", "-q", "-f", "sarif", "--sarif-category", "iac", "-o", other.to_str().unwrap(), "."]);
    let (_, stderr) = merge(dir.path(), &merged, &[good, other], &[]);
    let ids: Vec<Value> =
        json_of(&merged)["runs"].as_array().unwrap().iter().map(|r| r["automationDetails"]["id"].clone()).collect();
    assert_eq!(ids, [json!("iac/"), json!("tollgate/")], "{stderr}");

    let (code, stderr) = merge(dir.path(), &merged, &[out.path().join("missing.sarif")], &[]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn terraform_module_context_holds_when_its_files_are_in_different_shards() {
    // A sibling file name whose shard (of 2) differs from main.tf's.
    let n = 2;
    let owner = |p: &str| (1..=n).find(|&index| Shard { index, total: n }.owns(p)).unwrap();
    let vars = (0..100).map(|i| format!("mod/vars{i}.tf")).find(|v| owner(v) != owner("mod/main.tf")).unwrap();
    let dir = tree(&[("mod/main.tf", MAIN_TF), (&vars, VARS_TF)]);
    let shard = format!("{}/{n}", owner("mod/main.tf"));
    let (code, stdout, stderr) = run(dir.path(), &["scan", "-q", "-f", "json", "--shard", &shard, "."]);
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["stats"]["files_scanned"], 1, "the sibling is read, not scanned: {report:#}");
    let rules: Vec<&str> =
        report["findings"].as_array().unwrap().iter().map(|f| f["rule_id"].as_str().unwrap()).collect();
    assert_eq!(rules, ["TG-AWS-007", "TG-NET-001"], "var.acl and local.anywhere resolve from {vars}");

    // Without the sibling, nothing resolves: the findings above came from its values.
    std::fs::remove_file(dir.path().join(&vars)).unwrap();
    let (code, stdout, _) = run(dir.path(), &["scan", "-q", "-f", "json", "--shard", &shard, "."]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!((code, report["findings"].as_array().unwrap().len()), (0, 0));
}

#[test]
fn gitlab_parallel_variables_pick_the_shard_unless_the_flag_does() {
    let dir = fixture();
    let scan = |env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = tollgate();
        cmd.current_dir(dir.path()).args(["scan", "-q", "-f", "json", "."]).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code().unwrap(),
            serde_json::from_slice::<Value>(&out.stdout).ok(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let gitlab = [("CI_NODE_INDEX", "2"), ("CI_NODE_TOTAL", "3")];
    let (_, report, _) = scan(&gitlab, &[]);
    assert_eq!(report.unwrap()["shard"], "2/3");
    let (_, report, _) = scan(&gitlab, &["--shard", "1/4"]);
    assert_eq!(report.unwrap()["shard"], "1/4");
    let (_, report, _) = scan(&[("CI_NODE_INDEX", "1"), ("CI_NODE_TOTAL", "1")], &[]);
    assert!(report.unwrap().get("shard").is_none());
    let (code, _, stderr) = scan(&[("CI_NODE_INDEX", "4"), ("CI_NODE_TOTAL", "3")], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("CI_NODE_INDEX"), "{stderr}");
    let (code, _, stderr) = scan(&[], &["--shard", "0/3"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn standard_input_belongs_to_the_shard_of_its_name() {
    let dir = TempDir::new().unwrap();
    let owners: Vec<u32> = (1..=3)
        .map(|k| {
            let mut cmd = tollgate();
            cmd.current_dir(dir.path()).env_remove("CI_NODE_INDEX").env_remove("CI_NODE_TOTAL");
            let out = cmd
                .args(["scan", "-q", "-f", "json", "-", "--stdin-filename", "src/app.py", "--shard", &format!("{k}/3")])
                .write_stdin("key = 'AKIAZ3MSJV4WWKAO7QPQ'\n")
                .output()
                .unwrap();
            let report: Value = serde_json::from_slice(&out.stdout).unwrap();
            report["findings"].as_array().unwrap().len() as u32
        })
        .collect();
    assert_eq!(owners.iter().sum::<u32>(), 1, "{owners:?}");
    let owner = (1..=3).find(|&index| Shard { index, total: 3 }.owns("src/app.py")).unwrap();
    assert_eq!(owners[owner as usize - 1], 1);
}

#[test]
fn shards_of_a_history_add_up_to_the_whole_history_scan() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    let keys = ["AKIAZ3MSJV4WWKAO7QPQ", "AKIAQYLPMN5HHHFPZAM2", "AKIAX7RT2LQ9WZ3MPK4N"];
    for step in 0..8 {
        // The same secret through several edits (new blobs, one fingerprint), files deleted
        // and the same content at two paths.
        for f in 0..5 {
            let key = keys[(step + f) % keys.len()];
            write(root, &format!("app/f{f}.py"), &format!("# edit {step}\nkey = '{key}'\n"));
        }
        write(root, "copy/same.py", &format!("# edit 0\nkey = '{}'\n", keys[0]));
        if step == 5 {
            std::fs::remove_file(root.join("app/f1.py")).unwrap();
        }
        git(root, &["add", "-A"]);
        git(root, &["commit", "-q", "--allow-empty", "-m", &format!("step {step}")]);
    }
    let out = TempDir::new().unwrap();
    for n in SHARD_COUNTS {
        let (code, whole, shards) = scan_whole_and_shards(root, out.path(), n, "json", &["--history"]);
        assert_eq!(code, 1);
        let whole = json_of(&whole);
        assert!(identities(&whole).len() >= 5, "{whole:#}");
        let mut union = BTreeSet::new();
        let mut scanned = 0;
        for path in &shards {
            let report = json_of(path);
            let ids = identities(&report);
            assert!(union.is_disjoint(&ids));
            union.extend(ids);
            scanned += report["stats"]["files_scanned"].as_u64().unwrap();
        }
        assert_eq!(union, identities(&whole), "{n} shards of the history");
        assert_eq!(scanned, whole["stats"]["files_scanned"].as_u64().unwrap(), "each blob read by one shard");
        let merged = out.path().join("history.json");
        let (merged_code, stderr) = merge(root, &merged, &shards, &[]);
        assert_eq!(merged_code, code, "{stderr}");
        assert_eq!(comparable(json_of(&merged)), comparable(whole), "{n} shards merged");
    }
}

#[test]
fn upload_takes_the_merged_log() {
    let dir = fixture();
    let out = TempDir::new().unwrap();
    let (_, _, shards) = scan_whole_and_shards(dir.path(), out.path(), 3, "sarif", &["."]);
    let merged = out.path().join("merged.sarif");
    merge(dir.path(), &merged, &shards, &["--fail-on", "never"]);
    let mut server = mockito::Server::new();
    let sarifs = "/repos/octo/hello/code-scanning/sarifs";
    let post = server
        .mock("POST", sarifs)
        .match_body(mockito::Matcher::PartialJson(json!({"commit_sha": "4b825dc642cb6eb9a060e54bf8d69288fbee4904"})))
        .with_status(202)
        .with_body(json!({"id": "m-1", "url": format!("{}{sarifs}/m-1", server.url())}).to_string())
        .create();
    let mut cmd = tollgate();
    for (key, _) in
        std::env::vars().filter(|(k, _)| k.starts_with("GITHUB_") || k.to_ascii_lowercase().ends_with("_proxy"))
    {
        cmd.env_remove(key);
    }
    let output = cmd
        .current_dir(dir.path())
        .env("GITHUB_TOKEN", "ghp_TESTTOKENdoNotLeak0123456789abcdef")
        .args(["upload", merged.to_str().unwrap(), "--api-url", &server.url(), "--repository", "octo/hello"])
        .args(["--commit", "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "--ref", "refs/heads/main", "--no-wait"])
        .args(["--checkout-root", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    post.assert();
}

#[test]
fn shards_of_the_staged_files_add_up_to_the_whole_staged_scan() {
    let dir = fixture();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "-A"]);
    let staged = |shard: Option<String>| {
        let mut args = vec!["scan".to_string(), "-q".into(), "-f".into(), "json".into(), "--staged".into()];
        args.extend(shard.map(|s| format!("--shard={s}")));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, stdout, stderr) = run(dir.path(), &refs);
        serde_json::from_str::<Value>(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"))
    };
    let whole = identities(&staged(None));
    assert!(whole.len() > 15);
    for n in [2, 3] {
        let mut union = BTreeSet::new();
        for k in 1..=n {
            let ids = identities(&staged(Some(format!("{k}/{n}"))));
            assert!(union.is_disjoint(&ids));
            union.extend(ids);
        }
        assert_eq!(union, whole, "{n} shards of the staged files");
    }
}
