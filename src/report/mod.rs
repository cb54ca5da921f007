//! Turning a [`ScanReport`] into what people and tools read: one module per output format.

pub mod json;
pub mod sarif;
pub mod text;

use crate::catalog::RuleInfo;
use crate::finding::{Finding, Severity};
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
    /// Sorted by path, line, column, rule.
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    /// Metadata for every rule that produced a finding, sorted by id.
    pub rules: Vec<RuleInfo>,
    pub stats: ScanStats,
}

impl ScanReport {
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
    /// Machine-readable JSON: findings, diagnostics and stats.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

/// Write `report` as `format`. `color` applies to text only.
pub fn write(report: &ScanReport, format: Format, color: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        Format::Text => text::write(report, color, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
    }
}
