//! Turning a [`ScanReport`] into what people and tools read: one module per output format.
//!
//! Writers only write: what is suppressed, what fails the gate and every finding's identity are
//! decided before a report is written ([`crate::suppress`], [`crate::gate`],
//! [`crate::fingerprint`]); a writer reads the [`crate::model`] types and nothing else of the
//! scan.

pub mod github;
pub mod gitlab_codequality;
pub mod gitlab_security;
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
    /// GitLab SAST security report of the misconfigurations, for `artifacts:reports:sast`.
    GitlabSast,
    /// GitLab Secret Detection security report of the secrets, for
    /// `artifacts:reports:secret_detection`.
    GitlabSecretDetection,
    /// GitLab Code Quality report (Code Climate JSON), for `artifacts:reports:codequality`.
    GitlabCodequality,
}

/// What a format may need beyond the report.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions<'a> {
    /// Colour the text report.
    pub color: bool,
    /// The gate's threshold: JUnit marks findings at or above it as failures.
    pub threshold: Option<Severity>,
    /// The SARIF run's category (`automationDetails.id` is `CATEGORY/`) [default: tollgate].
    pub category: Option<&'a str>,
}

/// Write `report` as `format`.
pub fn write(report: &ScanReport, format: Format, opts: WriteOptions, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        Format::Text => text::write(report, opts.color, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, opts.category, out),
        Format::Github => github::write(report, out),
        Format::Junit => junit::write(report, opts.threshold, out),
        Format::GitlabSast => gitlab_security::write(report, gitlab_security::ReportType::Sast, out),
        Format::GitlabSecretDetection => {
            gitlab_security::write(report, gitlab_security::ReportType::SecretDetection, out)
        }
        Format::GitlabCodequality => gitlab_codequality::write(report, out),
    }
}
