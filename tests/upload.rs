//! `tollgate upload` against a local mock of GitHub's code scanning API (loopback only): what it
//! sends, how it waits for processing, and what it says when GitHub or the network fails. The token
//! must never appear in any output.

mod common;

use base64::Engine;
use flate2::read::GzDecoder;
use mockito::{Matcher, Mock, Server, ServerGuard};
use serde_json::{Value, json};
use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const TOKEN: &str = "ghp_TESTTOKENdoNotLeak0123456789abcdef";
const SHA: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const SARIFS: &str = "/repos/octo/hello/code-scanning/sarifs";
const SOURCE: &str = "import os\nAWS_KEY = 'AKIA...'\n";

/// A checkout with one source file and a SARIF log with one result on its line 2.
fn checkout() -> (TempDir, Value) {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/app.py"), SOURCE).unwrap();
    let sarif = sarif_with(vec![run("tollgate", 1)]);
    std::fs::write(dir.path().join("results.sarif"), sarif.to_string()).unwrap();
    (dir, sarif)
}

fn run(tool: &str, results: usize) -> Value {
    let result = json!({
        "ruleId": "aws-access-key-id",
        "level": "error",
        "message": {"text": "AWS access key"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "src/app.py", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 2, "startColumn": 12, "endColumn": 19}
        }}],
        "partialFingerprints": {"tollgate/v1": "0123456789abcdef0123456789abcdef"}
    });
    json!({
        "tool": {"driver": {"name": tool, "rules": [
            {"id": "aws-access-key-id", "properties": {"security-severity": "9.0"}}
        ]}},
        "results": vec![result; results]
    })
}

fn sarif_with(runs: Vec<Value>) -> Value {
    json!({"version": "2.1.0", "runs": runs})
}

/// tollgate in `dir` with none of the developer's GitHub or proxy settings, and the token.
fn tollgate_with_token(dir: &Path) -> assert_cmd::Command {
    let mut cmd = common::tollgate();
    for (key, _) in std::env::vars() {
        if key.starts_with("GITHUB_") || key.to_ascii_lowercase().ends_with("_proxy") {
            cmd.env_remove(key);
        }
    }
    cmd.current_dir(dir).env("GITHUB_TOKEN", TOKEN);
    cmd
}

/// `tollgate upload` in `dir`, as [`tollgate_with_token`].
fn upload(dir: &Path) -> assert_cmd::Command {
    let mut cmd = tollgate_with_token(dir);
    cmd.arg("upload");
    cmd
}

/// `upload` with everything given explicitly, aimed at `api`.
fn upload_to(dir: &Path, api: &str) -> assert_cmd::Command {
    let mut cmd = upload(dir);
    cmd.args(["results.sarif", "--api-url", api, "--repository", "octo/hello", "--commit", SHA]);
    cmd.args(["--ref", "refs/heads/main"]);
    cmd
}

/// Exit code and stderr; fails the test if the token shows up anywhere.
fn finish(out: Output) -> (i32, String) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN), "token leaked:\n{stdout}\n{stderr}");
    (out.status.code().expect("exited"), stderr)
}

/// A POST mock that accepts the upload as `id`.
fn accept(server: &mut ServerGuard, id: &str) -> Mock {
    let body = json!({"id": id, "url": format!("{}{SARIFS}/{id}", server.url())}).to_string();
    server.mock("POST", SARIFS).with_status(202).with_body(body).create()
}

fn status(server: &mut ServerGuard, id: &str, body: Value) -> Mock {
    server.mock("GET", format!("{SARIFS}/{id}").as_str()).with_body(body.to_string()).create()
}

#[test]
fn uploads_gzipped_sarif_with_line_hashes_and_waits_for_processing() {
    let (dir, sarif) = checkout();
    let mut server = Server::new();
    let body: Arc<Mutex<Option<Vec<u8>>>> = Arc::default();
    let captured = Arc::clone(&body);
    let status_url = format!("{}{SARIFS}/abc-123", server.url());
    let post = server
        .mock("POST", SARIFS)
        .match_header("authorization", format!("Bearer {TOKEN}").as_str())
        .match_header("accept", "application/vnd.github+json")
        .match_header("x-github-api-version", "2022-11-28")
        .match_header("user-agent", Matcher::Regex("^tollgate/".into()))
        .with_status(202)
        .with_body_from_request(move |req| {
            *captured.lock().unwrap() = Some(req.body().unwrap().clone());
            json!({"id": "abc-123", "url": status_url}).to_string().into_bytes()
        })
        .create();
    let poll = format!("{SARIFS}/abc-123");
    // Not visible yet, then pending, then done.
    let not_yet = server.mock("GET", poll.as_str()).with_status(404).with_body(r#"{"message":"Not Found"}"#).create();
    let pending = status(&mut server, "abc-123", json!({"processing_status": "pending"}));
    let analyses = format!("{}/repos/octo/hello/code-scanning/analyses?sarif_id=abc-123", server.url());
    let complete = server
        .mock("GET", poll.as_str())
        .match_header("authorization", format!("Bearer {TOKEN}").as_str())
        .with_body(json!({"processing_status": "complete", "analyses_url": analyses, "errors": null}).to_string())
        .create();

    let out = upload_to(dir.path(), &server.url())
        .args(["--tool-name", "tollgate-ci", "--poll-interval-ms", "10", "--checkout-root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let (code, stderr) = finish(out);
    assert_eq!(code, 0, "{stderr}");
    post.assert();
    not_yet.assert();
    pending.assert();
    complete.assert();
    assert!(stderr.contains("tollgate: uploaded results.sarif (1 results, "), "{stderr}");
    assert!(stderr.contains("KiB gzipped) to octo/hello as sarif id abc-123"), "{stderr}");
    assert!(stderr.contains(&format!("processing complete: {analyses}")), "{stderr}");
    assert!(stderr.contains(&format!("alerts: {}/octo/hello/security/code-scanning", server.url())), "{stderr}");

    let sent: Value = serde_json::from_slice(body.lock().unwrap().as_deref().expect("POST body")).unwrap();
    assert_eq!(sent["commit_sha"], SHA);
    assert_eq!(sent["ref"], "refs/heads/main");
    assert_eq!(sent["tool_name"], "tollgate-ci");
    assert_eq!(sent["checkout_uri"], format!("file://{}", dir.path().display()));
    let gzipped = base64::engine::general_purpose::STANDARD.decode(sent["sarif"].as_str().unwrap()).unwrap();
    let mut text = String::new();
    GzDecoder::new(&gzipped[..]).read_to_string(&mut text).unwrap();
    let uploaded: Value = serde_json::from_str(&text).unwrap();
    let mut expected = sarif;
    expected["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"] =
        json!(tollgate::linehash::line_hashes(SOURCE)[1]);
    assert_eq!(uploaded, expected);
}

#[test]
fn takes_its_target_from_the_github_actions_environment() {
    let (dir, _) = checkout();
    let mut server = Server::new();
    let post = server
        .mock("POST", "/repos/env/repo/code-scanning/sarifs")
        .match_body(Matcher::PartialJson(json!({
            "commit_sha": SHA,
            "ref": "refs/pull/7/merge",
            "checkout_uri": format!("file://{}", dir.path().display()),
        })))
        .with_status(202)
        .with_body(r#"{"id": "e1", "url": "https://example.invalid/e1"}"#)
        .create();
    let elsewhere = TempDir::new().unwrap();
    let out = upload(elsewhere.path())
        .arg(dir.path().join("results.sarif"))
        .arg("--no-wait")
        .env("GITHUB_API_URL", server.url())
        .env("GITHUB_REPOSITORY", "env/repo")
        .env("GITHUB_SHA", SHA)
        .env("GITHUB_REF", "refs/pull/7/merge")
        .env("GITHUB_WORKSPACE", dir.path())
        .output()
        .unwrap();
    let (code, stderr) = finish(out);
    assert_eq!(code, 0, "{stderr}");
    post.assert();
    assert!(stderr.contains("not waiting for processing; status: https://example.invalid/e1"), "{stderr}");
}

#[test]
fn processing_failure_reports_githubs_errors() {
    let (dir, _) = checkout();
    let mut server = Server::new();
    let _post = accept(&mut server, "f-1");
    let _failed = status(
        &mut server,
        "f-1",
        json!({"processing_status": "failed", "errors": [
            "locationFromSarifResult: expected artifact location",
            "could not convert rules: invalid security severity value, is not a number"
        ]}),
    );
    let (code, stderr) =
        finish(upload_to(dir.path(), &server.url()).args(["--poll-interval-ms", "10"]).output().unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("tollgate: error: GitHub could not process the SARIF (sarif id f-1)"), "{stderr}");
    assert!(stderr.contains("- locationFromSarifResult: expected artifact location"), "{stderr}");
    assert!(stderr.contains("- could not convert rules"), "{stderr}");
}

#[test]
fn http_errors_say_what_to_fix() {
    let cases = [
        (
            401,
            r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#,
            "Bad credentials",
            "invalid or has expired",
        ),
        (
            403,
            r#"{"message":"Resource not accessible by integration"}"#,
            "Resource not accessible by integration",
            "security-events: write",
        ),
        (413, "request entity too large", "request entity too large", "too large for GitHub"),
    ];
    for (http, body, message, help) in cases {
        let (dir, _) = checkout();
        let mut server = Server::new();
        let post = server.mock("POST", SARIFS).with_status(http).with_body(body).create();
        let (code, stderr) = finish(upload_to(dir.path(), &server.url()).output().unwrap());
        post.assert();
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(&format!("HTTP {http}")), "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
        assert!(stderr.contains(help), "{stderr}");
    }
}

#[test]
fn gives_up_when_processing_takes_too_long() {
    let (dir, _) = checkout();
    let mut server = Server::new();
    let _post = accept(&mut server, "slow");
    let pending = status(&mut server, "slow", json!({"processing_status": "pending"})).expect_at_least(2);
    let started = Instant::now();
    let out = upload_to(dir.path(), &server.url()).args(["--wait-timeout", "1", "--poll-interval-ms", "50"]).output();
    let (code, stderr) = finish(out.unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("GitHub is still processing the upload (sarif id slow) after 1 s; see "), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(10));
    pending.assert();
}

#[test]
fn a_silent_server_times_out_naming_the_host() {
    let (dir, _) = checkout();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    // Accept connections and never answer; the thread ends with the test process.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let started = Instant::now();
    let out = upload_to(dir.path(), &format!("http://{addr}")).args(["--http-timeout", "1"]).output().unwrap();
    let (code, stderr) = finish(out);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(&format!("no answer from the GitHub API at {addr} within 1 s")), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[test]
fn sarif_github_would_reject_is_refused_before_any_request() {
    let too_many = sarif_with(vec![run("tollgate", 25_001)]);
    let duplicate = sarif_with(vec![run("tollgate", 1), run("tollgate", 1)]);
    let mut numeric = sarif_with(vec![run("tollgate", 1)]);
    numeric["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["security-severity"] = json!(9.0);
    let cases = [
        (too_many.to_string(), "run 1 has 25001 results; GitHub rejects runs with more than 25,000"),
        (duplicate.to_string(), "runs 1 and 2 have the same tool (`tollgate`) and category"),
        (numeric.to_string(), "rule `aws-access-key-id` (run 1): properties.security-severity must be a string"),
        ("{\"version\": ".to_string(), "cannot upload results.sarif: not valid JSON"),
    ];
    for (sarif, message) in cases {
        let (dir, _) = checkout();
        std::fs::write(dir.path().join("results.sarif"), sarif).unwrap();
        let mut server = Server::new();
        let post = server.mock("POST", Matcher::Any).expect(0).create();
        let (code, stderr) = finish(upload_to(dir.path(), &server.url()).output().unwrap());
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
        post.assert();
    }
}

#[test]
fn missing_token_or_target_is_a_clear_error() {
    let (dir, _) = checkout();
    let out = upload_to(dir.path(), "http://127.0.0.1:9").env_remove("GITHUB_TOKEN").output().unwrap();
    let (code, stderr) = finish(out);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("tollgate: error: GITHUB_TOKEN is not set"), "{stderr}");

    // No flags, no GITHUB_* variables and no git to ask (empty PATH): say what to set.
    let (code, stderr) = finish(upload(dir.path()).arg("results.sarif").env("PATH", "").output().unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("pass --repository OWNER/REPO or set GITHUB_REPOSITORY"), "{stderr}");
}

#[test]
fn scan_upload_sends_its_sarif_even_when_the_gate_fails_and_a_failed_upload_exits_2() {
    let dir = TempDir::new().unwrap();
    let source = "import os\n\nAWS_KEY = 'AKIAZ3MSJV4WWKAO7QPQ'\n";
    std::fs::write(dir.path().join("app.py"), source).unwrap();
    let mut server = Server::new();
    let body: Arc<Mutex<Option<Vec<u8>>>> = Arc::default();
    let captured = Arc::clone(&body);
    let status_url = format!("{}{SARIFS}/s-1", server.url());
    let post = server
        .mock("POST", SARIFS)
        .with_status(202)
        .with_body_from_request(move |req| {
            *captured.lock().unwrap() = Some(req.body().unwrap().clone());
            json!({"id": "s-1", "url": status_url}).to_string().into_bytes()
        })
        .create();
    let done = status(&mut server, "s-1", json!({"processing_status": "complete"}));
    let scan = |server: &ServerGuard| {
        let mut cmd = tollgate_with_token(dir.path());
        cmd.args(["scan", "--format", "text", "--upload", "--api-url", &server.url(), "--repository", "octo/hello"]);
        cmd.args(["--commit", SHA, "--ref", "refs/heads/main", "--poll-interval-ms", "10"]);
        cmd
    };
    let out = scan(&server).output().unwrap();
    let (code, stderr) = finish(out);
    assert_eq!(code, 1, "the gate fails on the key, after a successful upload: {stderr}");
    post.assert();
    done.assert();

    let sent: Value = serde_json::from_slice(body.lock().unwrap().as_deref().unwrap()).unwrap();
    let gz = base64::engine::general_purpose::STANDARD.decode(sent["sarif"].as_str().unwrap()).unwrap();
    let mut text = String::new();
    GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
    let sarif: Value = serde_json::from_str(&text).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "aws-access-key-id");
    assert_eq!(
        result["partialFingerprints"]["primaryLocationLineHash"],
        tollgate::linehash::line_hashes(source)[2].as_str(),
        "the scan's own line hash, from the content it scanned"
    );

    let mut failing = Server::new();
    let _denied = failing
        .mock("POST", SARIFS)
        .with_status(403)
        .with_body(r#"{"message":"Resource not accessible by integration"}"#)
        .create();
    let (code, stderr) = finish(scan(&failing).output().unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("Resource not accessible by integration"), "{stderr}");
}

#[test]
fn server_errors_and_dropped_connections_are_retried() {
    // A 502 on the upload and a 500 on a status check, then success.
    let (dir, _) = checkout();
    let mut server = Server::new();
    let bad_gateway = server.mock("POST", SARIFS).with_status(502).with_body("<html>502 Bad Gateway</html>").create();
    let post = accept(&mut server, "flaky");
    let poll = format!("{SARIFS}/flaky");
    let hiccup = server.mock("GET", poll.as_str()).with_status(500).create();
    let complete = status(&mut server, "flaky", json!({"processing_status": "complete"}));
    let (code, stderr) =
        finish(upload_to(dir.path(), &server.url()).args(["--poll-interval-ms", "10"]).output().unwrap());
    assert_eq!(code, 0, "{stderr}");
    for mock in [&bad_gateway, &post, &hiccup, &complete] {
        mock.assert();
    }
    assert!(
        stderr.contains("upload failed (GitHub answered HTTP 502 Bad Gateway); retrying in 0.0 s (attempt 2 of 3)"),
        "{stderr}"
    );

    // An outage that outlasts the retries fails with GitHub's status and advice.
    let mut server = Server::new();
    let down =
        server.mock("POST", SARIFS).with_status(503).with_body(r#"{"message":"Unavailable"}"#).expect(3).create();
    let (code, stderr) =
        finish(upload_to(dir.path(), &server.url()).args(["--poll-interval-ms", "10"]).output().unwrap());
    down.assert();
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("HTTP 503 Service Unavailable: Unavailable") && stderr.contains("retry later"), "{stderr}");

    // Nothing listening: three tries, then an error naming the host.
    let addr = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let (code, stderr) =
        finish(upload_to(dir.path(), &format!("http://{addr}")).args(["--poll-interval-ms", "10"]).output().unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.matches("upload failed (the connection failed); retrying").count(), 2, "{stderr}");
    assert!(stderr.contains(&format!("cannot reach the GitHub API at {addr}")), "{stderr}");
}
