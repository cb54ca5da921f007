//! `scan --history` and the diff-aware gate (`--since`, `--staged --changed-lines`) on
//! repositories built here with the `git` CLI, and `scan -` with `--stdin-filename`.

mod common;

use common::{git, scan_json, tollgate, write};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

const KEY: &str = "AKIAZ3MSJV4WWKAO7QPQ";
const OTHER_KEY: &str = "AKIAQYLPMN5HHHFPZAM2";

fn repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    dir
}

/// Write `files`, commit everything, and return the new commit's id.
fn commit(root: &Path, files: &[(&str, &str)], message: &str) -> String {
    for (path, text) in files {
        write(root, path, text);
    }
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "--allow-empty", "-m", message]);
    git(root, &["rev-parse", "HEAD"])
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings array")
}

#[test]
fn a_deleted_secret_is_found_with_the_commit_that_added_it() {
    let dir = repo();
    let root = dir.path();
    commit(root, &[("README.md", "hello\n")], "first");
    let leak = commit(root, &[("config/app.py", &format!("x = 1\nkey = '{KEY}'\n"))], "add config");
    git(root, &["rm", "-q", "config/app.py"]);
    commit(root, &[], "remove the key");
    // The work tree is clean: only history holds the key.
    let (code, report, _) = scan_json(&[], root);
    assert_eq!((code, findings(&report).len()), (0, 0));

    let (code, report, stderr) = scan_json(&["--history"], root);
    assert_eq!(code, 1, "{stderr}");
    let [f] = &findings(&report)[..] else { panic!("one finding: {report:#}") };
    assert_eq!(f["path"], "config/app.py");
    assert_eq!(f["region"]["start_line"], 2);
    assert_eq!(f["rule_id"], "aws-access-key-id");
    assert_eq!(
        f["commit"],
        serde_json::json!({"id": leak, "author": "Ada Lovelace", "email": "ada@example.com",
            "date": "2024-03-01T12:00:00+01:00"})
    );
    assert_eq!(report["history"]["commits"], 3);
    assert_eq!(report["history"]["branch"], "refs/heads/main");
    assert!(stderr.contains("scanned 2 blobs from 3 commits"), "{stderr}");

    // Every other format names the commit too.
    let run = |format: &str| {
        let out = tollgate().current_dir(root).args(["scan", "--history", "--format", format]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    for format in ["text", "github", "junit"] {
        let out = run(format);
        assert!(out.contains(&leak[..12]), "{format}: {out}");
        assert!(out.contains("Ada Lovelace"), "{format}: {out}");
    }
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let run0 = &sarif["runs"][0];
    let head = git(root, &["rev-parse", "HEAD"]);
    assert_eq!(run0["versionControlProvenance"][0]["revisionId"], head.as_str());
    assert_eq!(run0["versionControlProvenance"][0]["branch"], "refs/heads/main");
    assert!(run0["versionControlProvenance"][0]["repositoryUri"].as_str().unwrap().starts_with("file://"));
    let props = &run0["results"][0]["properties"];
    assert_eq!(props["commitSha"], leak.as_str());
    assert_eq!(props["author"], "Ada Lovelace");
    assert_eq!(run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "config/app.py");
}

#[test]
fn a_blob_in_fifty_commits_is_read_and_reported_once() {
    let dir = repo();
    let root = dir.path();
    let first = commit(root, &[("secrets.env", &format!("AWS_KEY={KEY}\n")), ("n.txt", "0\n")], "c0");
    for n in 1..50 {
        commit(root, &[("n.txt", &format!("{n}\n"))], &format!("c{n}"));
    }
    // The same content under a second name later on is the same blob: still read once.
    commit(root, &[("copy/secrets.env", &format!("AWS_KEY={KEY}\n"))], "copy");
    let (code, report, stderr) = scan_json(&["--history"], root);
    assert_eq!(code, 1, "{stderr}");
    let [f] = &findings(&report)[..] else { panic!("one finding: {report:#}") };
    assert_eq!((f["path"].as_str(), f["commit"]["id"].as_str()), (Some("secrets.env"), Some(first.as_str())));
    // secrets.env once, n.txt's fifty versions once each.
    assert_eq!(report["stats"]["files_scanned"], 51);
    assert_eq!(report["history"]["commits"], 51);

    // A secret that stays while the file around it changes is reported once, at its first commit.
    let dir = repo();
    let root = dir.path();
    let first = commit(root, &[("app.py", &format!("key = '{KEY}'\nv = 0\n"))], "c0");
    for n in 1..10 {
        commit(root, &[("app.py", &format!("key = '{KEY}'\nv = {n}\n"))], &format!("c{n}"));
    }
    let (_, report, _) = scan_json(&["--history"], root);
    let [f] = &findings(&report)[..] else { panic!("one finding: {report:#}") };
    assert_eq!(f["commit"]["id"], first.as_str());
    assert_eq!(report["stats"]["files_scanned"], 10);
}

#[test]
fn a_range_scan_sees_only_its_commits() {
    let dir = repo();
    let root = dir.path();
    commit(root, &[("old.py", &format!("key = '{KEY}'\n"))], "old leak");
    let base = commit(root, &[("app.py", "a = 1\nb = 2\n")], "base");
    // The range edits a file and a line below its old secret, then adds a new one elsewhere.
    let edit = commit(root, &[("old.py", &format!("key = '{KEY}'\nmore = 1\n"))], "edit");
    let new = commit(root, &[("app.py", &format!("a = 1\ntoken = '{OTHER_KEY}'\nb = 2\n"))], "new leak");

    for args in [vec!["--history", "--range", &format!("{base}..HEAD")], vec!["--history", "--since-commit", &base]] {
        let (code, report, stderr) = scan_json(&args, root);
        assert_eq!(code, 1, "{stderr}");
        let [f] = &findings(&report)[..] else { panic!("{args:?}: one finding: {report:#}") };
        assert_eq!((f["path"].as_str(), f["commit"]["id"].as_str()), (Some("app.py"), Some(new.as_str())));
        assert_eq!(report["history"]["commits"], 2, "{args:?}");
    }
    // A range ending before the new leak sees neither.
    let (code, report, _) = scan_json(&["--history", "--range", &format!("{base}..{edit}")], root);
    assert_eq!((code, findings(&report).len()), (0, 0), "{report:#}");
    // Without a range, both, each at its own first commit.
    let (_, report, _) = scan_json(&["--history"], root);
    assert_eq!(findings(&report).len(), 2);
}

#[test]
fn history_findings_take_baselines_and_inline_markers() {
    let dir = repo();
    let root = dir.path();
    commit(root, &[("a.py", &format!("key = '{KEY}'\n"))], "leak");
    commit(root, &[("b.py", &format!("ok = '{OTHER_KEY}'  # tollgate:ignore test fixture\n"))], "marked");
    git(root, &["rm", "-q", "a.py"]);
    commit(root, &[], "remove");
    let baseline = root.join(".tollgate-baseline.json");
    let baseline = baseline.to_str().unwrap();
    let (code, report, stderr) = scan_json(&["--history", "--write-baseline", baseline], root);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["summary"]["suppressed"], serde_json::json!({"inline": 1, "baseline": 1}));

    // The history grows; the accepted finding stays accepted, a new one fails.
    commit(root, &[("c.py", &format!("again = '{KEY}'\n"))], "new leak");
    let (code, report, stderr) = scan_json(&["--history", "--baseline", baseline], root);
    assert_eq!(code, 1, "{stderr}");
    let [f] = &findings(&report)[..] else { panic!("one finding: {report:#}") };
    assert_eq!(f["path"], "c.py");
    assert_eq!(report["summary"]["suppressed"]["baseline"], 1);
}

#[test]
fn a_bare_repository_scans_like_its_clone() {
    let dir = repo();
    let root = dir.path().join("work");
    std::fs::create_dir(&root).unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    let leak = commit(&root, &[("k.py", &format!("key = '{KEY}'\n"))], "leak");
    git(dir.path(), &["clone", "-q", "--bare", "work", "bare.git"]);
    let (code, report, stderr) = scan_json(&["--history", "bare.git"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings(&report)[0]["commit"]["id"], leak.as_str());
    // A range naming something that is not a revision is a usage error, not a pass.
    let out =
        tollgate().current_dir(dir.path()).args(["scan", "--history", "bare.git", "--range", "nope..HEAD"]).output();
    let out = out.unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}

#[test]
fn since_reports_only_what_the_change_adds() {
    let dir = repo();
    let root = dir.path();
    commit(root, &[("cfg.py", &format!("old = '{KEY}'\nx = 1\n")), ("other.py", &format!("o = '{KEY}'\n"))], "base");
    git(root, &["checkout", "-q", "-b", "feature"]);
    commit(root, &[("cfg.py", &format!("old = '{KEY}'\nx = 2\nnew = '{OTHER_KEY}'\n"))], "change");
    // Not committed yet: an untracked file counts as added whole.
    write(root, "fresh.py", &format!("f = '{OTHER_KEY}'\n"));

    let (code, report, stderr) = scan_json(&["--since", "main"], root);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(common::finding_keys(&report), vec!["cfg.py:3:8 aws-access-key-id", "fresh.py:1:6 aws-access-key-id"]);
    // Unchanged files are not even read.
    assert_eq!(report["stats"]["files_scanned"], 2);

    // Paths narrow the change, as `git diff -- PATHS` does.
    let (_, report, _) = scan_json(&["--since", "main", "fresh.py"], root);
    assert_eq!(common::finding_keys(&report), vec!["fresh.py:1:6 aws-access-key-id"]);

    let (_, report, _) = scan_json(&["--since", "main", "--whole-files"], root);
    assert_eq!(findings(&report).len(), 3, "{report:#}");

    // Nothing changed since HEAD but the untracked file.
    std::fs::remove_file(root.join("fresh.py")).unwrap();
    let (code, report, _) = scan_json(&["--since", "HEAD"], root);
    assert_eq!((code, findings(&report).len()), (0, 0));
}

#[test]
fn staged_changed_lines_leaves_old_lines_alone() {
    let dir = repo();
    let root = dir.path();
    commit(root, &[("cfg.py", &format!("old = '{KEY}'\n"))], "base");
    write(root, "cfg.py", &format!("old = '{KEY}'\nx = 1\n"));
    git(root, &["add", "cfg.py"]);
    let (code, report, _) = scan_json(&["--staged"], root);
    assert_eq!((code, findings(&report).len()), (1, 1));
    let (code, report, _) = scan_json(&["--staged", "--changed-lines"], root);
    assert_eq!((code, findings(&report).len()), (0, 0), "{report:#}");
}

#[test]
fn stdin_takes_a_filename_for_kind_and_reports() {
    for flag in ["--stdin-filename", "--stdin-name"] {
        let out = tollgate()
            .args(["scan", "-", flag, "deploy/main.py", "--format", "json"])
            .write_stdin(format!("key = '{KEY}'\n"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(findings(&report)[0]["path"], "deploy/main.py", "{flag}");
    }
}

#[test]
fn blobs_a_partial_clone_lacks_are_a_warning_and_missing_ones_elsewhere_an_error() {
    let dir = repo();
    let root = dir.path().join("work");
    std::fs::create_dir(&root).unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["config", "uploadpack.allowFilter", "true"]);
    commit(&root, &[("k.py", &format!("key = '{KEY}'\n")), ("a.txt", "a\n")], "leak");
    let url = format!("file://{}", root.display());
    git(dir.path(), &["clone", "-q", "--bare", "--filter=blob:none", &url, "partial.git"]);
    let (code, report, stderr) = scan_json(&["--history", "partial.git"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let [d] = &report["diagnostics"].as_array().unwrap()[..] else { panic!("one diagnostic: {report:#}") };
    assert_eq!(d["level"], "warning");
    assert!(d["message"].as_str().unwrap().starts_with("2 blobs are not in this partial clone"), "{d}");

    // The same gap in an ordinary repository is damage: the gate fails closed.
    let blob = git(&root, &["rev-parse", "HEAD:a.txt"]);
    std::fs::remove_file(root.join(".git/objects").join(&blob[..2]).join(&blob[2..])).unwrap();
    let (code, report, _) = scan_json(&["--history"], &root);
    assert_eq!(code, 2);
    assert_eq!(report["diagnostics"][0]["level"], "error");
    assert_eq!(findings(&report).len(), 1, "the blobs that are there are still scanned");
}

#[test]
fn a_range_reads_only_the_blobs_its_commits_changed() {
    let dir = repo();
    let root = dir.path();
    let base = commit(root, &[("src/a.py", "a = 1\n"), ("src/b.py", "b = 1\n"), ("src/deep/c.py", "c = 1\n")], "base");
    commit(root, &[("src/a.py", "a = 2\n")], "one change");
    commit(root, &[("src/deep/c.py", "c = 2\n")], "another");
    let (_, report, _) = scan_json(&["--history", "--range", &format!("{base}..HEAD")], root);
    // The two new versions only: unchanged siblings in a changed directory are not read again.
    assert_eq!(report["stats"]["files_scanned"], 2, "{report:#}");
}
