//! Secrets in every output: a token planted where a policy quotes it (a `curl | sh` command, a
//! CodeBuild variable), or next to another secret on one line, never appears whole in any report
//! format unless `--no-redact` asks for it; short secrets show nothing of themselves; the
//! fingerprint that stands for a secret is keyed when a key is given.

use crate::{Budget, Run, binary, run, run_command, tree_bytes};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const GHP: &str = "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";
const XOXB: &str = "xoxb-155296882096-7362180980324-Ti2PO3fESGLiL6ZqERjqZpT9";
const AKIA: &str = "AKIAZ3MSJV4WWNKWW5FG";

const FORMATS: [&str; 5] = ["text", "json", "sarif", "github", "junit"];

/// Scan `files` in every format and assert that no `needle` is printed, then that
/// `--no-redact` prints each of them (so the case really plants them where reports look).
/// Returns the redacted JSON report.
#[track_caller]
fn never_printed(files: &[(&str, Vec<u8>)], needles: &[&str]) -> Value {
    let dir = tree_bytes(files);
    let budget = Budget::default();
    let mut json = Value::Null;
    for format in FORMATS {
        let r = run(&["scan", ".", "--format", format], dir.path(), budget);
        r.assert_within(budget, &[0, 1]);
        for needle in needles {
            r.assert_never_prints(needle);
        }
        if format == "json" {
            json = serde_json::from_str(&r.stdout).expect("a JSON report");
        }
    }
    let r = run(&["scan", ".", "--format", "json", "--no-redact"], dir.path(), budget);
    r.assert_within(budget, &[0, 1]);
    for needle in needles {
        assert!(r.stdout.contains(needle), "--no-redact does not show `{needle}`:\n{}", r.stdout);
    }
    json
}

/// The findings of `rule` in a JSON report.
fn of_rule<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["rule_id"] == rule).collect()
}

#[test]
fn dockerfile_curl_pipe_shell_does_not_quote_the_token() {
    let dockerfile = format!(
        "FROM alpine:3.19\nRUN curl -fsSL -H \"Authorization: token {GHP}\" https://example.com/install.sh | sh\n"
    );
    let report = never_printed(&[("Dockerfile", dockerfile.into_bytes())], &[GHP]);
    let finding = of_rule(&report, "TG-SHELL-001");
    assert_eq!(finding.len(), 1, "the curl | sh policy fires: {report:#}");
    assert!(finding[0]["message"].as_str().unwrap().contains("ghp_********"), "{:#}", finding[0]);
}

#[test]
fn github_actions_curl_pipe_shell_does_not_quote_the_token() {
    let workflow = format!(
        "name: ci\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          \
         curl -fsSL -H \"Authorization: Bearer {XOXB}\" https://example.com/i.sh | bash\n"
    );
    let report = never_printed(&[(".github/workflows/ci.yml", workflow.into_bytes())], &[XOXB]);
    assert_eq!(of_rule(&report, "TG-SHELL-001").len(), 1, "the curl | sh policy fires: {report:#}");
}

#[test]
fn gitlab_curl_pipe_shell_does_not_quote_the_token() {
    let pipeline = format!(
        "build:\n  script:\n    - |\n      curl -fsSL -H \"Authorization: token {GHP}\" https://example.com/i.sh | sh\n"
    );
    let report = never_printed(&[(".gitlab-ci.yml", pipeline.into_bytes())], &[GHP]);
    assert_eq!(of_rule(&report, "TG-SHELL-001").len(), 1, "the curl | sh policy fires: {report:#}");
}

#[test]
fn codebuild_static_key_message_is_masked_even_when_the_secret_rule_is_off() {
    // With the secrets engine's AWS rule disabled, only the policy (`redact: true`) knows the
    // key id is a credential: its own message must still not print it.
    let buildspec = format!(
        "version: 0.2\nenv:\n  variables:\n    AWS_ACCESS_KEY_ID: {AKIA}\nphases:\n  build:\n    commands:\n      \
         - aws s3 ls --access-key {AKIA}\n"
    );
    let files =
        [("buildspec.yml", buildspec.into_bytes()), ("tollgate.toml", b"disable = [\"aws-access-key-id\"]\n".to_vec())];
    let report = never_printed(&files, &[AKIA]);
    let findings = of_rule(&report, "TG-CB-002");
    assert_eq!(findings.len(), 2, "the static key policy fires on the variable and the command: {report:#}");
    assert!(of_rule(&report, "aws-access-key-id").is_empty(), "the secret rule is off");
}

#[test]
fn a_secret_snippet_masks_the_other_secrets_on_its_line() {
    let creds = format!("{{\"github\": \"{GHP}\", \"slack\": \"{XOXB}\"}}\n");
    let report = never_printed(&[("creds.json", creds.into_bytes())], &[GHP, XOXB]);
    assert_eq!(of_rule(&report, "github-pat").len(), 1);
    assert_eq!(of_rule(&report, "slack-bot-token").len(), 1);
}

#[test]
fn a_secret_cut_by_a_clipped_snippet_leaves_no_piece() {
    // The snippet of the first token keeps a bounded stretch of the line after it; the second
    // token starts inside that stretch and ends beyond it, so the snippet ends in a piece of it.
    let filler = "x".repeat(60);
    let line = format!("tokens = [\"{GHP}\", \"{filler}\", \"{XOXB}\"]\n");
    let dir = tree_bytes(&[("tokens.py", line.into_bytes())]);
    // Pieces long enough to matter, as the old snippets showed them: the start of the second
    // token (cut by the first one's snippet) and the end of the first (by the second's).
    let mut pieces: Vec<&str> = (8..XOXB.len()).map(|n| &XOXB[..n]).collect();
    pieces.extend((8..GHP.len()).map(|n| &GHP[GHP.len() - n..]));
    for format in FORMATS {
        let r = run(&["scan", ".", "--format", format], dir.path(), Budget::default());
        r.assert_within(Budget::default(), &[0, 1]);
        for piece in &pieces {
            r.assert_never_prints(piece);
        }
    }
}

#[test]
fn short_secrets_show_neither_characters_nor_length() {
    let files = [("settings.py", b"db_password = \"Gv7T6#GLBPcpbX\"\n".to_vec())];
    let report = never_printed(&files, &["Gv7T6#GLBPcpbX", "Gv", "bX\""]);
    let finding = of_rule(&report, "generic-password-assignment");
    assert_eq!(finding.len(), 1, "{report:#}");
    assert_eq!(finding[0]["secret"], "********");
    assert!(finding[0]["snippet"].as_str().unwrap().contains("db_password = \"********\""), "{:#}", finding[0]);
}

/// `tollgate scan . --format json` in `dir` with `TOLLGATE_FINGERPRINT_KEY` set to `key`.
fn scan_with_key(dir: &Path, key: Option<&str>, extra: &[&str]) -> Run {
    let mut cmd = Command::new(binary());
    cmd.args(["scan", ".", "--format", "json"]).args(extra).current_dir(dir).env("NO_COLOR", "1");
    match key {
        Some(k) => cmd.env("TOLLGATE_FINGERPRINT_KEY", k),
        None => cmd.env_remove("TOLLGATE_FINGERPRINT_KEY"),
    };
    let r = run_command(cmd, Budget::default());
    r.assert_within(Budget::default(), &[0, 1]);
    r
}

fn fingerprints(r: &Run) -> Vec<String> {
    let report: Value = serde_json::from_str(&r.stdout).expect("a JSON report");
    let mut all: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .chain(report["suppressed"].as_array().unwrap())
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    all.sort();
    all
}

#[test]
fn the_fingerprint_key_keys_every_fingerprint_and_baselines_follow_it() {
    let dir = tree_bytes(&[
        ("settings.py", format!("db_password = \"Gv7T6#GLBPcpbX\"\ntoken = \"{GHP}\"\n").into_bytes()),
        ("Dockerfile", b"FROM alpine\n".to_vec()),
    ]);
    let plain = fingerprints(&scan_with_key(dir.path(), None, &[]));
    let keyed = fingerprints(&scan_with_key(dir.path(), Some("team key"), &[]));
    let flag = fingerprints(&scan_with_key(dir.path(), None, &["--fingerprint-key", "team key"]));
    assert!(plain.len() >= 3, "secret and policy findings: {plain:?}");
    assert_eq!(plain, fingerprints(&scan_with_key(dir.path(), None, &[])), "stable across runs");
    assert_eq!(keyed, flag, "the flag and the variable are the same key");
    assert!(plain.iter().all(|fp| !keyed.contains(fp)), "the key changes every fingerprint");

    // A baseline written with the key accepts everything under the same key, nothing without.
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    scan_with_key(dir.path(), Some("team key"), &["--write-baseline", baseline]);
    let text = std::fs::read_to_string(baseline).unwrap();
    assert!(!text.contains("Gv7T6#GLBPcpbX") && !text.contains(GHP), "no secret in the baseline");
    let same = scan_with_key(dir.path(), Some("team key"), &["--baseline", baseline]);
    assert_eq!(same.code, Some(0), "all accepted: {}", same.stdout);
    let other = scan_with_key(dir.path(), Some("other key"), &["--baseline", baseline]);
    assert_eq!(other.code, Some(1), "nothing accepted under another key");
}
