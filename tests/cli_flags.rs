//! Command-line paper cuts, through the real binary: selecting checks and severities, `-v`,
//! errors that name their source, a gate threshold typo that must not suggest turning the gate
//! off, and a pre-commit hook that finds `tollgate` on PATH.

mod common;

use common::{scan_json, tollgate, tree};
use std::process::Command;

const KEY: &str = "AKIAZ3MSJV4WWKAO7QPQ";

fn files() -> tempfile::TempDir {
    tree(&[
        ("a.py", &format!("key = '{KEY}'\npassword = \"Xk9#mQ2vL8pR4tZw\"\n")),
        ("Dockerfile", "FROM ubuntu:latest\nUSER app\n"),
    ])
}

fn rules_of(report: &serde_json::Value) -> Vec<String> {
    report["findings"].as_array().unwrap().iter().map(|f| f["rule_id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn check_and_skip_check_choose_rules_and_reject_unknown_ids() {
    let dir = files();
    let (code, all, _) = scan_json(&[], dir.path());
    assert_eq!(
        (code, rules_of(&all)),
        (1, vec!["TG-IMG-001".into(), "aws-access-key-id".into(), "generic-password-assignment".into()])
    );
    let (code, only, _) = scan_json(&["--check", "generic-password-assignment,TG-DOCKER-005"], dir.path());
    assert_eq!((code, rules_of(&only)), (0, vec!["TG-IMG-001".into(), "generic-password-assignment".into()]));
    let (_, skipped, _) = scan_json(&["--skip-check", "aws-access-key-id", "--skip-check", "TG-IMG-001"], dir.path());
    assert_eq!(rules_of(&skipped), vec!["generic-password-assignment".to_string()]);
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "--skip-check", "aws-acess-key-id"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--skip-check names `aws-acess-key-id`, which is no rule or policy id"));
}

#[test]
fn min_severity_hides_lesser_findings_from_reports_and_gate() {
    let dir = files();
    let (code, report, _) = scan_json(&["--min-severity", "high", "--fail-on", "medium"], dir.path());
    assert_eq!((code, rules_of(&report)), (1, vec!["aws-access-key-id".to_string()]));
    let ids: Vec<&str> = report["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["aws-access-key-id"], "rules only hidden findings used are left out too");
    let (code, report, _) = scan_json(&["--min-severity", "critical", "--fail-on", "medium"], dir.path());
    assert_eq!((code, report["findings"].as_array().unwrap().len()), (0, 0), "hidden findings do not fail the gate");
    tollgate().current_dir(dir.path()).args(["scan", "--min-severity", "severe"]).assert().code(2);
}

#[test]
fn verbose_says_what_was_loaded_excluded_and_skipped() {
    let dir = files();
    std::fs::write(dir.path().join("big.txt"), "x".repeat(4096)).unwrap();
    std::fs::write(dir.path().join("tollgate.toml"), "exclude = [\"docs/**\"]\n").unwrap();
    let out = tollgate()
        .current_dir(dir.path())
        .args(["scan", "-v", "--max-file-size", "1K", "--min-severity", "high"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "tollgate: config: ",
        "tollgate.toml\n",
        " secret rules and ",
        " policy files\n",
        "tollgate: excluding docs/**\n",
        "tollgate: skipped big.txt: larger than --max-file-size\n",
        "tollgate: scanned 3 files (",
        "tollgate: 2 findings below --min-severity not shown\n",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
    tollgate().current_dir(dir.path()).args(["scan", "-v", "-q"]).assert().code(2);
}

#[test]
fn a_bad_exclude_glob_names_the_config_file_or_the_flag() {
    let dir = files();
    std::fs::write(dir.path().join("tollgate.toml"), "exclude = [\"![bad\"]\n").unwrap();
    let out = tollgate().current_dir(dir.path()).arg("scan").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("tollgate.toml: `exclude` has a bad glob `![bad`: unclosed character class"), "{stderr}");
    std::fs::remove_file(dir.path().join("tollgate.toml")).unwrap();
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "--exclude", "src/[x"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--exclude has a bad glob `src/[x`"));
}

#[test]
fn a_mistyped_threshold_does_not_suggest_disabling_the_gate() {
    for typo in ["severe", "nevr", "hihg"] {
        let out = tollgate().args(["scan", "--fail-on", typo]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("invalid value '{typo}' for '--fail-on")), "{stderr}");
        assert!(stderr.contains("[possible values: critical, high, medium, low, info, never]"), "{stderr}");
        assert!(!stderr.contains("similar"), "no suggestion: {stderr}");
    }
}

#[test]
fn the_installed_hook_runs_tollgate_from_path_and_says_so_when_it_is_missing() {
    let dir = tree(&[]);
    assert!(Command::new("git").arg("init").arg("-q").current_dir(dir.path()).status().unwrap().success());
    let out = tollgate().current_dir(dir.path()).env("PATH", "/usr/bin:/bin").arg("install-hook").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`tollgate` is not on PATH"), "warned at install");
    let hook = dir.path().join(".git/hooks/pre-commit");
    let script = std::fs::read_to_string(&hook).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("tollgate");
    assert!(!script.contains(&*bin.to_string_lossy()) && script.contains("exec tollgate scan --staged"), "{script}");

    let missing = Command::new("sh").arg(&hook).current_dir(dir.path()).env("PATH", "/usr/bin:/bin").output().unwrap();
    assert_eq!(missing.status.code(), Some(1), "no tollgate: the commit is blocked");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("tollgate: not found on PATH"));

    let path = format!("{}:/usr/bin:/bin", bin.parent().unwrap().display());
    let found = Command::new("sh").arg(&hook).current_dir(dir.path()).env("PATH", path).output().unwrap();
    assert_eq!(found.status.code(), Some(0), "{}", String::from_utf8_lossy(&found.stderr));
}

#[test]
fn scanners_run_one_engine_and_a_secrets_only_scan_parses_nothing() {
    let dir = files();
    // A broken manifest: only the policy engine parses it, so only it reports the parse error.
    std::fs::write(dir.path().join("deploy.yaml"), "apiVersion: v1\nkind: Pod\nspec: [unclosed\n").unwrap();
    let diagnostics = |report: &serde_json::Value| report["diagnostics"].as_array().unwrap().len();

    let (_, secrets, _) = scan_json(&["--scanners", "secrets"], dir.path());
    assert_eq!(rules_of(&secrets), vec!["aws-access-key-id", "generic-password-assignment"]);
    assert_eq!(diagnostics(&secrets), 0, "no IaC parsed: {secrets}");

    let (_, policies, _) = scan_json(&["--scanners", "misconfig"], dir.path());
    assert_eq!(rules_of(&policies), vec!["TG-IMG-001"]);
    assert_eq!(diagnostics(&policies), 1, "the broken manifest is parsed: {policies}");

    let (_, both, _) = scan_json(&["--scanners", "secret,policies"], dir.path());
    assert_eq!(rules_of(&both), rules_of(&scan_json(&[], dir.path()).1));
    tollgate().current_dir(dir.path()).args(["scan", "--scanners", "sast"]).assert().code(2);
}

#[test]
fn a_dockerfile_is_named_by_its_variant_not_by_a_language_or_document_extension() {
    let dir = tree(&[
        ("dockerfile.rs", "//! Reads Dockerfiles.\npub fn parse() {}\n"),
        ("Dockerfile.md", "# Our Dockerfile\n\nFROM comes first; USER last.\n"),
        ("Dockerfile.prod", "FROM alpine:3.20\nUSER app\n"),
        ("api.Dockerfile", "FROM alpine:3.20\nUSER app\n"),
    ]);
    let (code, report, stderr) = scan_json(&[], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["diagnostics"], serde_json::json!([]), "nothing parsed as a Dockerfile by mistake");
    assert_eq!(report["stats"]["kinds"], serde_json::json!({"dockerfile": 2, "source(rust)": 1, "text": 1}));
}

#[test]
fn a_file_over_the_size_limit_is_named_in_every_report_and_does_not_fail_the_gate() {
    let dir = tree(&[("big.txt", &"a".repeat(3000)), ("small.txt", "x\n")]);
    let run = |format: &str| {
        let out = tollgate()
            .current_dir(dir.path())
            .args(["scan", ".", "--max-file-size", "1000", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "a skipped file is a warning: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run("text").contains("big.txt: not scanned: larger than --max-file-size (1000 bytes)"));
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "big.txt", "{notes}");
    assert_eq!(notes[0]["level"], "warning");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["diagnostics"][0]["path"], "big.txt");
    assert_eq!(json["stats"]["skipped_too_large"], serde_json::json!(["big.txt"]));
    assert!(run("github").contains("file=big.txt"));
}

#[test]
fn explain_shows_a_reported_and_an_accepted_example() {
    let text = |id: &str| {
        let out = tollgate().args(["explain", id]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let rule = text("aws-access-key-id");
    let (reported, accepted) = rule.split_once("Not reported:").expect("both sections");
    assert!(reported.contains("Reported:\n    ") && reported.contains("AKIA"), "{rule}");
    assert!(accepted.contains("EXAMPLE"), "the negative example: {rule}");
    let policy = text("TG-DOCKER-001");
    assert!(policy.contains("Reported (") && policy.contains("Not reported ("), "file names given: {policy}");
    assert!(policy.contains("    FROM "), "the example files' text, indented: {policy}");
}

#[test]
fn the_config_is_found_in_the_scanned_directory_or_up_to_the_repository_top() {
    let key = format!("key = '{KEY}'\n");
    // `cd x && tollgate scan cfg` reads cfg/tollgate.toml; its anchored globs are rebased.
    let dir = tree(&[("cfg/tollgate.toml", "exclude = [\"skip.py\", \"deep/one.py\"]\n"), ("cfg/skip.py", &key)]);
    std::fs::create_dir_all(dir.path().join("cfg/deep")).unwrap();
    std::fs::write(dir.path().join("cfg/deep/one.py"), &key).unwrap();
    std::fs::write(dir.path().join("cfg/kept.py"), &key).unwrap();
    let (_, report, stderr) = scan_json(&["cfg", "-v"], dir.path());
    assert!(stderr.contains("cfg/tollgate.toml"), "-v names the config used: {stderr}");
    let paths: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["cfg/kept.py"]);

    // `cd repo/sub && tollgate scan .` reads the repository's root config.
    let repo =
        tree(&[("tollgate.toml", "exclude = [\"sub/skip.py\"]\n"), ("sub/skip.py", &key), ("sub/kept.py", &key)]);
    assert!(Command::new("git").args(["init", "-q"]).current_dir(repo.path()).status().unwrap().success());
    let (_, report, stderr) = scan_json(&[".", "-v"], &repo.path().join("sub"));
    assert!(stderr.contains("tollgate.toml"), "{stderr}");
    let paths: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["kept.py"]);

    // Outside a repository nothing above the scan root is read.
    let outer = tree(&[("tollgate.toml", "exclude = [\"sub/skip.py\"]\n"), ("sub/skip.py", &key)]);
    let (_, report, _) = scan_json(&["."], &outer.path().join("sub"));
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
}
