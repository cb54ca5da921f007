//! A hostile network and a hostile SARIF log for `tollgate upload`: a plain-HTTP API elsewhere,
//! repository names that walk the API path, result URIs that leave the checkout, a server that
//! redirects the upload elsewhere or never acknowledges it, and server text carrying the token and
//! terminal escapes. Servers are mockito servers on loopback; nothing else is ever contacted (the
//! one non-loopback URL, under `.invalid`, is refused before any lookup).

use crate::{Budget, Run, run_command};
use base64::Engine;
use flate2::read::GzDecoder;
use mockito::{Matcher, Mock, Server, ServerGuard};
use serde_json::{Value, json};
use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use tempfile::TempDir;

const TOKEN: &str = "ghp_HOSTILEtestTOKENdoNotLeak0123456789";
const SHA: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const SARIFS: &str = "/repos/octo/hello/code-scanning/sarifs";

fn budget() -> Budget {
    Budget::default()
}

/// A SARIF log with one result per URI, each on line 1.
fn sarif_naming(uris: &[&str]) -> Value {
    let results: Vec<Value> = uris
        .iter()
        .map(|uri| {
            json!({
                "ruleId": "r", "message": {"text": "m"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 1}
                }}]
            })
        })
        .collect();
    json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": results}]})
}

/// A checkout (in a subdirectory, so that `..` has somewhere to go) with `src/app.py` and a
/// `results.sarif` naming `uris`.
fn checkout(uris: &[&str]) -> (TempDir, std::path::PathBuf) {
    let outer = TempDir::new().unwrap();
    let root = outer.path().join("repo");
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("src/app.py"), "x = 1\n").unwrap();
    std::fs::write(outer.path().join("outside.txt"), "not in the checkout\n").unwrap();
    std::fs::write(root.join("results.sarif"), sarif_naming(uris).to_string()).unwrap();
    (outer, root)
}

/// `tollgate upload results.sarif` in `root` with the token and none of the developer's GitHub or
/// proxy settings; `args` after it.
fn upload(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(crate::binary());
    for (key, _) in std::env::vars() {
        if key.starts_with("GITHUB_") || key.to_ascii_lowercase().ends_with("_proxy") {
            cmd.env_remove(key);
        }
    }
    cmd.current_dir(root).env("NO_COLOR", "1").env("GITHUB_TOKEN", TOKEN);
    cmd.args(["upload", "results.sarif", "--commit", SHA, "--ref", "refs/heads/main", "--poll-interval-ms", "10"]);
    cmd.args(args);
    cmd
}

/// `upload` to `server` as octo/hello, run under the budget; the token must never be printed.
fn upload_to(root: &Path, server: &ServerGuard, args: &[&str]) -> Run {
    let url = server.url();
    let mut all = vec!["--api-url", &url, "--repository", "octo/hello"];
    all.extend_from_slice(args);
    finish(upload(root, &all))
}

fn finish(cmd: Command) -> Run {
    let run = run_command(cmd, budget());
    run.assert_never_prints(TOKEN);
    run
}

/// Mocks for every path, expected never to be called: the request must not be sent at all.
fn nothing_expected(server: &mut ServerGuard) -> [Mock; 2] {
    ["POST", "GET"].map(|method| server.mock(method, Matcher::Any).expect(0).create())
}

/// Accept the upload as `id`, capturing the POSTed body.
fn accepting(server: &mut ServerGuard, id: &str) -> (Mock, Arc<Mutex<Option<Vec<u8>>>>) {
    let body: Arc<Mutex<Option<Vec<u8>>>> = Arc::default();
    let captured = Arc::clone(&body);
    let answer = json!({"id": id, "url": format!("{}{SARIFS}/{id}", server.url())}).to_string();
    let mock = server
        .mock("POST", SARIFS)
        .with_status(202)
        .with_body_from_request(move |req| {
            *captured.lock().unwrap() = Some(req.body().unwrap().clone());
            answer.clone().into_bytes()
        })
        .create();
    (mock, body)
}

/// The SARIF inside a captured upload request.
fn sent_sarif(body: &Mutex<Option<Vec<u8>>>) -> Value {
    let request: Value = serde_json::from_slice(body.lock().unwrap().as_deref().expect("a POST body")).unwrap();
    let gz = base64::engine::general_purpose::STANDARD.decode(request["sarif"].as_str().unwrap()).unwrap();
    let mut text = String::new();
    GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Item 13: the token never goes over plain HTTP to another machine unless asked for.
#[test]
fn plain_http_to_another_host_is_refused_before_any_request() {
    let (_outer, root) = checkout(&["src/app.py"]);
    for api in ["http://api.tollgate-test.invalid", "http://ghe.tollgate-test.invalid/api/v3"] {
        let run = finish(upload(&root, &["--api-url", api, "--repository", "octo/hello"]));
        run.assert_within(budget(), &[2]);
        assert!(run.stderr.contains("refusing to send the token in clear text"), "{}", run.stderr);
        assert!(run.stderr.contains("--allow-insecure-api"), "{}", run.stderr);
    }
    let run = finish({
        let mut cmd = upload(&root, &["--repository", "octo/hello"]);
        cmd.env("GITHUB_API_URL", "http://api.tollgate-test.invalid");
        cmd
    });
    run.assert_within(budget(), &[2]);
    assert!(run.stderr.contains("GITHUB_API_URL"), "{}", run.stderr);

    // Loopback stays allowed (local mocks, proxies), with or without the flag.
    for extra in [&[][..], &["--allow-insecure-api"][..]] {
        let mut server = Server::new();
        let (post, _) = accepting(&mut server, "loop-1");
        let mut args = vec!["--no-wait"];
        args.extend_from_slice(extra);
        upload_to(&root, &server, &args).assert_within(budget(), &[0]);
        post.assert();
    }
}

/// Item 14: `.` and `..` (and anything else that is not a plain name) never reach the API path.
#[test]
fn repository_names_cannot_walk_the_api_path() {
    let (_outer, root) = checkout(&["src/app.py"]);
    let mut server = Server::new();
    let none = nothing_expected(&mut server);
    let url = server.url();
    for repo in ["o/..", "../..", "./.", "o/.", "octo/hello/../../../user", "octo/hello%2F..", "-o/r", "o/r?x=1"] {
        let repository = format!("--repository={repo}");
        let run = finish(upload(&root, &["--api-url", &url, &repository, "--no-wait"]));
        run.assert_within(budget(), &[2]);
        assert!(run.stderr.contains("is not OWNER/REPO"), "{repo}: {}", run.stderr);
        let run = finish({
            let mut cmd = upload(&root, &["--api-url", &url, "--no-wait"]);
            cmd.env("GITHUB_REPOSITORY", repo);
            cmd
        });
        run.assert_within(budget(), &[2]);
        assert!(run.stderr.contains("GITHUB_REPOSITORY"), "{repo}: {}", run.stderr);
    }
    none.iter().for_each(Mock::assert);
}

/// Item 15: result URIs that leave the checkout, a FIFO and a symlink out are not read (the old
/// code read `/dev/zero` until allocation failed and blocked on the FIFO); each is named in a
/// warning, and the rest of the upload goes on.
#[test]
fn line_hashes_read_only_regular_files_inside_the_checkout() {
    let hostile = [
        "../../../../../../../../dev/zero",
        "src/../../outside.txt",
        "file:///dev/zero",
        "fifo",
        "escape.txt",
        "zero-link",
        "src",
    ];
    let mut uris = vec!["src/app.py"];
    uris.extend_from_slice(&hostile);
    let (outer, root) = checkout(&uris);
    let fifo = std::ffi::CString::new(root.join("fifo").to_str().unwrap()).unwrap();
    // SAFETY: plain syscall with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    std::os::unix::fs::symlink(outer.path().join("outside.txt"), root.join("escape.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("zero-link")).unwrap();

    let mut server = Server::new();
    let (post, body) = accepting(&mut server, "h-1");
    let run = upload_to(&root, &server, &["--no-wait"]);
    run.assert_within(budget(), &[0]);
    post.assert();
    for (uri, why) in [
        ("../../../../../../../../dev/zero", "it is outside the checkout root"),
        ("src/../../outside.txt", "it is outside the checkout root"),
        ("/dev/zero", "it is outside the checkout root"),
        ("fifo", "not a regular file"),
        ("escape.txt", "it is outside the checkout root"),
        ("zero-link", "it is outside the checkout root"),
        ("src", "not a regular file"),
    ] {
        let line = format!("tollgate: warning: no line fingerprint for {uri}: {why}");
        assert!(run.stderr.contains(&line), "{line}\n{}", run.stderr);
    }
    let sarif = sent_sarif(&body);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results[0]["partialFingerprints"]["primaryLocationLineHash"].is_string(), "src/app.py is hashed");
    for result in &results[1..] {
        assert!(result.get("partialFingerprints").is_none(), "{result}");
    }
}

/// Item 16: a redirect is not followed (the SARIF would be re-POSTed to whatever origin the
/// server names), and only a 202 with an upload id counts as an upload.
#[test]
fn redirects_are_not_followed_and_only_an_acknowledged_upload_succeeds() {
    let (_outer, root) = checkout(&["src/app.py"]);
    let mut elsewhere = Server::new();
    let never = nothing_expected(&mut elsewhere);
    for status in [301, 302, 307, 308] {
        let mut server = Server::new();
        let redirect = server
            .mock("POST", SARIFS)
            .with_status(status)
            .with_header("location", &format!("{}{SARIFS}", elsewhere.url()))
            .create();
        let run = upload_to(&root, &server, &["--no-wait"]);
        run.assert_within(budget(), &[2]);
        redirect.assert();
        assert!(run.stderr.contains(&format!("HTTP {status}")), "{}", run.stderr);
        assert!(run.stderr.contains("does not follow redirects"), "{}", run.stderr);
        assert!(!run.stderr.contains("uploaded"), "{}", run.stderr);
    }
    never.iter().for_each(Mock::assert);

    // Answers that are not GitHub's acknowledgement: no success, exit 2.
    for (status, body) in [
        (200, r#"{"id": "x-1", "url": "u"}"#),
        (201, r#"{"id": "x-1", "url": "u"}"#),
        (204, ""),
        (202, "<html>captive portal</html>"),
        (202, r#"{"url": "u"}"#),
        (202, r#"{"id": "../../../user", "url": "u"}"#),
        (202, r#"{"id": "", "url": "u"}"#),
    ] {
        let mut server = Server::new();
        let post = server.mock("POST", SARIFS).with_status(status).with_body(body).create();
        let run = upload_to(&root, &server, &[]);
        run.assert_within(budget(), &[2]);
        post.assert();
        assert!(!run.stderr.contains("uploaded results.sarif"), "{status} {body}: {}", run.stderr);
        assert!(!run.stderr.contains("processing complete"), "{status} {body}: {}", run.stderr);
    }
}

/// Item 17: the server's error text is printed without the token, anything shaped like a token,
/// or control characters (terminal escapes, line breaks that forge our own lines).
#[test]
fn server_text_is_redacted_and_stripped_of_control_characters() {
    let (_outer, root) = checkout(&["src/app.py"]);
    let other_token = "ghs_ServerSideTokenShouldNotShow0123";
    let evil = format!(
        "denied for Bearer {TOKEN} (also {other_token})\u{1b}]0;owned\u{7}\u{1b}[2J\ntollgate: uploaded fake\u{202e}"
    );
    // As a JSON error message, as a non-JSON body, and as a processing error.
    let mut server = Server::new();
    let post = server
        .mock("POST", SARIFS)
        .with_status(401)
        .with_body(
            json!({"message": evil, "documentation_url": format!("https://x-access-token:{TOKEN}@h/")}).to_string(),
        )
        .create();
    let json_error = upload_to(&root, &server, &[]);
    post.assert();

    let mut server = Server::new();
    let _post = server.mock("POST", SARIFS).with_status(403).with_body(evil.clone()).create();
    let text_error = upload_to(&root, &server, &[]);

    let mut server = Server::new();
    let (_post, _) = accepting(&mut server, "p-1");
    let _failed = server
        .mock("GET", format!("{SARIFS}/p-1").as_str())
        .with_body(json!({"processing_status": "failed", "errors": [evil]}).to_string())
        .create();
    let processing_error = upload_to(&root, &server, &[]);

    for run in [&json_error, &text_error, &processing_error] {
        run.assert_within(budget(), &[2]).assert_never_prints(other_token).assert_never_prints("\u{1b}");
        run.assert_never_prints("\u{202e}").assert_never_prints("\u{7}");
        assert!(run.stderr.contains("denied for Bearer ***"), "{}", run.stderr);
        assert!(!run.stderr.contains("\ntollgate: uploaded fake"), "a forged line: {}", run.stderr);
    }
}

/// A server that answers with an endless body: only the first MiB is read (the old code read
/// until `--http-timeout`, holding everything in memory).
#[test]
fn an_endless_answer_is_not_read_to_the_end() {
    let (_outer, root) = checkout(&["src/app.py"]);
    let mut server = Server::new();
    let chunk = vec![b'A'; 1 << 20];
    // Bounded: 512 MiB at most, and it stops as soon as the client hangs up.
    let post = server
        .mock("POST", SARIFS)
        .with_status(202)
        .with_chunked_body(move |w| {
            for _ in 0..512 {
                w.write_all(&chunk)?;
            }
            Ok(())
        })
        .create();
    let small = Budget { rss_mib: 256, ..budget() };
    let run = run_command(upload(&root, &["--api-url", &server.url(), "--repository", "octo/hello"]), small);
    run.assert_within(small, &[2]).assert_never_prints(TOKEN);
    post.assert();
    assert!(run.stderr.contains("the upload was not acknowledged"), "{}", run.stderr);
}
