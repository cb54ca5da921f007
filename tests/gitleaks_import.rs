//! `--rules FILE` with a gitleaks / Betterleaks config, through the binary: custom rules fire
//! at the right place, `[extend] useDefault` keeps or drops the built-in rules, allowlists
//! suppress, and what tollgate cannot honour is an error that names it.

mod common;

use common::{finding_keys, repo_root, scan_json, tollgate, tree};
use predicates::prelude::*;

fn config(name: &str) -> String {
    repo_root().join("tests/data/gitleaks").join(name).display().to_string()
}

const DEPLOY: &str = "hbl_dep_k3j5h7g9f2d4q8w1e6r0t9y2";
const GITHUB: &str = "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";
const AWS: &str = "AKIAZ3MSJV4WWKAO7QPQ";

#[test]
fn custom_rule_fires_at_its_line_and_column() {
    let dir = tree(&[
        ("deploy.sh", &format!("#!/bin/sh\n  export TOKEN={DEPLOY}\n")),
        ("app.env", "HARBOURLINE_SIGNING_KEY=HSK-0123456789ABCDEF0123456789ABCDEF\n"),
        // The signing-key rule is limited to env/yaml/toml files.
        ("notes.md", "harbourline_signing_key = HSK-0123456789ABCDEF0123456789ABCDEF\n"),
    ]);
    let (code, report, stderr) = scan_json(&["--rules", &config("custom.toml"), "."], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        finding_keys(&report),
        ["app.env:1:25 harbourline-signing-key", "deploy.sh:2:16 harbourline-deploy-token"]
    );
}

#[test]
fn without_use_default_only_the_file_rules_run() {
    let dir = tree(&[("a.sh", &format!("T={DEPLOY}\nG={GITHUB}\nK={AWS}\n"))]);
    let (_, report, _) = scan_json(&["--rules", &config("custom.toml"), "."], dir.path());
    assert_eq!(finding_keys(&report), ["a.sh:1:3 harbourline-deploy-token"]);
}

#[test]
fn use_default_keeps_built_in_rules_minus_disabled_ones() {
    let dir = tree(&[("a.sh", &format!("T={DEPLOY}\nG={GITHUB}\nK={AWS}\n"))]);
    let (_, report, _) = scan_json(&["--rules", &config("extend.toml"), "."], dir.path());
    // github-pat is in disabledRules; the AWS key is found by the built-in rule.
    assert_eq!(finding_keys(&report), ["a.sh:1:3 harbourline-deploy-token", "a.sh:3:3 aws-access-key-id"]);
}

#[test]
fn allowlists_suppress_by_stopword_regex_and_path() {
    let dir = tree(&[
        ("stop.sh", "T=hbl_dep_hbldocs0a1b2c3d4e5f6g7h8\n"),
        ("line.sh", &format!("T={DEPLOY} # tollgate-test-only\n")),
        ("third_party/lib.sh", &format!("T={DEPLOY}\n")),
        ("fixtures/app.env", "HARBOURLINE_SIGNING_KEY=HSK-0123456789ABCDEF0123456789ABCDEF\n"),
        ("kept.sh", &format!("T={DEPLOY}\n")),
    ]);
    let (_, report, _) = scan_json(&["--rules", &config("custom.toml"), "."], dir.path());
    assert_eq!(finding_keys(&report), ["kept.sh:1:3 harbourline-deploy-token"]);
}

#[test]
fn the_config_file_may_name_a_gitleaks_file() {
    let dir = tree(&[
        ("tollgate.toml", &format!("rules = [{:?}]\n", config("custom.toml"))),
        ("a.sh", &format!("T={DEPLOY}\nG={GITHUB}\n")),
    ]);
    let (_, report, _) = scan_json(&["."], dir.path());
    assert_eq!(finding_keys(&report), ["a.sh:1:3 harbourline-deploy-token"]);
}

#[test]
fn unknown_and_unsupported_keys_are_errors_naming_them() {
    let cases = [
        ("[[rules]]\nid = \"x\"\nregex = \"x_[a-z]{9}\"\nkeywords = [\"x_\"]\nseverity = \"high\"\n", "`severity`"),
        (
            "[[rules]]\nid = \"x\"\nregex = \"x_[a-z]{9}\"\nkeywords = [\"x_\"]\n[rules.allowlist]\nregex = [\"a\"]\n",
            "`regex`",
        ),
        ("[extend]\npath = \"other.toml\"\n", "extend.path"),
        ("[[rules]]\nid = \"x\"\nregex = \"x_(?=[a-z]{9})\"\nkeywords = [\"x_\"]\n", "look-ahead"),
        ("[[rules]]\nid = \"x\"\nregex = \"x_[a-z]{9}\"\n", "no `keywords`"),
        ("[extend]\nuseDefault = true\ndisabledRules = [\"no-such-rule\"]\n", "no-such-rule"),
    ];
    for (text, needle) in cases {
        let dir = tree(&[("leaks.toml", text), ("a.txt", "nothing\n")]);
        tollgate()
            .current_dir(dir.path())
            .args(["scan", "--rules", "leaks.toml", "."])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(needle))
            .stderr(predicate::str::contains("leaks.toml"));
    }
    // The rule is named too.
    let dir = tree(&[("leaks.toml", cases[0].0), ("a.txt", "nothing\n")]);
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "--rules", "leaks.toml", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rule `x`"));
}

#[test]
fn a_bad_pattern_names_the_rule() {
    let dir = tree(&[
        ("leaks.toml", "[[rules]]\nid = \"broken-one\"\nregex = \"x_[a-z\"\nkeywords = [\"x_\"]\n"),
        ("a.txt", "nothing\n"),
    ]);
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "--rules", "leaks.toml", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken-one"));
}

#[test]
fn the_stopword_case_is_found_without_the_allowlist() {
    // Guards the stopword test above: the value is a finding when no allowlist excuses it.
    let dir = tree(&[("stop.sh", "T=hbl_dep_hbldocs0a1b2c3d4e5f6g7h8\n")]);
    let (_, report, _) = scan_json(&["--rules", &config("extend.toml"), "."], dir.path());
    assert_eq!(finding_keys(&report), ["stop.sh:1:3 harbourline-deploy-token"]);
}
