//! Every built-in rule's examples and negative examples, through the real engine.

mod common;

use common::{finding_keys, scan_json, tollgate};
use predicates::prelude::*;
use std::fs;
use tollgate::secrets::{Category, Confidence, SecretScanner, builtin_specs, selftest::check_examples};

#[test]
fn every_builtin_rule_example_behaves() {
    let scanner = SecretScanner::new(builtin_specs().unwrap()).unwrap();
    let (checked, failures) = check_examples(&scanner, |_| true).unwrap();
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

#[test]
fn every_builtin_rule_declares_its_metadata() {
    let mut missing = Vec::new();
    for spec in builtin_specs().unwrap() {
        if spec.confidence.is_none() {
            missing.push(format!("{}: confidence", spec.id));
        }
        if spec.category.is_none_or(|c| c == Category::Other) {
            missing.push(format!("{}: category", spec.id));
        }
        // A heuristic rule has no provider page to point to; every provider rule does.
        if !spec.generic && spec.references.is_empty() {
            missing.push(format!("{}: references", spec.id));
        }
        if spec.generic && spec.confidence() != Confidence::Low && spec.category() == Category::Generic {
            missing.push(format!("{}: a generic heuristic should be low confidence", spec.id));
        }
    }
    assert_eq!(missing, Vec::<String>::new());
}

#[test]
fn min_confidence_drops_the_rules_below_it() {
    let dir = tempfile::TempDir::new().unwrap();
    fs::write(
        dir.path().join("settings.env"),
        // high: a prefixed token; medium: a hex key recognised by the provider's name; low: a
        // password assignment.
        "GITHUB_TOKEN=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\n\
         DATADOG_API_KEY=7f3e9a1c5b2d8e4f6a0b9c3d7e1f5a2b\n\
         DB_PASSWORD=\"Xq7-vLm2+Rt9zKp4\"\n",
    )
    .unwrap();
    let rules = |level: Option<&str>| {
        let mut args = vec!["settings.env", "--fail-on", "never"];
        if let Some(level) = level {
            args.extend(["--min-confidence", level]);
        }
        let (code, report, stderr) = scan_json(&args, dir.path());
        assert_eq!(code, 0, "{stderr}");
        finding_keys(&report).into_iter().map(|k| k.rsplit(' ').next().unwrap().to_string()).collect::<Vec<_>>()
    };
    let all = ["github-pat", "datadog-api-key", "generic-password-assignment"];
    assert_eq!(rules(None), all);
    assert_eq!(rules(Some("low")), all);
    assert_eq!(rules(Some("medium")), all[..2]);
    assert_eq!(rules(Some("high")), all[..1]);
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "settings.env", "--min-confidence", "certain"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--min-confidence"));
}

#[test]
fn rule_metadata_is_listed_explained_and_carried_into_sarif() {
    let out = tollgate().arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find(|l| l.starts_with("github-pat ")).expect("github-pat listed");
    assert!(line.contains(" high ") && line.contains(" vcs "), "{line}");
    let out = tollgate().args(["rules", "--category", "ai", "--min-confidence", "high"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l.starts_with("anthropic-api-key ")), "{text}");
    assert!(text.lines().all(|l| l.contains(" high ") && l.contains(" ai ")), "{text}");

    let out = tollgate().args(["explain", "datadog-api-key"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("confidence: medium") && text.contains("category: observability"), "{text}");
    assert!(text.contains("https://docs.datadoghq.com/"), "{text}");

    let dir = tempfile::TempDir::new().unwrap();
    fs::write(dir.path().join("a.env"), "GITHUB_TOKEN=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\n").unwrap();
    let out = tollgate()
        .current_dir(dir.path())
        .args(["scan", "a.env", "--format", "sarif", "--fail-on", "never"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules.iter().find(|r| r["id"] == "github-pat").expect("github-pat in the SARIF rules");
    assert_eq!(rule["properties"]["confidence"], "high");
    assert_eq!(rule["properties"]["category"], "vcs");
    assert_eq!(rule["helpUri"], rule["properties"]["references"][0]);
}

#[test]
fn a_rules_directory_is_read_with_its_subdirectories() {
    let dir = tempfile::TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("cloud/acme")).unwrap();
    fs::write(
        dir.path().join("cloud/acme/tokens.toml"),
        "[[rule]]\nid = \"acme-token\"\ndescription = \"Acme token\"\nregex = '''\\b(acme_[a-z0-9]{12})\\b'''\nkeywords = [\"acme_\"]\nseverity = \"high\"\nconfidence = \"high\"\ncategory = \"cloud\"\nreferences = [\"https://docs.acme.test/tokens\"]\nexamples = ['t = acme_k3j5h7g9f2d4']\nnegative_examples = ['t = acme_k3j5h7g9f2d4q8']\n",
    )
    .unwrap();
    tollgate()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 rules, 2 examples: 2 passed"));
    // A reference must be a URL.
    let text = fs::read_to_string(dir.path().join("cloud/acme/tokens.toml")).unwrap().replace("https://docs", "docs");
    fs::write(dir.path().join("cloud/acme/tokens.toml"), text).unwrap();
    tollgate()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not an http(s) URL"));
}

#[test]
fn rules_are_laid_out_one_file_per_provider_family() {
    // Adding a provider touches one family's file; none grows into thousands of lines.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut stack = vec![root.clone()];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files += 1;
                let lines = fs::read_to_string(&path).unwrap().lines().count();
                assert!(lines < 1500, "{} has {lines} lines: split the family", path.display());
            }
        }
    }
    assert!(files >= 20, "rules/ holds {files} files");
}

/// One secret, one finding: a Clerk or Paystack key has the `sk_live_` / `sk_test_` shape a
/// Stripe rule also accepts, and only the rule that recognised the vendor reports it.
#[test]
fn a_secret_claimed_by_two_vendor_rules_is_reported_once_by_the_most_specific() {
    let dir = common::tree(&[
        ("clerk.env", "CLERK_SECRET_KEY=sk_live_hc0SQdG2GZ6CrSWznehZ6A5u1YsRquiG72in9rPOy0dUXV\n"),
        ("paystack.env", "PAYSTACK_SECRET_KEY=sk_test_d5fbc0a316ebc58678df77d73a5157087c6d57af\n"),
        ("stripe.py", "stripe.api_key = \"sk_live_NCPuQhWQKzr7dKqCJnSJq1yp\"\n"),
        ("netlify.env", "NETLIFY_AUTH_TOKEN=nfp_25DN5hsCjEecPc8vakjvkCa2fyj9l5SSOCcM\n"),
    ]);
    let (_, report, _) = scan_json(&["."], dir.path());
    assert_eq!(
        finding_keys(&report),
        [
            "clerk.env:1:18 clerk-secret-key",
            "netlify.env:1:20 netlify-personal-access-token",
            "paystack.env:1:21 paystack-secret-key",
            "stripe.py:1:19 stripe-live-secret-key",
        ]
    );
}

/// Entropy floors follow the value's alphabet: a random 20-digit hex key (2.9 bits per byte,
/// below the 3.2 a base64 value is held to) is found; a word-like value of the same entropy is not.
#[test]
fn generic_entropy_floor_is_scaled_for_hex_values() {
    let dir = common::tree(&[
        ("hex.py", "api_key = \"524e440066559a6656c9\"\n"),
        ("words.py", "api_key = \"abab-cdcd-abab-cdcd\"\n"),
    ]);
    let (_, report, _) = scan_json(&["."], dir.path());
    assert_eq!(finding_keys(&report), ["hex.py:1:12 generic-api-key-assignment"]);
}
