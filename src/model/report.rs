//! The whole result of one scan ([`ScanReport`]), ready for any report format: the findings
//! that count, the ones accepted (inline or by the baseline), the scan's own diagnostics, the
//! metadata of every rule that fired, and counts ([`ScanStats`]).

use crate::model::diagnostic::Diagnostic;
use crate::model::finding::{Finding, Severity, SuppressionKind};
use crate::model::rule::RuleInfo;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// Counts that describe the scan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ScanStats {
    pub files_scanned: usize,
    pub bytes_scanned: u64,
    pub skipped_binary: usize,
    /// Files over the size limit, by path.
    pub skipped_too_large: Vec<String>,
    /// Scanned files per kind (`terraform`, `source(python)`, ...).
    pub kinds: BTreeMap<String, usize>,
    #[serde(serialize_with = "as_secs")]
    pub elapsed: Duration,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

/// Everything a scan found, ready for any report format.
#[derive(Debug, Clone)]
pub struct ScanReport {
    /// Reported paths are relative to this directory.
    pub root: PathBuf,
    /// Findings that count against the gate, sorted by path, line, column, rule.
    pub findings: Vec<Finding>,
    /// Findings accepted by an inline comment or the baseline (each has a `suppression`), sorted
    /// like `findings`.
    pub suppressed: Vec<Finding>,
    /// What the `--baseline` file matched, when one was given.
    pub baseline: Option<BaselineOutcome>,
    /// Every file scanned, as displayed.
    pub files: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Metadata for every rule that produced a finding (suppressed ones too), sorted by id.
    pub rules: Vec<RuleInfo>,
    pub stats: ScanStats,
    /// What a history scan (`scan --history`) covered; `None` for other scans.
    pub history: Option<HistoryScope>,
    /// The slice of the scan this report covers (`scan --shard K/N`), as `K/N`; `None` for a
    /// whole scan.
    pub shard: Option<String>,
}

/// The repository and commits a history scan covered: SARIF's `versionControlProvenance`, the
/// JSON report's `history` and the summary line read it.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryScope {
    /// The `origin` remote's URL, else a `file://` URI of the repository's directory.
    pub repository_uri: String,
    /// The commit `HEAD` points at, if it points at one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision_id: Option<String>,
    /// The branch `HEAD` names (`refs/heads/main`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// The range asked for (`A..B`), if any; else every commit reachable from a reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    /// How many commits were walked.
    pub commits: usize,
}

impl ScanReport {
    /// Leave out every finding (reported or suppressed) below `min`, and the rules only they
    /// used; returns how many were left out.
    pub fn keep_at_least(&mut self, min: Severity) -> usize {
        let before = self.findings.len() + self.suppressed.len();
        self.findings.retain(|f| f.severity >= min);
        self.suppressed.retain(|f| f.severity >= min);
        let used: std::collections::HashSet<&str> =
            self.findings.iter().chain(&self.suppressed).map(|f| f.rule_id.as_str()).collect();
        self.rules.retain(|r| used.contains(r.id.as_str()));
        before - self.findings.len() - self.suppressed.len()
    }

    /// How many suppressed findings were accepted in source and how many by the baseline.
    pub fn suppressed_counts(&self) -> (usize, usize) {
        let inline = self
            .suppressed
            .iter()
            .filter(|f| f.suppression.as_ref().is_some_and(|s| s.kind == SuppressionKind::InSource))
            .count();
        (inline, self.suppressed.len() - inline)
    }

    pub fn count_by_severity(&self) -> BTreeMap<Severity, usize> {
        let mut counts = BTreeMap::new();
        for f in &self.findings {
            *counts.entry(f.severity).or_insert(0) += 1;
        }
        counts
    }
}

/// One accepted finding in a baseline file: (fingerprint, rule, path), never a line or a secret.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// Path first so the sorted file reads file by file.
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BaselineOutcome {
    pub file: String,
    /// Findings the baseline accepted.
    pub matched: usize,
    /// Entries for scanned files that no longer match any finding (fixed, or moved to another
    /// file): they can be dropped by writing the baseline again.
    pub stale: Vec<BaselineEntry>,
}
