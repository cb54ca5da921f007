//! One scan, top to bottom: discover the files, analyse each one in parallel (classify, then
//! every engine), and gather a sorted [`ScanReport`].
//!
//! Workers share the engines read-only and never share mutable state; results are merged and
//! sorted once at the end so reports are deterministic whatever the thread count.

use crate::catalog::RuleInfo;
use crate::classify::classify;
use crate::discover::{Candidate, DiscoverOptions, discover};
use crate::finding::Finding;
use crate::report::{Diagnostic, ScanReport, ScanStats};
use crate::secrets::{self, SecretScanner};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::time::Instant;

/// How many leading bytes are sniffed for a NUL to call a file binary.
const BINARY_SNIFF: usize = 8 * 1024;

/// The engines a scan runs, built once and shared read-only by every worker.
pub struct Engines {
    pub secrets: SecretScanner,
}

/// One worker's reusable state for all engines.
pub struct Scratch {
    secrets: secrets::Scratch,
}

impl Engines {
    pub fn scratch(&self) -> Scratch {
        Scratch { secrets: self.secrets.scratch() }
    }
}

#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub discover: DiscoverOptions,
    /// Mask secrets in every output (the default).
    pub redact: bool,
}

/// What analysing one file produced.
enum Outcome {
    Scanned { kind: String, bytes: u64, findings: Vec<Finding> },
    Binary,
    Failed(Diagnostic),
}

pub fn run(opts: &ScanOptions, engines: &Engines) -> anyhow::Result<ScanReport> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.discover.threads).build()?;
    let found = discover(&opts.discover)?;
    let outcomes: Vec<Outcome> = pool.install(|| {
        found
            .files
            .par_iter()
            .map_init(|| engines.scratch(), |scratch, c| analyse(c, engines, scratch, opts.redact))
            .collect()
    });

    let mut stats = ScanStats { skipped_too_large: found.too_large, ..ScanStats::default() };
    let mut findings = Vec::new();
    let mut diagnostics = found.diagnostics;
    for outcome in outcomes {
        match outcome {
            Outcome::Scanned { kind, bytes, findings: mut f } => {
                stats.files_scanned += 1;
                stats.bytes_scanned += bytes;
                *stats.kinds.entry(kind).or_insert(0) += 1;
                findings.append(&mut f);
            }
            Outcome::Binary => stats.skipped_binary += 1,
            Outcome::Failed(d) => diagnostics.push(d),
        }
    }
    findings.sort_by(|a, b| (&a.path, a.region, &a.rule_id).cmp(&(&b.path, b.region, &b.rule_id)));
    diagnostics.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    let rules = fired_rules(&findings, engines);
    stats.elapsed = started.elapsed();
    Ok(ScanReport { root: opts.discover.root.clone(), findings, diagnostics, rules, stats })
}

/// Scan one in-memory file through every engine (also what tests and benches call).
pub fn analyse_bytes(
    display: &str,
    bytes: &[u8],
    engines: &Engines,
    scratch: &mut Scratch,
    redact: bool,
) -> Vec<Finding> {
    engines.secrets.findings(&mut scratch.secrets, display, bytes, redact)
}

fn analyse(c: &Candidate, engines: &Engines, scratch: &mut Scratch, redact: bool) -> Outcome {
    let bytes = match std::fs::read(&c.path) {
        Ok(b) => b,
        Err(err) => return Outcome::Failed(Diagnostic::error(&c.display, format!("cannot read: {err}"))),
    };
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return Outcome::Binary;
    }
    let kind = classify(&c.display, &bytes);
    Outcome::Scanned {
        kind: kind.name(),
        bytes: bytes.len() as u64,
        findings: analyse_bytes(&c.display, &bytes, engines, scratch, redact),
    }
}

fn fired_rules(findings: &[Finding], engines: &Engines) -> Vec<RuleInfo> {
    let mut ids: BTreeMap<&str, ()> = BTreeMap::new();
    for f in findings {
        ids.insert(&f.rule_id, ());
    }
    engines
        .secrets
        .rules()
        .iter()
        .filter(|r| ids.contains_key(r.id()))
        .map(|r| (r.id(), RuleInfo::from_secret_rule(r)))
        .collect::<BTreeMap<_, _>>()
        .into_values()
        .collect()
}
