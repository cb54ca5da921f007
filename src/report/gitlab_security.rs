//! GitLab security reports (schema 15.x), which feed the merge-request security widget, the
//! pipeline's Security tab and the vulnerability report. GitLab reads one report type per
//! artifact, so a scan gives two: `gitlab-secret-detection` holds the secret findings
//! (`artifacts:reports:secret_detection`) and `gitlab-sast` the misconfigurations
//! (`artifacts:reports:sast`); `--output-format` writes both from one run.
//!
//! Only findings that count against the gate are listed: the schema has no way to mark one as
//! accepted, and GitLab would reopen what a baseline or an inline comment closed. Diagnostics
//! (files that could not be checked) become `scan.messages`, and an error among them makes the
//! scan's status `failure`. Secrets appear only as the redacted message; the report never
//! carries the matched text. GitLab validates `start_time`/`end_time` against a pattern without
//! a time zone, so they are written in UTC without one.

use super::{DiagnosticLevel, ScanReport};
use crate::finding::{Engine, Finding, Severity};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// The schema version the reports follow (the first 15.x, which GitLab 16 and 17 accept).
pub const SCHEMA_VERSION: &str = "15.0.0";

/// Which GitLab report: it decides which findings go in and the `scan.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportType {
    /// Policy (misconfiguration) findings.
    Sast,
    /// Secret findings.
    SecretDetection,
}

impl ReportType {
    fn scan_type(self) -> &'static str {
        match self {
            ReportType::Sast => "sast",
            ReportType::SecretDetection => "secret_detection",
        }
    }

    fn holds(self, f: &Finding) -> bool {
        match self {
            ReportType::Sast => f.engine == Engine::Policy,
            ReportType::SecretDetection => f.engine == Engine::Secret,
        }
    }
}

pub fn write(report: &ScanReport, kind: ReportType, out: &mut dyn Write) -> anyhow::Result<()> {
    let end = chrono::Utc::now();
    let start = end - chrono::Duration::from_std(report.stats.elapsed).unwrap_or_default();
    let doc = build(report, kind, (start.naive_utc(), end.naive_utc()));
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}

/// The report for `report`, for a scan that ran over `times` (start, end; UTC).
pub fn build(report: &ScanReport, kind: ReportType, times: (chrono::NaiveDateTime, chrono::NaiveDateTime)) -> Value {
    let titles: BTreeMap<&str, &str> = report.rules.iter().map(|r| (r.id.as_str(), r.title.as_str())).collect();
    let references: BTreeMap<&str, &str> =
        report.rules.iter().filter_map(|r| r.references.first().map(|u| (r.id.as_str(), u.as_str()))).collect();
    let remediation: BTreeMap<&str, &str> =
        report.rules.iter().filter_map(|r| r.remediation.as_deref().map(|fix| (r.id.as_str(), fix))).collect();
    // A finding's fingerprint names the rule, the file and the secret or setting, so the same
    // secret twice in one file shares it: the occurrence number keeps ids unique.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let commit = std::env::var("CI_COMMIT_SHA").unwrap_or_else(|_| "0".repeat(40));
    let vulnerabilities: Vec<Value> = report
        .findings
        .iter()
        .filter(|f| kind.holds(f))
        .map(|f| {
            let n = seen.entry(&f.fingerprint).or_insert(0);
            *n += 1;
            let id = if *n == 1 { f.fingerprint.clone() } else { format!("{}-{n}", f.fingerprint) };
            let mut location = json!({
                "file": f.path,
                "start_line": f.region.start_line,
                "end_line": f.region.end_line.max(f.region.start_line),
            });
            if kind == ReportType::SecretDetection {
                location["commit"] = json!({ "sha": commit });
            }
            let mut identifier = json!({ "type": "tollgate_rule_id", "name": f.rule_id, "value": f.rule_id });
            if let Some(url) = references.get(f.rule_id.as_str()) {
                identifier["url"] = json!(url);
            }
            let mut description = f.message.clone();
            if let Some(fix) = remediation.get(f.rule_id.as_str()) {
                description.push_str(&format!("\n\nRemediation: {fix}"));
            }
            json!({
                "id": id,
                "name": truncate(titles.get(f.rule_id.as_str()).copied().unwrap_or(&f.rule_id), 255),
                "description": truncate(&description, 1_048_576),
                "severity": severity(f.severity),
                "identifiers": [identifier],
                "location": location,
            })
        })
        .collect();
    let messages: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.line.map_or_else(|| d.path.clone(), |l| format!("{}:{l}", d.path));
            json!({
                "level": match d.level { DiagnosticLevel::Error => "fatal", DiagnosticLevel::Warning => "warn" },
                "value": format!("{at}: {}", d.message),
            })
        })
        .collect();
    let failed = report.diagnostics.iter().any(|d| d.level == DiagnosticLevel::Error);
    let tool = json!({
        "id": "tollgate",
        "name": "tollgate",
        "version": env!("CARGO_PKG_VERSION"),
        "url": env!("CARGO_PKG_HOMEPAGE"),
        "vendor": { "name": "tollgate" },
    });
    json!({
        "version": SCHEMA_VERSION,
        "scan": {
            "analyzer": tool,
            "scanner": tool,
            "type": kind.scan_type(),
            "status": if failed { "failure" } else { "success" },
            "start_time": times.0.format("%Y-%m-%dT%H:%M:%S").to_string(),
            "end_time": times.1.format("%Y-%m-%dT%H:%M:%S").to_string(),
            "messages": messages,
        },
        "vulnerabilities": vulnerabilities,
    })
}

/// GitLab's severity words.
fn severity(sev: Severity) -> &'static str {
    match sev {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

/// At most `max` characters (the schema's `maxLength`), cut at a character boundary.
fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("héllo", 2), "hé");
        assert_eq!(truncate("hi", 5), "hi");
    }
}
