//! The two calls of GitHub's code scanning upload API: submit the SARIF
//! (`POST /repos/{owner}/{repo}/code-scanning/sarifs`, answered 202 with an id while GitHub
//! processes it in the background) and poll `GET .../sarifs/{id}` until processing completes or
//! fails. HTTP failures become errors that say what to do about them; the token never appears in
//! any of them, and text the server sent is cleaned ([`super::redact::untrusted`]) before it is
//! put into one.
//!
//! Redirects are never followed: a redirected POST would hand the SARIF (and, to the same host,
//! the token) to wherever the server points, and only GitHub's own 202 answer with an upload id
//! counts as an upload.

use super::prepare::Prepared;
use super::redact::{Redactor, untrusted};
use super::target::UploadTarget;
use anyhow::{Context, Result, anyhow, bail};
use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use std::time::{Duration, Instant};

/// The environment variable the token is read from (GitHub Actions: `${{ secrets.GITHUB_TOKEN }}`
/// or `${{ github.token }}`). Tokens are not accepted on the command line, where they would end up
/// in shell history and process listings.
const TOKEN_VAR: &str = "GITHUB_TOKEN";
/// The backoff stops growing here: a slow processing queue is still checked twice a minute.
const MAX_POLL_INTERVAL: Duration = Duration::from_secs(30);
/// Tries of the upload request when it fails in passing (a 5xx answer, a dropped connection):
/// GitHub's API has brief outages, and failing a build over one helps nobody. Status checks are
/// retried until `--wait-timeout` anyway.
const UPLOAD_ATTEMPTS: u32 = 3;
/// How much of a message from the server goes into one of ours.
const MAX_SERVER_MESSAGE_CHARS: usize = 300;
/// How much of an answer's body is read.
const MAX_ANSWER_BYTES: u64 = 1024 * 1024;
/// How many of the processing errors GitHub lists are shown.
const MAX_PROCESSING_ERRORS: usize = 20;

/// A GitHub token. It has no `Display`, and `Debug` prints `***`, so that it cannot end up in
/// output or errors by accident.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// The token in `GITHUB_TOKEN`; an error if it is unset or empty.
    pub fn from_env() -> Result<Token> {
        match std::env::var(TOKEN_VAR) {
            Ok(t) if !t.trim().is_empty() => Ok(Token(t.trim().to_string())),
            _ => bail!(
                "{TOKEN_VAR} is not set: set it to a token allowed to write security events to the repository \
                 (in GitHub Actions: `env: {TOKEN_VAR}: ${{{{ secrets.GITHUB_TOKEN }}}}` and \
                 `permissions: security-events: write`)"
            ),
        }
    }
}

impl Token {
    /// The redactor that hides this token (and anything like it) in printed text.
    pub fn redactor(&self) -> Redactor {
        Redactor::with_token(&self.0)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

/// How to talk to GitHub and how long to wait for it.
#[derive(Debug, Clone)]
pub struct UploadOptions {
    /// Wait for GitHub to finish processing the upload (and fail if processing fails).
    pub wait: bool,
    /// First delay between status checks; it doubles up to 30 s.
    pub poll_interval: Duration,
    /// Give up waiting for processing after this long.
    pub wait_timeout: Duration,
    /// Limit for each HTTP request, connecting included.
    pub http_timeout: Duration,
}

/// GitHub's answer to the upload: it has the SARIF and will process it under this id.
#[derive(Debug, Clone, Deserialize)]
pub struct Submission {
    pub id: String,
    /// API URL of the upload's processing status.
    pub url: String,
}

/// What an upload achieved.
#[derive(Debug, Clone)]
pub struct UploadOutcome {
    pub submission: Submission,
    /// `None` when not waiting for processing; else processing completed.
    pub processed: Option<Processed>,
}

/// Processing finished successfully.
#[derive(Debug, Clone)]
pub struct Processed {
    /// API URL listing the analyses the upload created.
    pub analyses_url: Option<String>,
}

/// The upload request's body (borrowed: the SARIF may be megabytes).
#[derive(Serialize)]
struct UploadRequest<'a> {
    commit_sha: &'a str,
    #[serde(rename = "ref")]
    git_ref: &'a str,
    sarif: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    checkout_uri: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_name: Option<&'a str>,
}

/// The processing status of an upload.
#[derive(Deserialize)]
struct Status {
    processing_status: String,
    analyses_url: Option<String>,
    errors: Option<Vec<Value>>,
}

/// Upload `prepared` for `target`, call `on_submitted` once GitHub has accepted it, and (if
/// `opts.wait`) wait until GitHub has processed it.
pub fn upload(
    prepared: &Prepared,
    target: &UploadTarget,
    token: &Token,
    opts: &UploadOptions,
    on_submitted: impl FnOnce(&Submission),
) -> Result<UploadOutcome> {
    let api = Api::new(target, token, opts.http_timeout)?;
    let submission = api.submit(prepared, target, opts.poll_interval)?;
    on_submitted(&submission);
    let processed = if opts.wait { Some(api.wait(&submission, opts)?) } else { None };
    Ok(UploadOutcome { submission, processed })
}

/// A client for one repository's code scanning API.
struct Api {
    client: Client,
    /// `{api_url}/repos/{owner}/{repo}/code-scanning/sarifs`.
    sarifs_url: String,
    /// `host[:port]` of the API, for errors.
    host: String,
    repository: String,
    http_timeout: Duration,
}

impl Api {
    fn new(target: &UploadTarget, token: &Token, http_timeout: Duration) -> Result<Api> {
        let mut auth = HeaderValue::from_str(&format!("Bearer {}", token.0))
            .map_err(|_| anyhow!("{TOKEN_VAR} contains characters that cannot be sent in an HTTP header"))?;
        auth.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, auth);
        headers.insert(ACCEPT, HeaderValue::from_static("application/vnd.github+json"));
        headers.insert("X-GitHub-Api-Version", HeaderValue::from_static("2022-11-28"));
        // reqwest is built without a TLS crypto provider of its own; tollgate's is ring. An
        // error only means one is already installed (a second upload in the same process).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = Client::builder()
            .user_agent(concat!("tollgate/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers)
            .timeout(http_timeout)
            .connect_timeout(http_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("cannot set up the HTTP client")?;
        let url = reqwest::Url::parse(&target.api_url).context("invalid API URL")?;
        let host = url.host_str().unwrap_or_default();
        let host = url.port().map_or_else(|| host.to_string(), |port| format!("{host}:{port}"));
        Ok(Api {
            client,
            sarifs_url: format!("{}/repos/{}/code-scanning/sarifs", target.api_url, target.repository),
            host,
            repository: target.repository.clone(),
            http_timeout,
        })
    }

    /// Send the upload, trying again after `retry_delay` (doubling) when it fails in passing.
    fn submit(&self, prepared: &Prepared, target: &UploadTarget, retry_delay: Duration) -> Result<Submission> {
        let body = UploadRequest {
            commit_sha: &target.commit_sha,
            git_ref: &target.git_ref,
            sarif: &prepared.payload,
            checkout_uri: target.checkout_uri.as_deref(),
            tool_name: target.tool_name.as_deref(),
        };
        let mut delay = retry_delay;
        let mut attempt = 1;
        let (status, text) = loop {
            let answer = self.client.post(&self.sarifs_url).json(&body).send().and_then(read_answer);
            let problem = match &answer {
                Ok((status, _)) if status.is_server_error() => Some(format!("GitHub answered HTTP {status}")),
                Err(e) if is_transient(e) => Some("the connection failed".to_string()),
                _ => None,
            };
            let Some(problem) = problem.filter(|_| attempt < UPLOAD_ATTEMPTS) else {
                break answer.map_err(|e| self.network_error(e))?;
            };
            attempt += 1;
            eprintln!(
                "tollgate: upload failed ({problem}); retrying in {:.1} s (attempt {attempt} of {UPLOAD_ATTEMPTS})",
                delay.as_secs_f64()
            );
            std::thread::sleep(delay);
            delay *= 2;
        };
        if status != StatusCode::ACCEPTED {
            return Err(self.http_error(status, &text, "upload the SARIF"));
        }
        let mut submission: Submission =
            serde_json::from_str(&text).ok().filter(|s: &Submission| is_sarif_id(&s.id)).with_context(|| {
                format!(
                    "the upload was not acknowledged: the API at {} answered HTTP {status} without a valid sarif id \
                     (is --api-url / GITHUB_API_URL the GitHub API?)",
                    self.host
                )
            })?;
        submission.url = untrusted(&submission.url, MAX_SERVER_MESSAGE_CHARS);
        Ok(submission)
    }

    /// Poll until processing completes; exponential backoff from `opts.poll_interval`.
    fn wait(&self, submission: &Submission, opts: &UploadOptions) -> Result<Processed> {
        let url = format!("{}/{}", self.sarifs_url, submission.id);
        let started = Instant::now();
        let deadline = started + opts.wait_timeout;
        let mut delay = opts.poll_interval;
        let mut last_problem: Option<String> = None;
        loop {
            let now = Instant::now();
            if now >= deadline {
                let problem = last_problem.map_or_else(String::new, |p| format!(" (last status check: {p})"));
                bail!(
                    "GitHub is still processing the upload (sarif id {}) after {} s{problem}; see {} (raise \
                     --wait-timeout, or pass --no-wait to not wait)",
                    submission.id,
                    started.elapsed().as_secs(),
                    submission.url
                );
            }
            std::thread::sleep(delay.min(deadline - now));
            delay = (delay * 2).min(MAX_POLL_INTERVAL);

            let (status, text) = match self.client.get(&url).send().and_then(read_answer) {
                Ok(answer) => answer,
                // Checking again is harmless: a problem in passing only costs a poll.
                Err(e) if is_transient(&e) || e.is_timeout() => {
                    last_problem = Some(self.network_error(e).to_string());
                    continue;
                }
                Err(e) => return Err(self.network_error(e)),
            };
            // A fresh upload can take a moment to become visible: not found means not yet.
            if status == StatusCode::NOT_FOUND {
                continue;
            }
            if status.is_server_error() {
                last_problem = Some(format!("GitHub answered HTTP {status}"));
                continue;
            }
            if !status.is_success() {
                let action = format!("check the processing status of sarif id {}", submission.id);
                return Err(self.http_error(status, &text, &action));
            }
            let answer: Status =
                serde_json::from_str(&text).context("GitHub's processing status is not in the expected form")?;
            match answer.processing_status.as_str() {
                "complete" => {
                    let analyses_url = answer.analyses_url.map(|url| untrusted(&url, MAX_SERVER_MESSAGE_CHARS));
                    return Ok(Processed { analyses_url });
                }
                "failed" => {
                    let errors: Vec<String> = answer
                        .errors
                        .unwrap_or_default()
                        .iter()
                        .take(MAX_PROCESSING_ERRORS)
                        .map(|e| {
                            let text = e.as_str().map_or_else(|| e.to_string(), str::to_string);
                            format!("\n  - {}", untrusted(&text, MAX_SERVER_MESSAGE_CHARS))
                        })
                        .collect();
                    bail!("GitHub could not process the SARIF (sarif id {}):{}", submission.id, errors.concat());
                }
                _ => {} // "pending"
            }
        }
    }

    /// A request that got no HTTP answer (or lost it halfway). reqwest's error names the URL,
    /// never the headers.
    fn network_error(&self, err: reqwest::Error) -> anyhow::Error {
        if err.is_timeout() {
            return anyhow!(
                "no answer from the GitHub API at {} within {} s (--http-timeout)",
                self.host,
                self.http_timeout.as_secs_f64()
            );
        }
        anyhow::Error::new(err.without_url()).context(format!("cannot reach the GitHub API at {}", self.host))
    }

    /// A non-success answer, with GitHub's message and what the status usually means.
    fn http_error(&self, status: StatusCode, body: &str, action: &str) -> anyhow::Error {
        let parsed: Option<Value> = serde_json::from_str(body).ok();
        let field = |k: &str| {
            let value = parsed.as_ref().and_then(|v| v.get(k)).and_then(Value::as_str);
            value.map(|v| untrusted(v, MAX_SERVER_MESSAGE_CHARS))
        };
        let mut message = field("message").unwrap_or_else(|| untrusted(body, MAX_SERVER_MESSAGE_CHARS));
        if let Some(doc) = field("documentation_url") {
            message.push_str(&format!(" ({doc})"));
        }
        let rate_limited = status == StatusCode::TOO_MANY_REQUESTS || message.to_lowercase().contains("rate limit");
        let repo = &self.repository;
        let help = match status.as_u16() {
            _ if rate_limited => "GitHub's API rate limit was exceeded: retry later".to_string(),
            401 => format!("the token in {TOKEN_VAR} is invalid or has expired"),
            403 => format!(
                "the token lacks the `security-events: write` permission (in GitHub Actions, give the job \
                 `permissions: security-events: write`), or code scanning is not enabled for {repo} (private \
                 repositories need GitHub Advanced Security / Code Security)"
            ),
            404 => format!(
                "repository {repo} was not found, or the token cannot see it: check --repository / GITHUB_REPOSITORY \
                 and --api-url"
            ),
            300..=399 => format!(
                "the API at {} redirects elsewhere, and tollgate does not follow redirects with the token and the \
                 SARIF: set --api-url / GITHUB_API_URL to the API's real address",
                self.host
            ),
            413 => "the SARIF is too large for GitHub (at most 10 MB gzipped): report fewer results".to_string(),
            422 => "GitHub rejected the SARIF or the request as invalid: check the message, and that --commit and \
                    --ref name a commit and ref pushed to the repository"
                .to_string(),
            500..=599 => "GitHub had a server problem: retry later".to_string(),
            _ => String::new(),
        };
        let mut text = format!("cannot {action}: GitHub answered HTTP {status}: {message}");
        if !help.is_empty() {
            text.push_str(&format!("\n  help: {help}"));
        }
        anyhow!(text)
    }
}

/// GitHub's sarif ids are UUIDs; the id becomes a segment of the status URL, so nothing but a
/// plain name is accepted.
fn is_sarif_id(id: &str) -> bool {
    (1..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// An answer's status and the first [`MAX_ANSWER_BYTES`] of its body: GitHub's answers are a few
/// hundred bytes, and a server that streams more is not read further (its answer then fails to
/// parse, or its message is cut).
fn read_answer(response: reqwest::blocking::Response) -> reqwest::Result<(StatusCode, String)> {
    use std::io::Read;
    let status = response.status();
    let mut body = Vec::new();
    if let Err(err) = response.take(MAX_ANSWER_BYTES).read_to_end(&mut body) {
        // reqwest's reader wraps its own error; keep it so retries and messages see the cause.
        // (Any other error: what arrived is the answer.)
        if let Some(Ok(cause)) = err.into_inner().map(|inner| inner.downcast::<reqwest::Error>()) {
            return Err(*cause);
        }
    }
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// A failure worth another try: the connection could not be made or broke, as opposed to a
/// request that could not be built or an answer that never came (`--http-timeout` already
/// waited for that).
fn is_transient(err: &reqwest::Error) -> bool {
    !err.is_timeout() && !err.is_builder() && (err.is_connect() || err.is_request() || err.is_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_debug_is_redacted() {
        let token = Token("ghp_secretsecret".into());
        assert_eq!(format!("{token:?}"), "Token(***)");
    }
}
