//! End-to-end behaviour of `tollgate scan` through the real binary: findings with exact
//! positions, exit codes, discovery rules, redaction and robustness on odd input.

mod common;

use common::{finding_keys, repo_root, scan_json, tollgate};
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

const AWS_KEY: &str = "AKIAZ3MSJV4WWKAO7QPQ";

fn expected_fixture_findings() -> Vec<String> {
    let text = fs::read_to_string(repo_root().join("fixtures/secrets/expected.txt")).unwrap();
    let mut keys: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect();
    keys.sort();
    keys
}

#[test]
fn secret_fixtures_produce_exactly_the_expected_findings() {
    let (code, report, _) = scan_json(&["fixtures/secrets", "--root", "fixtures/secrets"], repo_root());
    // The Kubernetes fixture also draws policy findings; this test is about the secrets engine.
    let mut report = report;
    report["findings"].as_array_mut().unwrap().retain(|f| f["engine"] == "secret");
    let mut actual = finding_keys(&report);
    actual.retain(|k| !k.starts_with("expected.txt"));
    assert_eq!(actual, expected_fixture_findings());
    assert_eq!(code, 1, "planted secrets fail the gate");
}

#[test]
fn clean_fixtures_produce_nothing_and_pass() {
    let (code, report, stderr) = scan_json(&["fixtures/clean"], repo_root());
    assert_eq!(finding_keys(&report), Vec::<String>::new());
    assert_eq!(code, 0);
    assert!(stderr.contains("verdict PASS"), "{stderr}");
}

#[test]
fn aws_key_fails_gate_and_clean_dir_passes() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("ok.txt"), "nothing to see\n").unwrap();
    tollgate().current_dir(dir.path()).args(["scan", "."]).assert().code(0);

    fs::write(dir.path().join("config.ini"), format!("[aws]\nkey_id = {AWS_KEY}\n")).unwrap();
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("config.ini"))
        .stdout(predicate::str::contains("2:10"))
        .stdout(predicate::str::contains("AKIA************7QPQ"))
        .stdout(predicate::str::contains(AWS_KEY).not())
        .stderr(predicate::str::contains("verdict FAIL"));
}

#[test]
fn fail_on_threshold_controls_the_gate() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.env"), format!("AWS_ACCESS_KEY_ID={AWS_KEY}\n")).unwrap();
    // aws-access-key-id is `high`: critical-only passes, never passes, medium fails.
    tollgate().current_dir(dir.path()).args(["scan", ".", "--fail-on", "critical"]).assert().code(0);
    tollgate().current_dir(dir.path()).args(["scan", ".", "--fail-on", "never"]).assert().code(0);
    tollgate().current_dir(dir.path()).args(["scan", ".", "--fail-on", "medium"]).assert().code(1);
}

#[test]
fn usage_and_io_errors_exit_2_with_a_clear_message() {
    tollgate().args(["scan", "--no-such-flag"]).assert().code(2);
    tollgate().args(["scan", ".", "--fail-on", "sometimes"]).assert().code(2);
    tollgate()
        .args(["scan", "/definitely/not/here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/definitely/not/here"));
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("bad.toml"), "[[rule]]\nid = \"x\"\n").unwrap();
    tollgate()
        .args(["scan", ".", "--rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml"));
}

#[test]
fn odd_files_never_crash_the_scan() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("empty.txt"), b"").unwrap();
    // Invalid UTF-8 around a real key: still found; each invalid byte counts as one column.
    let mut bytes = b"\xff\xfe garbage \xc3\x28 key=".to_vec();
    bytes.extend_from_slice(AWS_KEY.as_bytes());
    bytes.extend_from_slice(b"\n\xa0\xa1\n");
    fs::write(dir.path().join("latin1.cfg"), &bytes).unwrap();
    // A binary file is skipped even with a key inside.
    let mut bin = vec![0u8, 1, 2, 3];
    bin.extend_from_slice(AWS_KEY.as_bytes());
    fs::write(dir.path().join("blob.bin"), &bin).unwrap();
    // A very long single line (minified) with the key in the middle.
    let long = format!("{}{AWS_KEY}{}\n", "a;".repeat(100_000), ";b".repeat(100_000));
    fs::write(dir.path().join("bundle.min.js"), long).unwrap();

    let (code, report, _) = scan_json(&["."], dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        finding_keys(&report),
        vec!["bundle.min.js:1:200001 aws-access-key-id", "latin1.cfg:1:19 aws-access-key-id"]
    );
    assert_eq!(report["stats"]["skipped_binary"], 1);
    assert_eq!(report["stats"]["files_scanned"], 3);
}

#[test]
fn ignore_files_vendored_dirs_and_size_limit() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let key_line = format!("k={AWS_KEY}\n");
    for p in ["src/a.txt", "node_modules/pkg/b.txt", "ignored/c.txt", "skipped/d.txt", "big/e.txt"] {
        fs::create_dir_all(d.join(p).parent().unwrap()).unwrap();
        fs::write(d.join(p), &key_line).unwrap();
    }
    fs::write(d.join("big/e.txt"), format!("{}{key_line}", "x".repeat(4096))).unwrap();
    fs::write(d.join(".gitignore"), "ignored/\n").unwrap();
    fs::write(d.join(".tollgateignore"), "skipped/\n").unwrap();
    fs::write(d.join("package-lock.json"), &key_line).unwrap();

    let (_, report, stderr) = scan_json(&[".", "--max-file-size", "1K"], d);
    assert_eq!(finding_keys(&report), vec!["src/a.txt:1:3 aws-access-key-id"]);
    assert_eq!(report["stats"]["skipped_too_large"], serde_json::json!(["big/e.txt"]));
    assert!(stderr.contains("1 too large"), "{stderr}");

    let (_, report, _) = scan_json(&[".", "--no-default-excludes", "--exclude", "big/**"], d);
    assert_eq!(
        finding_keys(&report),
        vec![
            "node_modules/pkg/b.txt:1:3 aws-access-key-id",
            "package-lock.json:1:3 aws-access-key-id",
            "src/a.txt:1:3 aws-access-key-id"
        ]
    );
}

#[test]
fn fingerprints_survive_moving_code_and_differ_per_secret() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("app.py");
    fs::write(&f, format!("KEY = '{AWS_KEY}'\n")).unwrap();
    let (_, before, _) = scan_json(&["."], dir.path());
    fs::write(&f, format!("import os\n\n\n    KEY = '{AWS_KEY}'\n")).unwrap();
    let (_, after, _) = scan_json(&["."], dir.path());
    let fp = |r: &serde_json::Value| r["findings"][0]["fingerprint"].as_str().unwrap().to_string();
    assert_eq!(after["findings"][0]["region"]["start_line"], 4);
    assert_eq!(fp(&before), fp(&after));

    fs::write(&f, "KEY = 'AKIAQ7RW2MJZ5ZD3LJXA'\n").unwrap();
    let (_, other, _) = scan_json(&["."], dir.path());
    assert_ne!(fp(&before), fp(&other));
}

#[test]
fn secrets_are_redacted_unless_asked() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("x.env"), format!("AWS_ACCESS_KEY_ID={AWS_KEY}\n")).unwrap();
    for format in ["text", "json", "sarif"] {
        tollgate()
            .current_dir(dir.path())
            .args(["scan", ".", "--format", format])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(AWS_KEY).not());
    }
    tollgate()
        .current_dir(dir.path())
        .args(["scan", ".", "--format", "json", "--no-redact"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(AWS_KEY));
}

#[test]
fn output_file_and_paths_relative_to_cwd() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("sub/deep")).unwrap();
    fs::write(dir.path().join("sub/deep/k.txt"), format!("{AWS_KEY}\n")).unwrap();
    let out = dir.path().join("report.json");
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "sub", "--format", "json", "--output"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
    let report: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(report["findings"][0]["path"], "sub/deep/k.txt");
}
