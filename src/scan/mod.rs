//! A whole scan as one library call: [`run`] takes a [`ScanRequest`] (what the command line
//! says, as data) and goes config → engines → the pass over the files → suppression → gate,
//! returning a [`ScanOutcome`] (the report and its verdict). The CLI, the integration tests and
//! the benches all call it, so they exercise the same path; writing the report, the summary line
//! and uploads stay with the caller.
//!
//! - [`engines`] builds the secret rules and policies a scan runs.
//! - [`files`] is the pass itself: walk (or staged blobs, or a stream), read, analyse in
//!   parallel, gather a sorted report.

pub mod engines;
pub mod files;

use crate::changes::ChangedLines;
use crate::config::Config;
use crate::discover::{self, DiscoverOptions, PathFilter};
use crate::fingerprint::Fingerprinter;
use crate::gate::{self, FailOn, Verdict};
use crate::git::{self, StagedFile};
use crate::history::HistoryOptions;
use crate::model::{DiagnosticLevel, ScanReport, Severity};
use crate::secrets::Confidence;
use crate::shard::Shard;
use crate::suppress::{self, Baseline};
use crate::syntax::terraform::{ModuleCache, ModuleContext, is_module_file};
use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub use engines::{Loaded, Scanners};
pub use files::ScanOptions;

/// What to scan.
#[derive(Debug, Clone)]
pub enum Input {
    /// Files and directories (absolute, or relative to the current directory) walked with the
    /// usual exclusions.
    Paths(Vec<PathBuf>),
    /// What the next commit would contain: the staged blobs of the repository at the root, with
    /// Terraform modules read from the index too.
    Staged,
    /// One file read from standard input, reported (and classified) under `name`.
    Stdin { name: String },
    /// Every blob of a repository's history (or a range of it), each distinct blob once, with
    /// the secret rules alone: policies judge the current tree, not what it used to be.
    History(HistoryOptions),
}

/// Report only what a change adds: findings on the lines it adds or modifies (or, with
/// `whole_files`, anywhere in the files it touches).
#[derive(Debug, Clone)]
pub enum ChangeScope {
    /// The files changed between REV (its merge base with HEAD) and the work tree; only these
    /// are scanned (`--since REV`).
    Since { rev: String, whole_files: bool },
    /// The staged changes (`--staged --changed-lines`).
    Staged,
}

/// One scan, as data: every choice the command line offers. [`ScanRequest::new`] gives the
/// command line's defaults.
#[derive(Debug, Clone)]
pub struct ScanRequest {
    pub input: Input,
    /// Reported paths are relative to this directory; its `tollgate.toml` is the default config.
    /// Relative paths here and in [`Input::Paths`] are taken from the current directory.
    pub root: PathBuf,
    /// The config file to read instead of the root's `tollgate.toml`.
    pub config: Option<PathBuf>,
    /// Rule and policy directories beyond the built-in ones (the config's are added).
    pub rules: Vec<PathBuf>,
    pub policies: Vec<PathBuf>,
    /// Gitignore-style globs to leave out (the config's are added).
    pub excludes: Vec<String>,
    pub default_excludes: bool,
    pub max_file_size: u64,
    pub min_confidence: Confidence,
    /// The engines to run (`--scanners`).
    pub scanners: Scanners,
    /// Levels of base64 decoded and scanned for secrets (`--max-decode-depth`; 0: none).
    pub max_decode_depth: u8,
    /// How a file that cannot be parsed as its kind is reported.
    pub parse_errors: DiagnosticLevel,
    pub redact: bool,
    /// Keys fingerprints (HMAC); else the config's key, else none.
    pub fingerprint_key: Option<String>,
    pub threads: usize,
    /// Show a progress spinner on stderr once the scan takes a moment.
    pub progress: bool,
    /// Accept the findings of this baseline (else the config's).
    pub baseline: Option<PathBuf>,
    /// Record every current finding here, and accept them.
    pub write_baseline: Option<PathBuf>,
    /// The gate's threshold; else the config's, else high.
    pub fail_on: Option<FailOn>,
    /// Rule and policy ids to run only (`--check`) and never (`--skip-check`): added to the
    /// config's `enable`/`disable`, each checked to exist.
    pub checks: Vec<String>,
    pub skip_checks: Vec<String>,
    /// Leave findings below this severity out of the report and the gate (`--min-severity`).
    pub min_severity: Option<Severity>,
    /// Narrow the scan and its findings to what a change adds.
    pub changes: Option<ChangeScope>,
    /// The process ends after this scan: leave the engines for the OS to reclaim instead of
    /// freeing them (large object graphs; freeing took ~5 ms of a pre-commit run). Leave it off
    /// in a process that scans more than once.
    pub process_exits_after: bool,
    /// Scan and report only this slice of the files (or history blobs), for a CI matrix whose
    /// reports `tollgate merge` joins. Module context is still read from every file.
    pub shard: Option<Shard>,
}

impl ScanRequest {
    /// Scan `input` with reported paths relative to `root`, as `tollgate scan` does by default.
    pub fn new(input: Input, root: impl Into<PathBuf>) -> ScanRequest {
        ScanRequest {
            input,
            root: root.into(),
            config: None,
            rules: Vec::new(),
            policies: Vec::new(),
            excludes: Vec::new(),
            default_excludes: true,
            max_file_size: 5 << 20,
            min_confidence: Confidence::Low,
            scanners: Scanners::default(),
            max_decode_depth: crate::secrets::decode::DEFAULT_MAX_DEPTH,
            parse_errors: DiagnosticLevel::Warning,
            redact: true,
            fingerprint_key: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            progress: false,
            baseline: None,
            write_baseline: None,
            fail_on: None,
            checks: Vec::new(),
            skip_checks: Vec::new(),
            min_severity: None,
            changes: None,
            process_exits_after: false,
            shard: None,
        }
    }
}

/// What a scan found and what the gate makes of it.
#[derive(Debug)]
pub struct ScanOutcome {
    pub report: ScanReport,
    /// The threshold used (the request's, the config's or the default).
    pub fail_on: FailOn,
    pub verdict: Verdict,
    /// The config file read, if any.
    pub config: Option<PathBuf>,
    /// How many rules and policy files the scan ran.
    pub loaded: Loaded,
    /// Findings left out for being below [`ScanRequest::min_severity`].
    pub hidden: usize,
    /// The exclude globs used: the request's and the config's.
    pub excludes: Vec<String>,
}

/// Run the whole scan `request` describes.
pub fn run(request: &ScanRequest) -> Result<ScanOutcome> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let absolute = |p: &Path| normalise(&if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) });
    let root = absolute(&request.root);
    let scanned = match &request.input {
        Input::Paths(paths) => match paths.as_slice() {
            [one] if one.is_dir() => Some(absolute(one)),
            _ => None,
        },
        _ => None,
    };
    let search = Config::search_dirs(scanned.as_deref(), &root);
    let discovered = Config::discover(request.config.as_deref(), &search, &root)?;
    let found_config = discovered.is_some();
    let (config_path, config) = discovered.unwrap_or_default();
    discover::check_excludes(&request.excludes, "--exclude")?;
    discover::check_excludes(&config.exclude, &format!("{}: `exclude`", config_path.display()))?;
    let with_config = |mine: &[PathBuf], theirs: &[PathBuf]| [mine, theirs].concat();
    let rule_dirs = with_config(&request.rules, &config.rules);
    let policy_dirs = with_config(&request.policies, &config.policies);
    let excludes = [request.excludes.as_slice(), &config.exclude].concat();
    let baseline = request.baseline.clone().or(config.baseline.clone());
    let fail_on = request.fail_on.or(config.fail_on).unwrap_or(FailOn::High);

    let selection = (request.checks.as_slice(), request.skip_checks.as_slice());
    // Policies judge the current tree: a history scan runs the secret rules alone.
    let history = matches!(request.input, Input::History(_));
    let scanners = Scanners { policies: request.scanners.policies && !history, ..request.scanners };
    // Building the engines (~15 ms of rules and automata) and asking git for the change and
    // the staged blobs (a few git processes) do not depend on each other: a pre-commit hook
    // runs both at once.
    let from_git = || -> Result<FromGit> {
        // The change's lines, with the repository's top directory its paths are relative to.
        let changed = match &request.changes {
            Some(scope) => {
                let top = git::toplevel(&root)?;
                let lines = match scope {
                    ChangeScope::Since { rev, .. } => ChangedLines::since(&top, rev)?,
                    ChangeScope::Staged => ChangedLines::staged(&top)?,
                };
                Some((top, lines))
            }
            None => None,
        };
        let staged = match request.input {
            Input::Staged => Some(git::staged_files(&root)?),
            _ => None,
        };
        Ok((changed, staged))
    };
    let build =
        || engines::build(&rule_dirs, &policy_dirs, scanners, request.min_confidence, &config, &config_path, selection);
    let (built, read) = if request.changes.is_some() || matches!(request.input, Input::Staged) {
        std::thread::scope(|scope| {
            let git = scope.spawn(from_git);
            let built = build();
            (built, git.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (build(), Ok((None, None)))
    };
    let (mut engines, filter, loaded) = built?;
    let (changed, mut staged) = read?;
    engines.secrets.set_max_decode_depth(request.max_decode_depth);
    if let Some(key) = request.fingerprint_key.as_ref().or(config.fingerprint_key.as_ref()) {
        engines.fingerprints = Fingerprinter::keyed(key.as_bytes());
    }
    let paths = match &request.input {
        Input::Paths(paths) => paths.iter().map(|p| discover::spell_under_root(&absolute(p), &root)).collect(),
        Input::Staged | Input::Stdin { .. } | Input::History(_) => Vec::new(),
    };
    let opts = ScanOptions {
        discover: DiscoverOptions {
            paths,
            root: root.clone(),
            default_excludes: request.default_excludes,
            excludes: excludes.clone(),
            threads: request.threads,
        },
        max_file_size: request.max_file_size,
        filter,
        progress: request.progress,
        analyse: crate::analyse::AnalyseOptions { redact: request.redact, parse_errors: request.parse_errors },
        shard: request.shard,
    };
    // Terraform module context reads sibling files: only those the scan itself would read (not
    // too large, not excluded).
    let excluded = PathFilter::new(&opts.discover)?;
    let scan_root = root.clone();
    engines.modules = ModuleCache::new(request.max_file_size)
        .skipping(move |path| excluded.excludes(&discover::display_path(path, &scan_root)));
    let mut report = match &request.input {
        Input::Paths(paths) if matches!(request.changes, Some(ChangeScope::Since { .. })) => {
            // Only the changed files still on disk under the paths asked for.
            let (top, lines) = changed.as_ref().expect("--since reads the change");
            let under: Vec<PathBuf> = paths.iter().map(|p| absolute(p)).collect();
            let walk = PathFilter::new(&opts.discover)?;
            let files = lines.files_to_scan(top, &under, &walk);
            let mut opts = opts.clone();
            opts.discover.paths = files.iter().map(|p| discover::spell_under_root(p, &root)).collect();
            files::scan_tree(&opts, &engines)?
        }
        Input::History(history) => crate::history::run(&opts, history, &engines)?,
        Input::Staged => {
            let staged = staged.take().expect("a staged scan reads its files from git up front");
            stage_modules(&root, &staged, &opts, &engines.modules)?;
            // A commit's files are known before analysis: compile only the policies their
            // documents can run (parsing a few files twice costs far less than compiling the
            // rest; a large commit skips this and compiles each kind whole).
            if engines.can_narrow_policies() && staged.len() <= NARROW_UP_TO_FILES {
                let present = files::staged_inputs(&opts, &staged, &engines)?;
                engines.narrow_policies(present);
            }
            files::scan_blobs(&opts, staged, &engines)?
        }
        Input::Stdin { name } => files::scan_stream(&opts, name, &mut std::io::stdin().lock(), &engines)?,
        Input::Paths(_) => files::scan_tree(&opts, &engines)?,
    };
    report.shard = request.shard.map(|s| s.to_string());
    let whole_files = matches!(request.changes, Some(ChangeScope::Since { whole_files: true, .. }));
    if let Some((top, lines)) = changed.as_ref().filter(|_| !whole_files) {
        lines.retain_in(&mut report, top);
    }
    if request.process_exits_after {
        std::mem::forget(engines);
    }

    if let Some(path) = &baseline {
        suppress::apply_baseline(&mut report, &Baseline::load(path)?);
    }
    if let Some(path) = &request.write_baseline {
        suppress::record_baseline(&mut report, path)?;
    }
    let hidden = request.min_severity.map_or(0, |min| report.keep_at_least(min));
    let verdict = gate::verdict(&report, fail_on);
    let config = found_config.then_some(config_path);
    Ok(ScanOutcome { report, fail_on, verdict, config, loaded, hidden, excludes })
}

/// What a scan reads from git before analysis: the change's lines with the repository's top
/// directory (`--since`, `--staged`), and the staged files (`--staged`).
type FromGit = (Option<(PathBuf, ChangedLines)>, Option<Vec<StagedFile>>);

/// A staged scan of at most this many files parses them once before analysis to compile only
/// the policies they can run ([`crate::analyse::Engines::narrow_policies`]).
const NARROW_UP_TO_FILES: usize = 64;

/// Give every directory with a staged Terraform file the module context of its files as
/// staged, so `var.*` and `local.*` resolve to what the commit will hold, not to the work tree.
/// The scan's own limits apply (excluded, too large and binary files are left out).
fn stage_modules(root: &Path, staged: &[StagedFile], opts: &ScanOptions, modules: &ModuleCache) -> Result<()> {
    let dirs: BTreeSet<&Path> = staged
        .iter()
        .filter(|f| f.rel_path.file_name().and_then(|n| n.to_str()).is_some_and(is_module_file))
        .filter_map(|f| f.rel_path.parent())
        .collect();
    let excluded = PathFilter::new(&opts.discover)?;
    let dirs: Vec<&Path> = dirs.into_iter().collect();
    let indexed = git::index_files_in(root, &dirs, &is_module_file)?;
    let readable = indexed.iter().filter(|f| {
        !excluded.excludes(&f.path)
            && f.bytes.len() as u64 <= opts.max_file_size
            && memchr::memchr(0, &f.bytes[..f.bytes.len().min(files::BINARY_SNIFF)]).is_none()
    });
    let mut by_dir: BTreeMap<&Path, Vec<(String, &[u8])>> = dirs.iter().map(|d| (*d, Vec::new())).collect();
    for f in readable {
        let (Some(dir), Some(name)) = (f.rel_path.parent(), f.rel_path.file_name()) else { continue };
        if let Some(named) = by_dir.get_mut(dir) {
            named.push((name.to_string_lossy().into_owned(), f.bytes.as_slice()));
        }
    }
    for (dir, named) in by_dir {
        let context = ModuleContext::from_sources(named.iter().map(|(n, b)| (n.as_str(), *b)));
        modules.insert(root.join(dir), context);
    }
    Ok(())
}

/// Lexically remove `.` and `..` components (no symlink resolution: reported paths stay as
/// the user sees them).
pub fn normalise(p: &Path) -> PathBuf {
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
