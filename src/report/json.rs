//! Machine-readable JSON: every finding (redacted as configured), diagnostics, stats and the
//! metadata of the rules that fired. The shape is documented in the README and kept stable.

use crate::model::ScanReport;
use serde_json::json;
use std::io::Write;

pub fn write(report: &ScanReport, out: &mut dyn Write) -> anyhow::Result<()> {
    let by_severity: serde_json::Map<String, serde_json::Value> =
        report.count_by_severity().into_iter().rev().map(|(sev, n)| (sev.to_string(), json!(n))).collect();
    let (inline, baselined) = report.suppressed_counts();
    let mut doc = json!({
        "tool": {"name": "tollgate", "version": env!("CARGO_PKG_VERSION")},
        "root": report.root.display().to_string(),
        "findings": report.findings,
        "suppressed": report.suppressed,
        "baseline": report.baseline,
        "diagnostics": report.diagnostics,
        "rules": report.rules,
        "summary": {
            "findings": report.findings.len(),
            "by_severity": by_severity,
            "suppressed": {"inline": inline, "baseline": baselined},
        },
        "stats": report.stats,
    });
    if let Some(shard) = &report.shard {
        doc["shard"] = json!(shard);
    }
    if let Some(history) = &report.history {
        doc["history"] = json!(history);
    }
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
