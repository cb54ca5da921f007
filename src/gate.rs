//! The pass/fail verdict and the exit code a pipeline sees.
//!
//! 0 pass, 1 the gate failed (a finding at or above the threshold), 2 error (usage, config,
//! or a file that could not be checked: the gate fails closed rather than pass unseen code).

use crate::model::Severity;
use crate::model::{DiagnosticLevel, ScanReport};
use std::fmt;

/// The lowest severity that fails the gate, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Info,
    /// Report only; findings never fail the gate (errors still do).
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Critical => Some(Severity::Critical),
            FailOn::High => Some(Severity::High),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::Low => Some(Severity::Low),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    Error,
}

impl Verdict {
    pub fn exit_code(self) -> i32 {
        match self {
            Verdict::Pass => 0,
            Verdict::Fail => 1,
            Verdict::Error => 2,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::Error => "ERROR",
        })
    }
}

/// Errors first (a scan that could not see everything cannot pass), then the threshold.
pub fn verdict(report: &ScanReport, fail_on: FailOn) -> Verdict {
    if report.diagnostics.iter().any(|d| d.level == DiagnosticLevel::Error) {
        return Verdict::Error;
    }
    if report.findings.iter().any(|f| f.fails_gate(fail_on.threshold())) { Verdict::Fail } else { Verdict::Pass }
}

/// The one-line summary printed on stderr after every scan.
pub fn summary_line(report: &ScanReport, verdict: Verdict, fail_on: FailOn) -> String {
    let s = &report.stats;
    let counts = report.count_by_severity();
    let by_sev: Vec<String> = counts.iter().rev().map(|(sev, n)| format!("{n} {sev}")).collect();
    let findings = match report.findings.len() {
        0 => "no findings".to_string(),
        n => format!("{n} finding{} ({})", if n == 1 { "" } else { "s" }, by_sev.join(", ")),
    };
    let mut skipped = Vec::new();
    if s.skipped_binary > 0 {
        skipped.push(format!("{} binary", s.skipped_binary));
    }
    if !s.skipped_too_large.is_empty() {
        skipped.push(format!("{} too large", s.skipped_too_large.len()));
    }
    let skipped = if skipped.is_empty() { String::new() } else { format!(", skipped {}", skipped.join(" and ")) };
    let suppressed = match report.suppressed_counts() {
        (0, 0) => String::new(),
        (inline, 0) => format!(", {inline} suppressed inline"),
        (0, baselined) => format!(", {baselined} baselined"),
        (inline, baselined) => format!(", {inline} suppressed inline, {baselined} baselined"),
    };
    let stale = match report.baseline.as_ref().map_or(0, |b| b.stale.len()) {
        0 => String::new(),
        n => format!(", {n} stale baseline entr{}", if n == 1 { "y" } else { "ies" }),
    };
    let errors = report.diagnostics.iter().filter(|d| d.level == DiagnosticLevel::Error).count();
    let errors =
        if errors > 0 { format!("; {errors} error{}", if errors == 1 { "" } else { "s" }) } else { String::new() };
    let threshold = match fail_on.threshold() {
        Some(t) => format!("fail-on {t}"),
        None => "fail-on never".to_string(),
    };
    // A history scan reads blobs (each distinct content once), not files.
    let (unit, commits) = match &report.history {
        Some(h) => ("blob", format!(" from {} commit{}", h.commits, if h.commits == 1 { "" } else { "s" })),
        None => ("file", String::new()),
    };
    let shard = report.shard.as_ref().map_or(String::new(), |k| format!(" (shard {k})"));
    format!(
        "tollgate{shard}: scanned {} {unit}{}{commits} ({}){skipped} in {:.2}s: {findings}{suppressed}{stale}{errors}; verdict {verdict} ({threshold})",
        s.files_scanned,
        if s.files_scanned == 1 { "" } else { "s" },
        human_bytes(s.bytes_scanned),
        s.elapsed.as_secs_f64(),
    )
}

pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{n} B") } else { format!("{v:.1} {}", UNITS[unit]) }
}
