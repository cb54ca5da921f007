//! The pass over the files: discover them (or take the staged blobs, or one stream from
//! standard input), read each one safely ([`crate::input`]), analyse them in parallel (classify,
//! then every engine), and gather a sorted [`ScanReport`].
//!
//! Workers share the engines read-only and never share mutable state; results are merged and
//! sorted once at the end so reports are deterministic whatever the thread count.

use crate::analyse::{self, AnalyseOptions, Analysis, Engines, FileInput, Scratch};
use crate::classify::{FileKind, classify};
use crate::config::RuleFilter;
use crate::discover::{self, Candidate, DiscoverOptions, Discovered, PathFilter};
use crate::git::StagedFile;
use crate::input::{self, Links};
use crate::model::Finding;
use crate::model::RuleInfo;
use crate::model::{Diagnostic, ScanReport, ScanStats};
use crate::policy::inputs::Present;
use crate::policy::{PolicyMeta, PolicySet};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How many leading bytes are sniffed for a NUL to call a file binary.
pub(crate) const BINARY_SNIFF: usize = 8 * 1024;

#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub discover: DiscoverOptions,
    /// Files larger than this many bytes are skipped and listed as such.
    pub max_file_size: u64,
    /// Which rules report where (the config's enable, disable and allow-paths).
    pub filter: RuleFilter,
    /// Show a progress line on stderr once the scan has run for a moment (for a terminal).
    pub progress: bool,
    pub analyse: AnalyseOptions,
    /// Report only the files of this slice of the scan (`--shard K/N`).
    pub shard: Option<crate::shard::Shard>,
}

/// What analysing one file produced.
pub(crate) enum Outcome {
    Scanned { path: String, kind: FileKind, bytes: u64, analysis: Analysis },
    Binary,
    TooLarge(String),
    Failed(Diagnostic),
}

pub fn scan_tree(opts: &ScanOptions, engines: &Engines) -> anyhow::Result<ScanReport> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.discover.threads).build()?;
    // The walk streams files into the pool, so reading and scanning overlap the walk.
    let (sink, files) = mpsc::channel();
    let progress = Progress::new(opts.progress, started);
    let (walked, outcomes) = std::thread::scope(|s| {
        let walker = s.spawn(|| discover::walk(&opts.discover, sink));
        let outcomes: Vec<Outcome> = pool.install(|| {
            files
                .into_iter()
                // Sliced after the walk, so every shard walks (and excludes) the same way.
                .filter(|item| match (item, &opts.shard) {
                    (Discovered::File(c), Some(shard)) => shard.owns(&c.display),
                    _ => true,
                })
                .par_bridge()
                .map_init(
                    || (engines.scratch(), Vec::new()),
                    |(scratch, buf), item| {
                        let outcome = match item {
                            Discovered::File(c) => read_and_analyse(&c, engines, scratch, buf, opts),
                            Discovered::Error(d) => Outcome::Failed(d),
                        };
                        progress.tick(&outcome);
                        outcome
                    },
                )
                .collect()
        });
        (walker.join(), outcomes)
    });
    progress.finish();
    walked.map_err(|_| anyhow::anyhow!("the directory walk panicked"))??;
    Ok(assemble(opts, engines, outcomes, started))
}

/// Scan files given in memory, such as the staged blobs of a commit, named by their paths
/// relative to the root. The walk's exclusions apply; `.gitignore` does not (these files are
/// tracked).
pub fn scan_blobs(opts: &ScanOptions, files: Vec<StagedFile>, engines: &Engines) -> anyhow::Result<ScanReport> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.discover.threads).build()?;
    let excluded = PathFilter::new(&opts.discover)?;
    let outcomes = pool.install(|| {
        files
            .into_par_iter()
            .filter(|f| is_scanned_blob(f, &excluded, opts))
            .map_init(
                || engines.scratch(),
                |scratch, f| {
                    if f.bytes.len() as u64 > opts.max_file_size {
                        return Outcome::TooLarge(f.path);
                    }
                    let on_disk = opts.discover.root.join(&f.rel_path);
                    analyse_bytes(&f.path, Some(&on_disk), &f.bytes, engines, scratch, opts)
                },
            )
            .collect()
    });
    Ok(assemble(opts, engines, outcomes, started))
}

/// Is `f` one of the blobs [`scan_blobs`] analyses? (Its size is judged apart: too large is an
/// outcome of its own.)
fn is_scanned_blob(f: &StagedFile, excluded: &PathFilter, opts: &ScanOptions) -> bool {
    !excluded.excludes(&f.path) && opts.shard.is_none_or(|shard| shard.owns(&f.path))
}

/// What the staged files' documents hold, by kind (see [`Engines::narrow_policies`]): the
/// files [`scan_blobs`] will analyse, decoded, classified and parsed the same way.
pub fn staged_inputs(
    opts: &ScanOptions,
    files: &[StagedFile],
    engines: &Engines,
) -> anyhow::Result<HashMap<String, Present>> {
    let excluded = PathFilter::new(&opts.discover)?;
    let mut present = HashMap::new();
    let analysed =
        files.iter().filter(|f| is_scanned_blob(f, &excluded, opts) && f.bytes.len() as u64 <= opts.max_file_size);
    for f in analysed {
        let Some(bytes) = text_of(&f.bytes) else { continue };
        let on_disk = opts.discover.root.join(&f.rel_path);
        let file =
            FileInput { display: &f.path, fs_path: Some(&on_disk), bytes: &bytes, kind: classify(&f.path, &bytes) };
        analyse::present_inputs(&file, engines, &mut present);
    }
    Ok(present)
}

/// Gather the outcomes into a sorted report.
fn assemble(opts: &ScanOptions, engines: &Engines, outcomes: Vec<Outcome>, started: Instant) -> ScanReport {
    let mut stats = ScanStats::default();
    let mut findings = Vec::new();
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    let (mut workflows, mut conditional) = (Vec::new(), Vec::new());
    for outcome in outcomes {
        match outcome {
            Outcome::Scanned { path, kind, bytes, mut analysis } => {
                files.push(path);
                stats.files_scanned += 1;
                stats.bytes_scanned += bytes;
                *stats.kinds.entry(kind.name().into_owned()).or_insert(0) += 1;
                findings.append(&mut analysis.findings);
                diagnostics.append(&mut analysis.diagnostics);
                workflows.append(&mut analysis.workflows);
                conditional.append(&mut analysis.conditional);
            }
            Outcome::Binary => stats.skipped_binary += 1,
            Outcome::TooLarge(path) => {
                diagnostics.push(Diagnostic::too_large(&path, opts.max_file_size));
                stats.skipped_too_large.push(path);
            }
            Outcome::Failed(d) => diagnostics.push(d),
        }
    }
    // What one file's findings depend on in others, now that every file is in.
    crate::workflows::resolve(&mut findings, &workflows, &conditional);
    // Workers finish in any order; reports must not.
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // The message breaks ties: several files can fail one policy, all reported on its source.
    diagnostics.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
    stats.skipped_too_large.sort();
    files.sort();
    let rules = fired_rules(&findings, engines);
    let (findings, suppressed) = crate::suppress::split_accepted(findings);
    stats.elapsed = started.elapsed();
    ScanReport {
        root: opts.discover.root.clone(),
        findings,
        suppressed,
        baseline: None,
        files,
        diagnostics,
        rules,
        stats,
        history: None,
        shard: None,
    }
}

/// Scan one stream (`tollgate scan -`): at most `max_file_size` bytes of `reader`, reported
/// and classified under `name`.
pub fn scan_stream(
    opts: &ScanOptions,
    name: &str,
    reader: &mut dyn Read,
    engines: &Engines,
) -> anyhow::Result<ScanReport> {
    let started = Instant::now();
    if opts.shard.is_some_and(|shard| !shard.owns(name)) {
        // Another shard's file, as it would be on disk: that shard reports it.
        return Ok(assemble(opts, engines, Vec::new(), started));
    }
    let mut bytes = Vec::new();
    let outcome = match input::read_bounded(reader, opts.max_file_size, &mut bytes) {
        Ok(true) => analyse_bytes(name, None, &bytes, engines, &mut engines.scratch(), opts),
        Ok(false) => Outcome::TooLarge(name.to_string()),
        Err(err) => Outcome::Failed(Diagnostic::error(name, format!("cannot read: {err}"))),
    };
    Ok(assemble(opts, engines, vec![outcome], started))
}

/// Read one file into the worker's buffer `buf` and analyse it.
fn read_and_analyse(
    c: &Candidate,
    engines: &Engines,
    scratch: &mut Scratch,
    buf: &mut Vec<u8>,
    opts: &ScanOptions,
) -> Outcome {
    let links = if c.named { Links::Follow } else { Links::Refuse };
    match input::read_regular_file(&c.path, links, opts.max_file_size, buf) {
        Ok(true) => analyse_bytes(&c.display, Some(&c.path), buf, engines, scratch, opts),
        Ok(false) => Outcome::TooLarge(c.display.clone()),
        Err(err) => Outcome::Failed(Diagnostic::error(&c.display, format!("cannot read: {err}"))),
    }
}

/// A file's text: `raw` decoded when it is UTF-16 (see [`input::decode_text`]); `None` when it
/// looks binary.
fn text_of(raw: &[u8]) -> Option<std::borrow::Cow<'_, [u8]>> {
    let bytes = input::decode_text(raw);
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_none().then_some(bytes)
}

/// Analyse a file's raw bytes: decoded first when they are UTF-16 (see [`input::decode_text`]),
/// skipped when they look binary.
pub(crate) fn analyse_bytes(
    display: &str,
    fs_path: Option<&Path>,
    raw: &[u8],
    engines: &Engines,
    scratch: &mut Scratch,
    opts: &ScanOptions,
) -> Outcome {
    let Some(bytes) = text_of(raw) else { return Outcome::Binary };
    let bytes = &*bytes;
    let kind = classify(display, bytes);
    let file = FileInput { display, fs_path, bytes, kind };
    Outcome::Scanned {
        path: display.to_string(),
        kind,
        bytes: raw.len() as u64,
        analysis: {
            let mut analysis = analyse::analyse(&file, engines, scratch, opts.analyse);
            analysis.findings.retain(|f| opts.filter.keeps(&f.rule_id, &f.path));
            analysis
        },
    }
}

/// Metadata for every rule and policy that produced a finding, sorted by id.
pub(crate) fn fired_rules(findings: &[Finding], engines: &Engines) -> Vec<RuleInfo> {
    let ids: BTreeSet<&str> = findings.iter().map(|f| f.rule_id.as_str()).collect();
    let secrets = engines.secrets.rules().iter().filter(|r| ids.contains(r.id())).map(RuleInfo::from_secret_rule);
    // A policy for several kinds is in each kind's set: one descriptor per id.
    let policies: BTreeMap<&str, &PolicyMeta> = engines
        .compiled_policies()
        .into_iter()
        .flat_map(PolicySet::policies)
        .filter(|p| ids.contains(p.id.as_str()))
        .map(|p| (p.id.as_str(), p))
        .collect();
    let mut rules: Vec<RuleInfo> = secrets.chain(policies.into_values().map(RuleInfo::from_policy)).collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules
}

/// A spinner with files and bytes scanned, drawn on stderr only when asked (a terminal) and only
/// once the scan has taken a moment, so quick scans and hooks never flicker.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
    bytes: AtomicU64,
}

impl Progress {
    /// How long a scan runs before the spinner appears.
    const DELAY: Duration = Duration::from_millis(300);

    fn new(enabled: bool, started: Instant) -> Progress {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{spinner} scanned {pos} files ({msg}) in {elapsed}")
                    .expect("a valid template"),
            );
            bar
        });
        Progress { bar, started, shown: AtomicBool::new(false), bytes: AtomicU64::new(0) }
    }

    fn tick(&self, outcome: &Outcome) {
        let Some(bar) = &self.bar else { return };
        if let Outcome::Scanned { bytes, .. } = outcome {
            bar.inc(1);
            let total = self.bytes.fetch_add(*bytes, Ordering::Relaxed) + bytes;
            bar.set_message(crate::gate::human_bytes(total));
        }
        if !self.shown.load(Ordering::Relaxed) && self.started.elapsed() >= Self::DELAY {
            self.shown.store(true, Ordering::Relaxed);
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
