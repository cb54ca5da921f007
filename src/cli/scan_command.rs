//! `tollgate scan`: its arguments, turned into a [`ScanRequest`] for [`scan::run`] (which does
//! the config, engines, scan, suppression and gate), then the report, the summary line, the
//! upload and the exit code.

use super::git_scope::GitScopeArgs;
use super::outputs;
use super::selection::{self, SelectionArgs};
use crate::gate::{self, FailOn};
use crate::git;
use crate::model::DiagnosticLevel;
use crate::report::{self, Format, WriteOptions};
use crate::scan::{self, Input, ScanOutcome, ScanRequest, Scanners, normalise};
use crate::secrets::Confidence;
use crate::upload::{self, UploadFlags};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The environment variable that holds the fingerprint key (see [`crate::fingerprint`]).
const FINGERPRINT_KEY_ENV: &str = "TOLLGATE_FINGERPRINT_KEY";

#[derive(Args, Debug)]
pub(super) struct ScanArgs {
    /// Files or directories to scan; `-` alone reads one file from standard input (at most
    /// --max-file-size bytes), reported as --stdin-filename. With --history: the repository.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// The path `scan -` reports standard input under, relative to the root; it also decides
    /// the file's kind (`--stdin-filename main.tf` is scanned as Terraform). Also spelled
    /// --stdin-name.
    #[arg(long = "stdin-filename", alias = "stdin-name", value_name = "PATH", default_value = "<stdin>")]
    stdin_name: String,

    /// Scan what the next commit would contain: the staged (index) content of added and
    /// modified files, not the work tree. Paths are reported relative to the repository top.
    #[arg(long, conflicts_with = "paths")]
    staged: bool,

    /// Report format [default: text].
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    format: Option<Format>,

    /// Write the report to FILE instead of standard output (its directories are created).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Also write the report as FORMAT to PATH, or to standard output without `=PATH` or with
    /// `=-` (repeatable: one scan, several reports). Without --format or --output, only these
    /// are written: `--output-format sarif=out/tollgate.sarif --output-format text`.
    #[arg(long = "output-format", value_name = "FORMAT[=PATH]", value_parser = outputs::parse_target)]
    output_formats: Vec<outputs::OutputTarget>,

    /// The SARIF run's category (`runs[].automationDetails.id`), so several tollgate runs on one
    /// repository (`iac`, `secrets`, one per directory) keep their own alerts in code scanning.
    #[arg(long, value_name = "NAME", default_value = "tollgate")]
    sarif_category: String,

    /// Fail the gate (exit 1) on findings of this severity or worse [default: the config's
    /// `fail-on`, else high].
    #[arg(long, value_name = "SEVERITY", value_parser = super::threshold_arg::ThresholdParser)]
    fail_on: Option<FailOn>,

    /// Read settings from FILE [default: tollgate.toml at the scan root, if there is one].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Also load secret rules from PATH (repeatable): a directory of *.toml rules files, a
    /// rules file, or a gitleaks / Betterleaks config (`[[rules]]`; without `[extend]
    /// useDefault = true` it replaces the built-in rules). A rule with a built-in id replaces
    /// the built-in one.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,

    /// Also load Rego policies from every *.rego file under DIR (repeatable); see the README for
    /// the policy format and `input`.
    #[arg(long = "policy", value_name = "DIR")]
    policies: Vec<PathBuf>,

    /// Run only the secret rules at least this sure of their findings: `high` (fixed prefixes,
    /// checksums), `medium` (also unprefixed formats recognised by a keyword on the line) or
    /// `low` (also generic heuristics such as `password = "..."`); `tollgate rules` shows each
    /// rule's confidence.
    #[arg(long, value_enum, default_value_t = Confidence::Low, value_name = "LEVEL")]
    min_confidence: Confidence,

    /// The engines to run, comma-separated: `secrets` (hard-coded keys; also spelled `secret`)
    /// and `policies` (misconfigurations of IaC and pipelines; also `misconfig`, trivy's name).
    /// A secrets-only scan parses no IaC at all.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Scanner::Secrets, Scanner::Policies], value_name = "LIST")]
    scanners: Vec<Scanner>,

    /// How many levels of base64 to decode and scan for secrets: Kubernetes Secret `data:`
    /// values and base64 blobs elsewhere (a blob inside a decoded blob is level 2); 0 turns
    /// decoding off.
    #[arg(long, value_name = "N", default_value_t = crate::secrets::decode::DEFAULT_MAX_DEPTH)]
    max_decode_depth: u8,

    /// What a file that cannot be parsed as its kind (broken YAML, HCL, ...) does to the gate:
    /// `warn` reports it and passes, `fail` reports it and exits 2.
    #[arg(long, value_enum, default_value_t = ParseErrors::Warn, value_name = "WHAT")]
    on_parse_error: ParseErrors,

    /// Exclude paths matching this gitignore-style glob (repeatable).
    #[arg(short = 'e', long = "exclude", value_name = "GLOB")]
    excludes: Vec<String>,

    /// Skip files larger than this (bytes, or with a K/M/G suffix); they are reported as skipped.
    #[arg(long, default_value = "5M", value_parser = parse_size, value_name = "SIZE")]
    max_file_size: u64,

    /// Also scan vendored directories (node_modules, vendor, .venv, ...) and lock files.
    #[arg(long)]
    no_default_excludes: bool,

    /// Report paths relative to DIR [default: the current directory, if every path is inside
    /// it; else the one directory given].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,

    /// Show secrets in full in every report. Reports may then leak credentials: use with care.
    #[arg(long)]
    no_redact: bool,

    /// Key the findings' fingerprints with KEY (HMAC-SHA256), so a fingerprint in a baseline or
    /// report says nothing about its secret. Prefer the environment variable, which other
    /// processes cannot read; use the same key wherever the baseline is used [env:
    /// TOLLGATE_FINGERPRINT_KEY; default: the config's `fingerprint-key`, else none].
    #[arg(long, value_name = "KEY")]
    fingerprint_key: Option<String>,

    /// Worker threads, at most 4 per CPU [default: the number of CPUs].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,

    /// Colour the text report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// Accept the findings recorded in FILE (a baseline, or a SARIF log from an earlier tollgate
    /// run): they are reported as baselined and do not fail the gate.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record every current finding in FILE (by fingerprint; no secrets, no line numbers) and
    /// accept them: later scans with `--baseline FILE` fail only on new findings.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Do not print the summary line on standard error.
    #[arg(short, long)]
    quiet: bool,

    /// Also upload the results to GitHub code scanning as SARIF (whatever --format is), even
    /// when the gate fails; a failed upload exits 2. Token from GITHUB_TOKEN.
    #[arg(long)]
    upload: bool,

    /// Scan and report only slice K of N (1-based) of the files, or with --history of the blobs:
    /// N jobs of a CI matrix with K = 1..N together scan everything exactly once, whatever the
    /// walk order; join their reports with `tollgate merge`. A file's slice is a CRC-32 of its
    /// reported path. Without --shard, GitLab's `parallel:` variables CI_NODE_INDEX and
    /// CI_NODE_TOTAL are read when both are set; elsewhere (GitHub Actions, CodeBuild) pass
    /// --shard from the matrix.
    #[arg(long, value_name = "K/N")]
    shard: Option<crate::shard::Shard>,

    #[command(flatten, next_help_heading = "Selection")]
    selection: SelectionArgs,

    #[command(flatten, next_help_heading = "Upload (with --upload)")]
    upload_flags: UploadFlags,

    #[command(flatten, next_help_heading = "Git history and changes")]
    git: GitScopeArgs,
}

/// One engine `--scanners` can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scanner {
    #[value(alias = "secret")]
    Secrets,
    #[value(alias = "misconfig", alias = "policy")]
    Policies,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ParseErrors {
    Warn,
    Fail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub(super) fn cmd_scan(args: ScanArgs) -> Result<i32> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && (args.paths.len() > 1 || args.staged || args.git.history || args.git.since.is_some()) {
        anyhow::bail!("`-` (standard input) is scanned on its own: name no other paths with it");
    }
    let mut paths = Vec::with_capacity(args.paths.len());
    for p in args.paths.iter().filter(|_| !stdin) {
        check_scannable(p)?;
        paths.push(if p.is_absolute() { p.clone() } else { cwd.join(p) });
    }
    let root = match &args.root {
        Some(r) => absolute(&cwd, r),
        None if args.staged || args.git.since.is_some() => git::toplevel(&cwd)?,
        None if args.git.history => GitScopeArgs::history_root(paths.first().unwrap_or(&cwd))?,
        None => default_root(&cwd, &paths),
    };
    let input = if let Some(history) = args.git.history_options(&paths)? {
        Input::History(history)
    } else if args.staged {
        Input::Staged
    } else if stdin {
        Input::Stdin { name: crate::escape::path_bytes(args.stdin_name.as_bytes()) }
    } else {
        Input::Paths(paths)
    };
    let request = ScanRequest {
        input,
        root: root.clone(),
        config: args.config.clone(),
        rules: args.rules.clone(),
        policies: args.policies.clone(),
        excludes: args.excludes.clone(),
        default_excludes: !args.no_default_excludes,
        max_file_size: args.max_file_size,
        min_confidence: args.min_confidence,
        scanners: Scanners {
            secrets: args.scanners.contains(&Scanner::Secrets),
            policies: args.scanners.contains(&Scanner::Policies),
        },
        max_decode_depth: args.max_decode_depth,
        parse_errors: match args.on_parse_error {
            ParseErrors::Warn => DiagnosticLevel::Warning,
            ParseErrors::Fail => DiagnosticLevel::Error,
        },
        redact: !args.no_redact,
        fingerprint_key: args.fingerprint_key.clone().or_else(|| std::env::var(FINGERPRINT_KEY_ENV).ok()),
        threads: worker_threads(args.threads, args.quiet),
        progress: !args.quiet && std::io::stderr().is_terminal(),
        baseline: args.baseline.clone(),
        write_baseline: args.write_baseline.clone(),
        fail_on: args.fail_on,
        checks: args.selection.checks.clone(),
        skip_checks: args.selection.skip_checks.clone(),
        min_severity: args.selection.min_severity,
        changes: args.git.changes(args.staged),
        process_exits_after: true,
        shard: match args.shard {
            Some(shard) => Some(shard),
            None => crate::shard::Shard::from_gitlab_env(|k| std::env::var(k).ok()).map_err(anyhow::Error::msg)?,
        },
    };
    let ScanOutcome { report, fail_on, verdict, config, loaded, hidden, excludes } = scan::run(&request)?;

    if args.selection.verbose {
        selection::say_loaded(config.as_deref(), loaded.secret_rules, loaded.policy_files, &excludes);
        selection::say_skipped(&report, hidden);
    }
    let targets = outputs::resolve(args.format, args.output.clone(), &args.output_formats)?;
    let to_terminal = targets.iter().any(|t| t.path.is_none()) && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let write_opts =
        WriteOptions { color, threshold: fail_on.threshold(), category: Some(args.sarif_category.as_str()) };
    let file_opts = WriteOptions { color: args.color == ColorChoice::Always, ..write_opts };
    outputs::write_all(&report, &targets, write_opts, file_opts)?;
    if !args.quiet {
        eprintln!("{}", gate::summary_line(&report, verdict, fail_on));
    }
    if args.upload {
        let mut sarif = Vec::new();
        report::write(&report, Format::Sarif, write_opts, &mut sarif)?;
        let mut flags = args.upload_flags.clone();
        // The log's paths are relative to the scan root.
        if flags.checkout_root.is_none() && std::env::var_os("GITHUB_WORKSPACE").is_none() {
            flags.checkout_root = Some(root.clone());
        }
        upload::upload_sarif_bytes(&sarif, "the scan results", &flags)?;
    }
    Ok(verdict.exit_code())
}

/// A path the user named must be a file or directory tollgate can read: anything else (a FIFO,
/// a device, a process substitution, a path that does not exist) would scan nothing and pass,
/// so it is an error that names it.
fn check_scannable(p: &Path) -> Result<()> {
    let shown = crate::escape::path_bytes(p.as_os_str().as_encoded_bytes());
    let meta = std::fs::metadata(p).with_context(|| format!("cannot scan {shown}"))?;
    if !meta.is_file() && !meta.is_dir() {
        anyhow::bail!(
            "cannot scan {shown}: not a regular file or directory ({}); to scan a stream, pipe it to `tollgate scan -`",
            crate::input::what_is(&meta.file_type())
        );
    }
    Ok(())
}

/// cwd when every path is inside it (paths then read as typed); otherwise the single
/// directory given; otherwise `/` (absolute paths).
fn default_root(cwd: &Path, paths: &[PathBuf]) -> PathBuf {
    if paths.iter().all(|p| normalise(p).starts_with(cwd)) {
        return cwd.to_path_buf();
    }
    match paths {
        [one] if one.is_dir() => one.clone(),
        _ => PathBuf::from("/"),
    }
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) }
}

/// More workers than this per CPU only add memory and contention: the work is CPU-bound, and
/// thousands of threads exhaust the process's limits (a hang, or a panic spawning them).
const THREADS_PER_CPU: usize = 4;

/// The worker count for `-j`: the CPU count by default, and at most [`THREADS_PER_CPU`] per
/// CPU, saying so on stderr when a request is lowered.
fn worker_threads(requested: Option<u32>, quiet: bool) -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let Some(requested) = requested else { return cpus };
    let cap = cpus * THREADS_PER_CPU;
    let requested = requested as usize;
    if requested > cap && !quiet {
        eprintln!("tollgate: note: -j {requested} is more than {THREADS_PER_CPU} per CPU; using {cap} threads");
    }
    requested.min(cap)
}

/// `1048576`, `512K`, `5M`, `1G` (binary units).
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("`{s}` is not a size (examples: 1048576, 512K, 5M)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("5M"), Ok(5 << 20));
        assert_eq!(parse_size("10"), Ok(10));
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn root_defaults() {
        let cwd = Path::new("/repo");
        assert_eq!(default_root(cwd, &[PathBuf::from("/repo/./src")]), PathBuf::from("/repo"));
        assert_eq!(normalise(Path::new("/repo/a/../b/./c")), PathBuf::from("/repo/b/c"));
    }
}
