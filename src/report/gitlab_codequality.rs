//! GitLab Code Quality report: the Code Climate issue format's subset that GitLab reads
//! (`description`, `check_name`, `fingerprint`, `severity`, `location.path`,
//! `location.lines.begin`), for `artifacts:reports:codequality`. Unlike the security reports it
//! needs no paid tier, so every GitLab merge request can show tollgate's findings inline.
//!
//! One entry per finding that counts against the gate. GitLab matches issues between the
//! source and target branch by `fingerprint`, so it must not depend on the line: tollgate's
//! fingerprint already does not; a repeated one (the same secret twice in a file) gets the
//! occurrence number appended, since GitLab would otherwise fold the two into one.

use super::ScanReport;
use crate::finding::Severity;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;

pub fn write(report: &ScanReport, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(report))?;
    writeln!(out)?;
    Ok(())
}

pub fn build(report: &ScanReport) -> Value {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let issues: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let n = seen.entry(&f.fingerprint).or_insert(0);
            *n += 1;
            let fingerprint = if *n == 1 { f.fingerprint.clone() } else { format!("{}-{n}", f.fingerprint) };
            json!({
                "type": "issue",
                "check_name": f.rule_id,
                "description": f.message,
                "categories": ["Security"],
                "fingerprint": fingerprint,
                "severity": severity(f.severity),
                "location": {
                    "path": f.path,
                    "lines": { "begin": f.region.start_line, "end": f.region.end_line.max(f.region.start_line) },
                },
            })
        })
        .collect();
    Value::Array(issues)
}

/// Code Climate's severity words, one step per tollgate severity.
fn severity(sev: Severity) -> &'static str {
    match sev {
        Severity::Critical => "blocker",
        Severity::High => "critical",
        Severity::Medium => "major",
        Severity::Low => "minor",
        Severity::Info => "info",
    }
}
