//! Turning a [`ScanReport`] into what people and tools read: one module per output format.

pub mod github;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

use crate::catalog::RuleInfo;
use crate::finding::{Finding, Severity, SuppressionKind};
use crate::suppress::{Baseline, BaselineOutcome};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// A problem with the scan itself (a file that could not be read or parsed), not with the code.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub level: DiagnosticLevel,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagnosticLevel {
    /// The file could not be checked: the gate fails closed.
    Error,
    Warning,
}

impl Diagnostic {
    pub fn error(path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { path: path.to_string(), line: None, level: DiagnosticLevel::Error, message: message.into() }
    }
}

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
    /// Accept the findings `baseline` lists; see [`Baseline::apply`].
    pub fn apply_baseline(&mut self, baseline: &Baseline) {
        let scanned = self.files.iter().map(String::as_str).collect();
        let outcome = baseline.apply(&mut self.findings, &mut self.suppressed, &scanned);
        self.suppressed.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.baseline = Some(outcome);
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, grouped by file.
    Text,
    /// Machine-readable JSON: findings, suppressed findings, diagnostics and stats.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML, for CodeBuild report groups, GitLab and Jenkins test reports.
    Junit,
}

/// What a format may need beyond the report.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Colour the text report.
    pub color: bool,
    /// The gate's threshold: JUnit marks findings at or above it as failures.
    pub threshold: Option<Severity>,
}

/// Write `report` as `format`.
pub fn write(report: &ScanReport, format: Format, opts: WriteOptions, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        Format::Text => text::write(report, opts.color, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
        Format::Junit => junit::write(report, opts.threshold, out),
    }
}
