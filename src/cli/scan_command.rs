//! `tollgate scan`: its arguments, and the glue from them to a scan (config, engines, the walk,
//! the staged blobs or a stream, reports, baseline, upload, the gate's exit code).

use super::git_scope::GitScopeArgs;
use super::{build_scanner, load_specs, policy_sources};
use crate::analyse::{AnalyseOptions, Engines};
use crate::config::{Config, RuleFilter};
use crate::discover::DiscoverOptions;
use crate::finding::SuppressionKind;
use crate::fingerprint::Fingerprinter;
use crate::gate::{self, FailOn};
use crate::git;
use crate::policy::PolicySet;
use crate::report::DiagnosticLevel;
use crate::report::{self, Format, WriteOptions};
use crate::scan::{self, ScanOptions};
use crate::secrets::Confidence;
use crate::suppress::Baseline;
use crate::upload::{self, UploadFlags};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
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

    /// Report format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Fail the gate (exit 1) on findings of this severity or worse [default: the config's
    /// `fail-on`, else high].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,

    /// Read settings from FILE [default: tollgate.toml at the scan root, if there is one].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Also load secret rules from every *.toml file under DIR (repeatable). A rule with a
    /// built-in id replaces the built-in one.
    #[arg(long = "rules", value_name = "DIR")]
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

    #[command(flatten, next_help_heading = "Upload (with --upload)")]
    upload_flags: UploadFlags,

    #[command(flatten, next_help_heading = "Git history and changes")]
    git: GitScopeArgs,
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

pub(super) fn cmd_scan(mut args: ScanArgs) -> Result<i32> {
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
    let config = Config::discover(args.config.as_deref(), &root)?;
    let (config_path, config) = config.unwrap_or_default();
    args.excludes.extend(config.exclude.iter().cloned());
    args.rules.extend(config.rules.iter().cloned());
    args.policies.extend(config.policies.iter().cloned());
    args.baseline = args.baseline.or(config.baseline.clone());
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::High);

    let (mut specs, ids_per_dir) = load_specs(&args.rules)?;
    // Policies judge the current tree; a history scan runs the secret rules alone.
    let sources = if args.git.history { Vec::new() } else { policy_sources(&args.policies)? };
    let filter = RuleFilter::new(&config, &config_path, |id| {
        // Policy ids are checked against the sources, so the policies need not compile first.
        let quoted = format!("\"{id}\"");
        specs.iter().any(|s| s.id == id) || sources.iter().any(|p| p.text.contains(&quoted))
    })?;
    specs.retain(|s| filter.enabled(&s.id) && s.confidence() >= args.min_confidence);
    let secrets = build_scanner(specs, &ids_per_dir)?;
    // The built-in pack is known to compile, so it may wait for the first file that needs it;
    // user policies compile now, so their errors stop the scan before it starts.
    let mut engines = if args.policies.is_empty() {
        Engines::with_lazy_policies(secrets, sources)
    } else {
        Engines::new(secrets, PolicySet::new(&sources)?)
    };
    let key = args
        .fingerprint_key
        .clone()
        .or_else(|| std::env::var(FINGERPRINT_KEY_ENV).ok())
        .or_else(|| config.fingerprint_key.clone());
    if let Some(key) = key {
        engines.fingerprints = Fingerprinter::keyed(key.as_bytes());
    }

    let threads = worker_threads(args.threads, args.quiet);
    let opts = ScanOptions {
        discover: DiscoverOptions {
            paths: paths.iter().map(|p| crate::discover::spell_under_root(&normalise(p), &normalise(&root))).collect(),
            root: normalise(&root),
            default_excludes: !args.no_default_excludes,
            excludes: args.excludes.clone(),
            threads,
        },
        max_file_size: args.max_file_size,
        filter,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        analyse: AnalyseOptions {
            redact: !args.no_redact,
            parse_errors: match args.on_parse_error {
                ParseErrors::Warn => DiagnosticLevel::Warning,
                ParseErrors::Fail => DiagnosticLevel::Error,
            },
        },
    };
    // Terraform module context reads sibling files: only those the scan itself would read (not
    // too large, not excluded).
    let excluded = crate::discover::PathFilter::new(&opts.discover)?;
    let walk_filter = crate::discover::PathFilter::new(&opts.discover)?;
    let scan_root = opts.discover.root.clone();
    engines.modules = crate::parse::ModuleCache::new(args.max_file_size)
        .skipping(move |path| excluded.excludes(&crate::discover::display_path(path, &scan_root)));
    let history = args.git.history_options(&paths)?;
    let changed = args.git.changed_lines(&root, args.staged)?;
    let mut report = if let Some(history) = &history {
        crate::history::run(&opts, history, &engines)?
    } else if args.staged {
        scan::run_files(&opts, git::staged_files(&root)?, &engines)?
    } else if let Some(changed) = changed.as_ref().filter(|_| args.git.since.is_some()) {
        let mut opts = opts.clone();
        opts.discover.paths =
            changed.files_to_scan(&root, &paths.iter().map(|p| normalise(p)).collect::<Vec<_>>(), &walk_filter);
        scan::run(&opts, &engines)?
    } else if stdin {
        let name = crate::escape::path_bytes(args.stdin_name.as_bytes());
        scan::run_stream(&opts, &name, &mut std::io::stdin().lock(), &engines)?
    } else {
        scan::run(&opts, &engines)?
    };
    args.git.narrow(changed.as_ref(), &mut report, &root);
    // The compiled engines are large object graphs and the process ends soon: freeing them
    // took ~5 ms of a pre-commit run, for memory the OS reclaims anyway.
    std::mem::forget(engines);
    if let Some(path) = &args.baseline {
        report.apply_baseline(&Baseline::load(path)?);
    }
    if let Some(path) = &args.write_baseline {
        // Everything current, including what an older baseline accepted (its stale entries go).
        let mut baseline = Baseline::from_findings(
            report.findings.iter().chain(
                report
                    .suppressed
                    .iter()
                    .filter(|f| f.suppression.as_ref().is_some_and(|s| s.kind == SuppressionKind::Baseline)),
            ),
        );
        std::fs::write(path, baseline.to_json())
            .with_context(|| format!("cannot write baseline {}", path.display()))?;
        baseline.source = path.display().to_string();
        report.apply_baseline(&baseline);
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let write_opts = WriteOptions { color, threshold: fail_on.threshold() };
    match &args.output {
        Some(path) => {
            let mut buf = Vec::new();
            report::write(&report, args.format, write_opts, &mut buf)?;
            std::fs::write(path, buf).with_context(|| format!("cannot write report to {}", path.display()))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            report::write(&report, args.format, write_opts, &mut out)?;
            out.flush()?;
        }
    }
    let verdict = gate::verdict(&report, fail_on);
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

/// Lexically remove `.` and `..` components (no symlink resolution: reported paths stay as
/// the user sees them).
fn normalise(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
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
