//! Where reports go and what the CI-facing formats hold, through the real binary: several
//! reports from one scan, report directories created on the fly, GitLab's security and Code
//! Quality reports against their schemas, strict-XSD JUnit, SARIF run metadata, a reader that
//! closes the pipe early, and long secrets masked to a fixed width.

mod common;

use common::{tollgate, tree};
use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

const KEY: &str = "AKIAZ3MSJV4WWKAO7QPQ";

/// A secret, a lesser secret and a Dockerfile with misconfigurations.
fn mixed_tree() -> TempDir {
    tree(&[
        ("app/a.py", &format!("key = '{KEY}'\nagain = '{KEY}'\npassword = \"Xk9#mQ2vL8pR4tZw\"\n")),
        ("Dockerfile", "FROM ubuntu:latest\nRUN curl -s https://get.example.com/i.sh | sh\n"),
    ])
}

fn json_file(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn schema_errors(schema: &str, doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(schema).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    validator.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

#[test]
fn one_scan_writes_several_reports_into_directories_it_creates() {
    let dir = mixed_tree();
    let out = tollgate()
        .current_dir(dir.path())
        .args(["scan", ".", "--output-format", "sarif=out/deep/tollgate.sarif"])
        .args(["--output-format", "junit=reports/junit.xml", "--output-format", "text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("app/a.py") && text.contains("TG-SHELL-001"), "text on stdout: {text}");
    let sarif = json_file(&dir.path().join("out/deep/tollgate.sarif"));
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 6);
    let junit = fs::read_to_string(dir.path().join("reports/junit.xml")).unwrap();
    roxmltree::Document::parse(&junit).expect("JUnit is XML");

    // --format/--output still work, and create their directory too (CodeBuild's recipe).
    tollgate()
        .current_dir(dir.path())
        .args(["scan", ".", "--format", "junit", "--output", "new/dir/tollgate.xml", "--fail-on", "never"])
        .assert()
        .code(0);
    assert!(dir.path().join("new/dir/tollgate.xml").is_file());

    // Two reports cannot share standard output, nor a file; an unknown format names the choices.
    let both =
        tollgate().current_dir(dir.path()).args(["scan", ".", "--output-format", "json"]).arg("-fsarif").output();
    let both = both.unwrap();
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("more than one report would go to standard output"));
    tollgate()
        .current_dir(dir.path())
        .args(["scan", ".", "--output-format", "xml=a.xml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`xml` is not a report format (expected one of text, json, sarif"));
}

#[test]
fn gitlab_security_reports_split_secrets_from_misconfigurations_and_match_the_schema() {
    let dir = mixed_tree();
    tollgate()
        .current_dir(dir.path())
        .env("CI_COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567")
        .args(["scan", ".", "--output-format", "gitlab-sast=gl/sast.json"])
        .args(["--output-format", "gitlab-secret-detection=gl/secrets.json"])
        .assert()
        .code(1);
    let schema = include_str!("data/gitlab/security-report.schema.json");
    let sast = json_file(&dir.path().join("gl/sast.json"));
    let secrets = json_file(&dir.path().join("gl/secrets.json"));
    for doc in [&sast, &secrets] {
        assert_eq!(schema_errors(schema, doc), Vec::<String>::new(), "{doc:#}");
    }
    assert_eq!(sast["scan"]["type"], "sast");
    assert_eq!(secrets["scan"]["type"], "secret_detection");
    let names = |doc: &Value| -> Vec<String> {
        doc["vulnerabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                format!(
                    "{}:{} {} {}",
                    v["location"]["file"].as_str().unwrap(),
                    v["location"]["start_line"],
                    v["identifiers"][0]["value"].as_str().unwrap(),
                    v["severity"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        names(&secrets),
        vec![
            "app/a.py:1 aws-access-key-id High",
            "app/a.py:2 aws-access-key-id High",
            "app/a.py:3 generic-password-assignment Medium"
        ]
    );
    assert_eq!(
        names(&sast),
        vec!["Dockerfile:1 TG-DOCKER-001 High", "Dockerfile:1 TG-IMG-001 Medium", "Dockerfile:2 TG-SHELL-001 Medium"]
    );
    let vulns = secrets["vulnerabilities"].as_array().unwrap();
    assert_ne!(vulns[0]["id"], vulns[1]["id"], "the same secret twice keeps two ids");
    assert_eq!(vulns[0]["location"]["commit"]["sha"], "0123456789abcdef0123456789abcdef01234567");
    assert!(!secrets.to_string().contains(KEY), "no secret in the report");

    // A file that cannot be checked fails the scan's status and says why.
    let broken = tree(&[("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [\n")]);
    let out = tollgate()
        .current_dir(broken.path())
        .args(["scan", ".", "--format", "gitlab-sast", "--on-parse-error", "fail"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema_errors(schema, &doc), Vec::<String>::new());
    assert_eq!(doc["scan"]["status"], "failure");
    assert!(doc["scan"]["messages"][0]["value"].as_str().unwrap().starts_with("k8s/pod.yaml"), "{doc:#}");
}

#[test]
fn gitlab_code_quality_report_matches_the_schema_with_unique_fingerprints() {
    let dir = mixed_tree();
    let out =
        tollgate().current_dir(dir.path()).args(["scan", ".", "--format", "gitlab-codequality"]).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema_errors(include_str!("data/gitlab/codequality.schema.json"), &doc), Vec::<String>::new());
    let issues = doc.as_array().unwrap();
    assert_eq!(issues.len(), 6);
    let mut prints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), 6, "fingerprints are unique");
    let first = &issues[0];
    assert_eq!(
        (first["check_name"].as_str(), first["severity"].as_str(), first["location"]["lines"]["begin"].as_u64()),
        (Some("TG-DOCKER-001"), Some("critical"), Some(1))
    );
}

#[test]
fn junit_uses_only_attributes_the_common_xsd_allows() {
    // The Ant/Jenkins JUnit XSD that strict readers validate against.
    let allowed: &[(&str, &[&str])] = &[
        ("testsuites", &["name", "time", "tests", "failures", "disabled", "errors"]),
        (
            "testsuite",
            &[
                "name",
                "tests",
                "failures",
                "errors",
                "time",
                "disabled",
                "skipped",
                "timestamp",
                "hostname",
                "id",
                "package",
                "file",
                "log",
                "url",
                "version",
            ],
        ),
        ("testcase", &["name", "assertions", "time", "classname", "status"]),
        ("failure", &["message", "type"]),
        ("error", &["message", "type"]),
        ("skipped", &["message"]),
        ("system-out", &[]),
    ];
    let dir = mixed_tree();
    fs::write(dir.path().join("broken.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: [\n").unwrap();
    let out = tollgate()
        .current_dir(dir.path())
        .args(["scan", ".", "--format", "junit", "--on-parse-error", "fail"])
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        seen.insert(name);
        let attrs = allowed.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("element {name}")).1;
        for a in node.attributes() {
            assert!(attrs.contains(&a.name()), "{name}@{} is not in the XSD", a.name());
        }
    }
    assert!(["failure", "error", "skipped"].iter().all(|e| seen.contains(e)), "{seen:?}");
}

#[test]
fn sarif_run_names_its_home_category_and_rule_precision() {
    let dir = mixed_tree();
    let out = tollgate().current_dir(dir.path()).args(["scan", ".", "--format", "sarif"]).output().unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &sarif["runs"][0];
    assert!(run["tool"]["driver"]["informationUri"].as_str().unwrap().starts_with("https://"));
    assert_eq!(run["automationDetails"]["id"], "tollgate/");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let by_id = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(by_id("TG-SHELL-001")["properties"]["precision"], "very-high");
    assert_eq!(by_id("aws-access-key-id")["properties"]["precision"], "high");
    assert_eq!(by_id("generic-password-assignment")["properties"]["precision"], "low");
    assert_eq!(by_id("aws-access-key-id")["name"], "AwsAccessKeyId");
    let docker_name = by_id("TG-DOCKER-001")["name"].as_str().unwrap();
    assert!(docker_name.len() > 12 && !docker_name.contains("Tg"), "named from its title: {docker_name}");

    let out = tollgate()
        .current_dir(dir.path())
        .args(["scan", ".", "--format", "sarif", "--sarif-category", "iac/docker"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["automationDetails"]["id"], "iac/docker/");
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_report_quietly() {
    let many: String = (0..4000).map(|i| format!("k{i} = '{KEY}'\n")).collect();
    let dir = tree(&[("keys.py", &many)]);
    let bin = assert_cmd::cargo::cargo_bin("tollgate");
    let out = std::process::Command::new("bash")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(format!("'{}' scan . | head -n 1; echo \"exit=${{PIPESTATUS[0]}}\" >&2", bin.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("error"), "{stderr}");
    assert!(stderr.contains("verdict FAIL") && stderr.contains("exit=1"), "the gate still answers: {stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn a_long_secret_is_masked_to_a_fixed_width_that_states_its_length() {
    let body: String = (0..25).map(|i| format!("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7{i}\n")).collect();
    let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----\n");
    let dir = tree(&[("id_rsa.txt", &pem)]);
    let out = tollgate().current_dir(dir.path()).args(["scan", ".", "--format", "json"]).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = &doc["findings"][0];
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains(" chars]********"), "{message}");
    assert!(!message.contains(&"*".repeat(40)), "no screen of stars: {message}");
    assert!(message.len() < 200, "{message}");
}
