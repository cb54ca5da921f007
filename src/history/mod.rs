//! `scan --history`: the secrets in every blob a repository's history holds, each distinct blob
//! read once, each finding named by the commit that introduced it.
//!
//! A key that was committed and later deleted is still in every clone. The scan:
//!
//! 1. selects commits — every commit reachable from a reference, or a range — parents first
//!    ([`commits`]);
//! 2. walks them, comparing each commit's tree with its first parent's ([`blobs`]), and sends each
//!    blob the first time it appears anywhere, with that path and commit: consecutive chunks of
//!    commits are diffed on several threads and merged in order, which sends exactly what one
//!    walk in order would ([`chunks`]);
//! 3. reads and scans those blobs in parallel (rayon workers, each with its own handle on the
//!    object database, so packs are inflated on every core) with the secret engine alone:
//!    policies judge the current tree, not what it used to be;
//! 4. keeps, of the findings that share a fingerprint (a secret that stayed in a file through many
//!    edits), the one that came first ([`provenance`]); in a range, drops those the file already
//!    had before the range ([`boundary`]); and names each one's commit, author and date.
//!
//! Object access is gitoxide's (`gix`), in process: no `git` subprocess, and the whole history is
//! never in memory (one id per distinct blob, and the blobs being scanned). Each handle's caches
//! are bounded, and so are the pack pages the process keeps mapped ([`pack_pages`]): on git.git
//! (500 MB of pack) the scan peaks under 400 MB resident. Binary blobs and
//! blobs over `--max-file-size` are skipped and counted, as in a directory scan.
//!
//! Fingerprints do not include the commit, so a baseline written from a history scan accepts the
//! same findings on the next one, and inline `tollgate:ignore` markers in a blob suppress its
//! findings as they do on disk.

pub mod blobs;
pub mod boundary;
pub mod chunks;
pub mod commits;
pub mod pack_pages;
pub mod provenance;

use crate::analyse::Engines;
use crate::discover::PathFilter;
use crate::model::Finding;
use crate::model::{Diagnostic, DiagnosticLevel, HistoryScope, ScanReport, ScanStats};
use crate::scan::files::{self as scan, Outcome, ScanOptions};
use anyhow::{Context, Result};
use blobs::BlobJob;
pub use commits::RevRange;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Instant;

/// Batches of jobs queued between the walk and the readers: enough to keep every worker busy,
/// few enough that the queue never holds much.
const QUEUE: usize = 64;

/// Jobs in a batch. The walk on several threads outruns the readers, so the queue is full, and a
/// queue of single jobs woke the walk for each job a reader took: a context switch each way per
/// blob, hundreds of thousands on git.git, a few seconds of system time.
const BATCH: usize = 64;

/// Object cache for the walk's tree reads, split between its threads: consecutive commits share
/// most subtrees. (Twice this made the walk no faster on git.git.)
const TREE_CACHE_BYTES: usize = 32 << 20;

/// Delta-base cache of each object-database handle. gix's default is 96 MiB a handle, and the
/// scan has a walk worker and a reader per core: on git.git those caches were most of its memory,
/// for a few percent of speed.
const PACK_CACHE_BYTES: usize = 16 << 20;

/// A handle on the object database with the scan's cache bounds (every handle gets its own
/// caches: clones and thread-local handles alike).
fn bounded(mut repo: gix::Repository, object_cache_bytes: usize) -> gix::Repository {
    repo.objects.set_pack_cache(|| Box::new(gix::odb::pack::cache::lru::StaticLinkedList::<64>::new(PACK_CACHE_BYTES)));
    repo.object_cache_size(object_cache_bytes);
    repo
}

/// What to scan.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// A directory inside the repository (or a bare repository).
    pub repository: PathBuf,
    /// Only these commits; `None` for everything reachable from a reference.
    pub range: Option<RevRange>,
    /// The range as the user wrote it, for reports.
    pub range_spec: Option<String>,
}

/// One finding with the walk position of the commit that introduced its blob.
struct Dated {
    finding: Finding,
    commit: u32,
}

/// Everything the workers produced, folded as they go (only findings and diagnostics are kept
/// whole; a clean blob leaves a count and its path).
#[derive(Default)]
struct Tally {
    stats: ScanStats,
    findings: Vec<Dated>,
    diagnostics: Vec<Diagnostic>,
    paths: BTreeSet<String>,
    /// Blobs the history names but the object database does not have.
    missing: usize,
}

impl Tally {
    fn add(mut self, outcome: Option<Outcome>, commit: u32) -> Tally {
        let Some(outcome) = outcome else {
            self.missing += 1;
            return self;
        };
        match outcome {
            Outcome::Scanned { path, kind, bytes, analysis } => {
                self.stats.files_scanned += 1;
                self.stats.bytes_scanned += bytes;
                *self.stats.kinds.entry(kind.name().into_owned()).or_insert(0) += 1;
                self.findings.extend(analysis.findings.into_iter().map(|finding| Dated { finding, commit }));
                self.diagnostics.extend(analysis.diagnostics);
                self.paths.insert(path);
            }
            Outcome::Binary => self.stats.skipped_binary += 1,
            Outcome::TooLarge(path) => self.stats.skipped_too_large.push(path),
            Outcome::Failed(d) => self.diagnostics.push(d),
        }
        self
    }

    fn merge(mut self, mut other: Tally) -> Tally {
        self.stats.files_scanned += other.stats.files_scanned;
        self.stats.bytes_scanned += other.stats.bytes_scanned;
        self.stats.skipped_binary += other.stats.skipped_binary;
        self.stats.skipped_too_large.append(&mut other.stats.skipped_too_large);
        for (kind, n) in other.stats.kinds {
            *self.stats.kinds.entry(kind).or_insert(0) += n;
        }
        self.findings.append(&mut other.findings);
        self.diagnostics.append(&mut other.diagnostics);
        self.paths.append(&mut other.paths);
        self.missing += other.missing;
        self
    }
}

/// Scan the history `history` names with `engines` (built without policies: only secrets run).
pub fn run(opts: &ScanOptions, history: &HistoryOptions, engines: &Engines) -> Result<ScanReport> {
    let started = Instant::now();
    let repo = gix::discover(&history.repository)
        .with_context(|| format!("{} is not in a git repository", history.repository.display()))?;
    let repo = bounded(repo, 0);
    let commits = commits::select(&repo, history.range.as_ref())?;
    let shared = repo.clone().into_sync();
    let excluded = PathFilter::new(&opts.discover)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.discover.threads).build()?;
    let (sink, jobs) = mpsc::sync_channel::<Vec<BlobJob>>(QUEUE);
    // A `Repository` is not shared between threads: the walk gets its own handle (and clones
    // one for each of its workers). Its workers are threads of their own, beside the readers'
    // pool: a reader blocked on an empty queue must not hold a thread the walk needs.
    let walk_repo = repo.clone();
    let (selected, excluded) = (&commits, &excluded);
    let workers = opts.discover.threads;
    let (walked, tally) = std::thread::scope(|s| {
        // Hung up when the readers are done.
        let (stop_watch, stop) = mpsc::channel::<()>();
        s.spawn(move || pack_pages::watch(&stop, pack_pages::BUDGET_BYTES));
        let walker = s.spawn(move || {
            let owned = |p: &str| opts.shard.is_none_or(|shard| shard.owns(p));
            chunks::walk(&walk_repo, selected, &|p| excluded.excludes(p), &owned, sink, workers)
        });
        let tally = pool.install(|| {
            jobs.into_iter()
                .par_bridge()
                .flat_map_iter(|batch| batch)
                .fold(
                    || (Tally::default(), engines.scratch(), bounded(shared.to_thread_local(), 0)),
                    |(tally, mut scratch, repo), job| {
                        let outcome = read_and_scan(&repo, &job, engines, &mut scratch, opts);
                        (tally.add(outcome, job.commit), scratch, repo)
                    },
                )
                .map(|(tally, _, _)| tally)
                .reduce(Tally::default, Tally::merge)
        });
        drop(stop_watch);
        (walker.join(), tally)
    });
    walked.map_err(|_| anyhow::anyhow!("the history walk panicked"))??;
    let mut diagnostics = tally.diagnostics;
    // One warning per path, however many of its versions were over the limit.
    let large: BTreeSet<&String> = tally.stats.skipped_too_large.iter().collect();
    diagnostics.extend(large.into_iter().map(|path| Diagnostic::too_large(path, opts.max_file_size)));
    if tally.missing > 0 {
        diagnostics.push(missing_blobs(&repo, tally.missing));
    }

    let findings = provenance::first_sightings(tally.findings.into_iter().map(|d| (d.finding, d.commit)));
    let findings = boundary::drop_inherited(&repo, &commits, findings, engines, opts)?;
    let findings = provenance::attach(&repo, &commits, findings)?;
    let scope = HistoryScope {
        repository_uri: provenance::repository_uri(&repo),
        revision_id: repo.head_id().ok().map(|id| id.to_string()),
        branch: repo.head_name().ok().flatten().map(|name| name.as_bstr().to_string()),
        range: history.range_spec.clone(),
        commits: commits.len(),
    };
    let root = repo.workdir().unwrap_or_else(|| repo.git_dir()).to_path_buf();
    Ok(report(root, engines, tally.stats, tally.paths, findings, diagnostics, scope, started))
}

/// Read one blob (its size from the header first, so an oversized one is never inflated) and
/// scan it under its path; `None` when the object database does not have it.
fn read_and_scan(
    repo: &gix::Repository,
    job: &BlobJob,
    engines: &Engines,
    scratch: &mut crate::analyse::Scratch,
    opts: &ScanOptions,
) -> Option<Outcome> {
    let failed = |err: &dyn std::fmt::Display| {
        Some(Outcome::Failed(Diagnostic::error(&job.path, format!("cannot read blob {}: {err}", job.blob))))
    };
    match repo.find_header(job.blob) {
        Ok(header) if header.size() > opts.max_file_size => return Some(Outcome::TooLarge(job.path.clone())),
        Ok(_) => {}
        Err(_) if !repo.has_object(job.blob) => return None,
        Err(err) => return failed(&err),
    }
    match repo.find_blob(job.blob) {
        Ok(blob) => Some(scan::analyse_bytes(&job.path, None, &blob.data, engines, scratch, opts)),
        Err(err) => failed(&err),
    }
}

/// One diagnostic for the blobs the history names but the repository lacks. A partial clone (a
/// pack with a `.promisor` file beside it) leaves them out on purpose: a warning that says how
/// to get them. Anywhere else the repository is damaged: an error, so the gate fails closed.
fn missing_blobs(repo: &gix::Repository, count: usize) -> Diagnostic {
    let packs = repo.objects.store_ref().path().join("pack");
    let partial = std::fs::read_dir(&packs)
        .map(|dir| dir.flatten().any(|e| e.path().extension().is_some_and(|x| x == "promisor")))
        .unwrap_or(false);
    let path = repo.git_dir().display().to_string();
    if partial {
        Diagnostic {
            path,
            line: None,
            level: DiagnosticLevel::Warning,
            message: format!(
                "{count} blobs are not in this partial clone and were not scanned; a full clone (or `git fetch --refetch` without a filter) scans them"
            ),
        }
    } else {
        Diagnostic::error(&path, format!("{count} blobs the history names are missing from the repository"))
    }
}

/// The sorted report, as [`scan::run`] gives for a directory.
#[allow(clippy::too_many_arguments)]
fn report(
    root: PathBuf,
    engines: &Engines,
    mut stats: ScanStats,
    paths: BTreeSet<String>,
    mut findings: Vec<Finding>,
    mut diagnostics: Vec<Diagnostic>,
    scope: HistoryScope,
    started: Instant,
) -> ScanReport {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    stats.skipped_too_large.sort();
    let rules = scan::fired_rules(&findings, engines);
    let (suppressed, findings) = findings.into_iter().partition(|f| f.suppression.is_some());
    stats.elapsed = started.elapsed();
    ScanReport {
        root,
        findings,
        suppressed,
        baseline: None,
        files: paths.into_iter().collect(),
        diagnostics,
        rules,
        stats,
        history: Some(scope),
        shard: None,
    }
}
