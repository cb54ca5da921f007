//! Turning a [`ScanReport`] into what people and tools read: one module per output format.
//!
//! Writers only write: what is suppressed, what fails the gate and every finding's identity are
//! decided before a report is written ([`crate::suppress`], [`crate::gate`],
//! [`crate::fingerprint`]); a writer reads the [`crate::model`] types and nothing else of the
//! scan.

pub mod github;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

use crate::model::{ScanReport, Severity};
use std::io::Write;

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
