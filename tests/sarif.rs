//! The SARIF report validates against the official SARIF 2.1.0 schema and carries what GitHub
//! code scanning needs.

mod common;

use common::tollgate;
use serde_json::Value;
use std::fs;
use tempfile::TempDir;

fn sarif_for(files: &[(&str, &str)]) -> Value {
    let dir = TempDir::new().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    let out = tollgate().current_dir(dir.path()).args(["scan", ".", "--format", "sarif"]).output().unwrap();
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

fn schema_errors(doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    validator.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let doc = sarif_for(&[
        ("src/conf dir/app.py", "AWS_ACCESS_KEY_ID = 'AKIAZ3MSJV4WWKAO7QPQ'\n"),
        ("deploy.sh", "export AWS_SECRET_ACCESS_KEY=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\n"),
    ]);
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let empty = sarif_for(&[("a.txt", "hello\n")]);
    assert_eq!(schema_errors(&empty), Vec::<String>::new());
    assert_eq!(empty["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn schema_check_rejects_a_broken_log() {
    // Guards the guard: a log GitHub would reject must fail validation here.
    let mut doc = sarif_for(&[("a.py", "k = 'AKIAZ3MSJV4WWKAO7QPQ'\n")]);
    doc["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema_errors(&doc).is_empty());
}

#[test]
fn sarif_has_what_github_code_scanning_reads() {
    let doc = sarif_for(&[("src/conf dir/app.py", "\n  AWS_ACCESS_KEY_ID = 'AKIAZ3MSJV4WWKAO7QPQ'\n")]);
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "tollgate");
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "aws-access-key-id");
    assert!(rule["properties"]["security-severity"].is_string(), "security-severity must be a string");
    assert!(rule["shortDescription"]["text"].is_string());
    assert!(rule["fullDescription"]["text"].is_string());
    assert!(rule["help"]["text"].as_str().unwrap().contains("Remediation"));
    assert!(rule["helpUri"].as_str().unwrap().starts_with("https://"));

    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "aws-access-key-id");
    assert_eq!(result["ruleIndex"], 0);
    assert_eq!(result["level"], "error");
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "src/conf%20dir/app.py");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 2);
    assert_eq!(loc["region"]["startColumn"], 24);
    assert_eq!(loc["region"]["endColumn"], 44);
    assert!(result["partialFingerprints"]["tollgate/v1"].as_str().unwrap().len() == 32);
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap().ends_with('/'));
    assert!(!doc.to_string().contains("AKIAZ3MSJV4WWKAO7QPQ"));
}

#[test]
fn policy_findings_and_diagnostics_are_valid_sarif_too() {
    // Every check's examples at once, plus a file that does not parse (a notification).
    let dir = TempDir::new().unwrap();
    let fixtures = common::repo_root().join("policies");
    let out = tollgate()
        .current_dir(dir.path())
        .args(["scan", "--format", "sarif", "--fail-on", "never"])
        .arg(&fixtures)
        .arg(common::repo_root().join("tests/data/broken-pod.yaml"))
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let run = &doc["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "TG-NET-001"));
    assert!(results.iter().all(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_i64() > Some(0)));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let sg = rules.iter().find(|r| r["id"] == "TG-NET-001").unwrap();
    assert!(sg["help"]["markdown"].as_str().unwrap().contains("Remediation"));
    assert!(sg["properties"]["security-severity"].is_string());
    let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert!(notes.iter().any(|n| n["level"] == "warning"), "{notes:?}");
}

/// Every artifact location's URI, with its base if it has one.
fn artifact_uris(doc: &Value) -> Vec<(String, Option<String>)> {
    doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (loc["uri"].as_str().unwrap().to_string(), loc["uriBaseId"].as_str().map(str::to_string))
        })
        .collect()
}

/// RFC 3986 §3.1: the scheme of an absolute URI, if the text reads as one.
fn scheme(uri: &str) -> Option<&str> {
    let end = uri.find([':', '/', '?', '#'])?;
    let candidate = &uri[..end];
    let valid = uri[end..].starts_with(':')
        && candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
    valid.then_some(candidate)
}

#[test]
fn file_names_that_look_like_schemes_stay_relative_to_srcroot() {
    let key = "AWS_ACCESS_KEY_ID = 'AKIAZ3MSJV4WWKAO7QPQ'\n";
    let doc = sarif_for(&[("javascript:alert(1).py", key), ("http:x.py", key), ("dir:a/b:c.py", key)]);
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let mut uris = artifact_uris(&doc);
    uris.sort();
    let srcroot = Some("%SRCROOT%".to_string());
    assert_eq!(
        uris,
        [
            ("dir%3Aa/b:c.py".to_string(), srcroot.clone()),
            ("http%3Ax.py".to_string(), srcroot.clone()),
            ("javascript%3Aalert(1).py".to_string(), srcroot.clone()),
        ]
    );
    for (uri, _) in &uris {
        assert_eq!(scheme(uri), None, "{uri} reads as an absolute URI");
    }
}

#[cfg(unix)]
#[test]
fn a_root_named_through_a_symlink_still_gives_srcroot_relative_uris() {
    // The working directory is always the resolved path; --root (or GITHUB_WORKSPACE) may name
    // the same directory through a link.
    let outer = TempDir::new().unwrap();
    let real = outer.path().join("real");
    fs::create_dir_all(real.join("src")).unwrap();
    fs::write(real.join("src/app.py"), "k = 'AKIAZ3MSJV4WWKAO7QPQ'\n").unwrap();
    let link = outer.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for args in [vec!["scan", ".", "--root"], vec!["scan", "src", "--root"]] {
        let out = tollgate().current_dir(&link).args(&args).arg(&link).args(["--format", "sarif"]).output().unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(schema_errors(&doc), Vec::<String>::new());
        assert_eq!(artifact_uris(&doc), [("src/app.py".to_string(), Some("%SRCROOT%".to_string()))], "{args:?}");
    }
}

#[test]
fn files_outside_the_root_get_absolute_file_uris_without_a_base() {
    let root = TempDir::new().unwrap();
    let elsewhere = common::tree(&[("a b/app.py", "k = 'AKIAZ3MSJV4WWKAO7QPQ'\n")]);
    let out = tollgate()
        .current_dir(root.path())
        .args(["scan", "--format", "sarif", "--root", "."])
        .arg(elsewhere.path())
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let uris = artifact_uris(&doc);
    assert_eq!(uris.len(), 1);
    let (uri, base) = &uris[0];
    assert_eq!(base, &None, "an absolute URI has no base");
    assert!(uri.starts_with("file:///") && uri.ends_with("/a%20b/app.py"), "{uri}");
}
