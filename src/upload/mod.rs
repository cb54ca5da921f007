//! Uploading SARIF to GitHub code scanning, as github/codeql-action's `upload-sarif` does, for CI
//! systems other than GitHub Actions and for `tollgate scan --upload`.
//!
//! [`prepare`] checks and compresses the SARIF, [`UploadTarget`] works out the repository, commit
//! and ref, and [`upload`] talks to the API; none of them prints. This module is the command-line
//! side: the flags, and [`upload_sarif_bytes`], which runs the steps and reports progress on
//! standard error. Every line it prints, errors included, goes through [`redact::Redactor`]: parts
//! of them come from the server.

mod api;
mod checkout;
mod prepare;
mod redact;
mod target;

pub use api::{Processed, Submission, Token, UploadOptions, UploadOutcome, upload};
pub use prepare::{Prepared, prepare};
pub use target::{Explicit, UploadTarget};

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use redact::Redactor;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

/// `tollgate upload`: a SARIF file plus where to send it.
#[derive(Args, Debug)]
pub struct UploadArgs {
    /// SARIF 2.1.0 file to upload (for example from `tollgate scan --format sarif -o results.sarif`).
    #[arg(value_name = "SARIF_FILE")]
    pub sarif_file: PathBuf,

    #[command(flatten)]
    pub flags: UploadFlags,
}

/// Where and how to upload. Flatten this into any command that uploads (`scan --upload`) so every
/// upload takes the same flags. The token is read from `GITHUB_TOKEN` only.
#[derive(Args, Debug, Clone)]
pub struct UploadFlags {
    /// Repository to upload to [default: GITHUB_REPOSITORY, else the `origin` git remote].
    #[arg(long, value_name = "OWNER/REPO")]
    pub repository: Option<String>,

    /// Commit the results are for [default: GITHUB_SHA, else the checkout's HEAD].
    #[arg(long, value_name = "SHA")]
    pub commit: Option<String>,

    /// Full Git ref the results are for: refs/heads/BRANCH (Security tab) or refs/pull/N/merge (pull
    /// request checks) [default: GITHUB_REF, else the checkout's branch].
    #[arg(long = "ref", value_name = "REF")]
    pub git_ref: Option<String>,

    /// URI GitHub makes absolute SARIF URIs relative to [default: the file:// URI of the checkout root].
    #[arg(long, value_name = "URI")]
    pub checkout_uri: Option<String>,

    /// Checkout root: SARIF paths are read relative to it to fingerprint the lines of results
    /// [default: GITHUB_WORKSPACE, else the current directory].
    #[arg(long, value_name = "DIR")]
    pub checkout_root: Option<PathBuf>,

    /// GitHub API URL; for GitHub Enterprise Server https://HOST/api/v3 [default: GITHUB_API_URL, else
    /// https://api.github.com].
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,

    /// Send the token over a plain `http://` API URL to a host other than this machine (refused by
    /// default: anyone on the network path could read the token).
    #[arg(long)]
    pub allow_insecure_api: bool,

    /// Tool name GitHub shows for the analysis [default: the SARIF's tool].
    #[arg(long, value_name = "NAME")]
    pub tool_name: Option<String>,

    /// Return once GitHub has accepted the upload, without waiting for it to be processed (processing
    /// errors then go unnoticed).
    #[arg(long)]
    pub no_wait: bool,

    /// Give up waiting for GitHub to process the upload after SECS seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub wait_timeout: u64,

    /// First delay between processing status checks and between upload retries, doubling (for tests).
    #[arg(long, value_name = "MS", default_value_t = 2000, hide = true, value_parser = clap::value_parser!(u64).range(1..))]
    pub poll_interval_ms: u64,

    /// Limit for each HTTP request to GitHub, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub http_timeout: u64,
}

/// `tollgate upload SARIF_FILE`: exit 0 once GitHub has the results (and, unless `--no-wait`, has
/// processed them); errors make the caller exit 2.
pub fn cmd_upload(args: UploadArgs) -> Result<i32> {
    let name = args.sarif_file.display().to_string();
    let sarif = read_bounded(&args.sarif_file).with_context(|| format!("cannot read {name}"))?;
    upload_sarif_bytes(&sarif, &name, &args.flags)?;
    Ok(0)
}

/// A SARIF log larger than this is refused unread: GitHub takes at most 10 MB gzipped, and even
/// very repetitive SARIF compresses less than 25 to 1.
const MAX_SARIF_BYTES: u64 = 256 * 1024 * 1024;

/// The file at `path` (which may be a pipe, as in `tollgate upload <(...)`), up to
/// [`MAX_SARIF_BYTES`].
fn read_bounded(path: &std::path::Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_SARIF_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SARIF_BYTES {
        bail!("it is larger than {} MiB, far more than GitHub accepts", MAX_SARIF_BYTES >> 20);
    }
    Ok(bytes)
}

/// How many files without line fingerprints are named one by one.
const MAX_UNHASHED_SHOWN: usize = 10;

/// Upload the SARIF log `sarif` (called `name` in messages) as `flags` say, reporting progress on
/// standard error. What `tollgate upload` does after reading its file, for any command that has a
/// SARIF report in memory.
pub fn upload_sarif_bytes(sarif: &[u8], name: &str, flags: &UploadFlags) -> Result<UploadOutcome> {
    let mut redactor = Redactor::default();
    upload_redacted(sarif, name, flags, &mut redactor).map_err(|e| anyhow!(redactor.redact(&format!("{e:#}"))))
}

/// [`upload_sarif_bytes`], printing through `redactor`, which learns the token once it is read.
fn upload_redacted(sarif: &[u8], name: &str, flags: &UploadFlags, redactor: &mut Redactor) -> Result<UploadOutcome> {
    let env = |key: &str| std::env::var(key).ok().filter(|v| !v.is_empty());
    let root = match &flags.checkout_root {
        Some(dir) => dir.clone(),
        None => env("GITHUB_WORKSPACE").map_or_else(std::env::current_dir, |w| Ok(PathBuf::from(w)))?,
    };
    let root = std::path::absolute(&root)?;
    if !root.is_dir() {
        bail!("checkout root {} is not a directory (from --checkout-root or GITHUB_WORKSPACE)", root.display());
    }

    // Local checks first: a SARIF GitHub would reject fails without a token or a request.
    let prepared = prepare(sarif, &root).with_context(|| format!("cannot upload {name}"))?;
    let token = Token::from_env()?;
    *redactor = token.redactor();
    let say = |line: String| eprintln!("{}", redactor.redact(&line));
    for line in prepared.unhashed.iter().take(MAX_UNHASHED_SHOWN) {
        say(format!("tollgate: warning: no line fingerprint for {line}"));
    }
    if prepared.unhashed.len() > MAX_UNHASHED_SHOWN {
        say(format!(
            "tollgate: warning: ... and {} more files without line fingerprints",
            prepared.unhashed.len() - MAX_UNHASHED_SHOWN
        ));
    }
    let explicit = Explicit {
        api_url: flags.api_url.as_deref(),
        repository: flags.repository.as_deref(),
        commit_sha: flags.commit.as_deref(),
        git_ref: flags.git_ref.as_deref(),
        checkout_uri: flags.checkout_uri.as_deref(),
        tool_name: flags.tool_name.as_deref(),
        allow_insecure_api: flags.allow_insecure_api,
    };
    let target = UploadTarget::resolve(&explicit, env, &root)?;
    let opts = UploadOptions {
        wait: !flags.no_wait,
        poll_interval: Duration::from_millis(flags.poll_interval_ms),
        wait_timeout: Duration::from_secs(flags.wait_timeout),
        http_timeout: Duration::from_secs(flags.http_timeout),
    };
    let outcome = upload(&prepared, &target, &token, &opts, |submission| {
        say(format!(
            "tollgate: uploaded {name} ({} results, {:.1} KiB gzipped) to {} as sarif id {}",
            prepared.results,
            prepared.gzipped_bytes as f64 / 1024.0,
            target.repository,
            submission.id
        ));
    })?;
    match &outcome.processed {
        Some(done) => {
            say(format!(
                "tollgate: processing complete: {}",
                done.analyses_url.as_deref().unwrap_or(&outcome.submission.url)
            ));
            if let Some(page) = target.alerts_url() {
                say(format!("tollgate: alerts: {page}"));
            }
        }
        None => say(format!("tollgate: not waiting for processing; status: {}", outcome.submission.url)),
    }
    Ok(outcome)
}
