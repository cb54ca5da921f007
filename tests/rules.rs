//! Every built-in rule's examples and negative examples, through the real engine.

mod common;

use common::tollgate;
use predicates::prelude::*;
use std::fs;
use tollgate::secrets::{SecretScanner, builtin_specs, selftest::check_examples};

#[test]
fn every_builtin_rule_example_behaves() {
    let scanner = SecretScanner::new(builtin_specs().unwrap()).unwrap();
    let (checked, failures) = check_examples(&scanner, |_| true);
    assert!(checked >= 2 * scanner.rules().len(), "each rule has >= 1 example and >= 1 negative example");
    let report: Vec<String> = failures
        .iter()
        .map(|f| format!("{} {}: {}", f.rule_id, if f.missed { "missed" } else { "false positive" }, f.example))
        .collect();
    assert_eq!(report, Vec::<String>::new());
}

#[test]
fn every_builtin_rule_compiles() {
    let scanner = SecretScanner::new(builtin_specs().unwrap()).unwrap();
    scanner.compile(|_| true).unwrap();
    assert!(scanner.rules().len() >= 120, "the built-in pack has at least 120 rules");
}

#[test]
fn rules_check_command_passes_on_builtins_and_fails_on_a_bad_rule() {
    tollgate().args(["rules", "check"]).assert().code(0).stdout(predicate::str::contains(" 0 failed"));

    let dir = tempfile::TempDir::new().unwrap();
    fs::write(
        dir.path().join("mine.toml"),
        r#"
[[rule]]
id = "acme-token"
description = "Acme token"
regex = '''\b(acme_[a-z0-9]{12})\b'''
keywords = ["acme_"]
severity = "high"
examples = ["t = acme_k3j5h7g9f2d4"]
negative_examples = ["t = acme_k3j5h7g9f2d4q8"]
"#,
    )
    .unwrap();
    tollgate().args(["rules", "check"]).arg(dir.path()).assert().code(0).stdout(predicate::str::contains("1 rules"));

    // An example the regex cannot match: the check must say so and exit 1.
    let text = fs::read_to_string(dir.path().join("mine.toml")).unwrap().replace("[a-z0-9]{12}", "[a-z]{12}");
    fs::write(dir.path().join("mine.toml"), text).unwrap();
    tollgate()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL acme-token: example not detected"));
}

#[test]
fn rules_list_names_every_rule() {
    let scanner = SecretScanner::new(builtin_specs().unwrap()).unwrap();
    let out = tollgate().arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for rule in scanner.rules() {
        assert!(text.contains(rule.id()), "{} missing from `tollgate rules`", rule.id());
    }
}

#[test]
fn a_rule_without_keywords_or_examples_is_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    fs::write(
        dir.path().join("bad.toml"),
        "[[rule]]\nid = \"x\"\ndescription = \"x\"\nregex = 'x'\nkeywords = []\nseverity = \"high\"\nexamples = ['x']\nnegative_examples = ['y']\n",
    )
    .unwrap();
    tollgate()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml").and(predicate::str::contains("keyword")));
}

#[test]
fn a_user_rule_with_a_broken_pattern_stops_the_scan_naming_it() {
    let rule = |regex: &str, extra: &str| {
        format!(
            "[[rule]]\nid = \"acme-token\"\ndescription = \"x\"\nregex = '''{regex}'''\n{extra}keywords = [\"acme_\"]\nseverity = \"high\"\nexamples = ['acme_x']\nnegative_examples = ['y']\n"
        )
    };
    for (text, problem) in [
        (rule("acme_(", ""), "invalid regex"),
        (rule("acme_(x)", "secret_group = 2\n"), "secret_group 2 but the regex has 1 groups"),
        (rule("acme_x", "allowlist = { regexes = ['['] }\n"), "invalid allowlist secret regex"),
    ] {
        let dir = tempfile::TempDir::new().unwrap();
        fs::write(dir.path().join("mine.toml"), text).unwrap();
        fs::write(dir.path().join("app.txt"), "acme_x\n").unwrap();
        for args in [vec!["scan", "app.txt", "--rules", "."], vec!["rules", "check", "."]] {
            tollgate()
                .current_dir(dir.path())
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("acme-token").and(predicate::str::contains(problem)));
        }
    }
}
