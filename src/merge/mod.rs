//! `tollgate merge OUT IN...`: join the reports of the jobs of a CI matrix (`scan --shard K/N`)
//! into one, and gate on the whole.
//!
//! Two formats, told apart by their content: SARIF 2.1.0 logs ([`sarif`], one run per tool and
//! category, as GitHub code scanning requires) and tollgate's own JSON report ([`json`]). Every
//! input must be of the same format. The merged report is written in that format; its verdict is
//! computed again from the merged findings with `--fail-on`, exactly as `scan` computes it: an
//! error (a failed invocation, an error notification or diagnostic) first, then any finding
//! that is not suppressed at or above the threshold.
//!
//! The inputs are plain JSON values: what tollgate does not know (properties, other tools'
//! fields) passes through untouched, and the output is deterministic whatever order the inputs
//! come in.

pub mod json;
pub mod sarif;

use crate::gate::{FailOn, Verdict};
use crate::model::Severity;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The formats `merge` reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeFormat {
    Sarif,
    Json,
}

/// One merged report and what the gate makes of it.
#[derive(Debug)]
pub struct Merged {
    pub format: MergeFormat,
    pub document: Value,
    /// Findings that count (not suppressed), by severity.
    pub open: Vec<Severity>,
    /// Whether any input says its scan could not see everything.
    pub errors: bool,
    /// How many runs (SARIF) or reports (JSON) were joined.
    pub inputs: usize,
}

impl Merged {
    /// `scan`'s verdict for the merged findings.
    pub fn verdict(&self, fail_on: FailOn) -> Verdict {
        if self.errors {
            Verdict::Error
        } else if self.open.iter().any(|s| fail_on.threshold().is_some_and(|t| *s >= t)) {
            Verdict::Fail
        } else {
            Verdict::Pass
        }
    }

    /// The one-line summary `merge` prints on standard error.
    pub fn summary_line(&self, fail_on: FailOn) -> String {
        let mut counts = std::collections::BTreeMap::new();
        for s in &self.open {
            *counts.entry(*s).or_insert(0) += 1;
        }
        let by_sev: Vec<String> = counts.iter().rev().map(|(sev, n)| format!("{n} {sev}")).collect();
        let findings = match self.open.len() {
            0 => "no findings".to_string(),
            n => format!("{n} finding{} ({})", if n == 1 { "" } else { "s" }, by_sev.join(", ")),
        };
        let threshold = fail_on.threshold().map_or("fail-on never".to_string(), |t| format!("fail-on {t}"));
        let what = match self.format {
            MergeFormat::Sarif => "SARIF runs",
            MergeFormat::Json => "JSON reports",
        };
        format!(
            "tollgate merge: {} {what} joined: {findings}{}; verdict {} ({threshold})",
            self.inputs,
            if self.errors { "; errors reported" } else { "" },
            self.verdict(fail_on)
        )
    }

    pub fn to_pretty(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(&self.document)? + "\n")
    }
}

/// Which format a document is: a SARIF log has `runs`, a tollgate report `findings`.
pub fn detect(doc: &Value) -> Option<MergeFormat> {
    if doc.get("runs").is_some_and(Value::is_array) {
        Some(MergeFormat::Sarif)
    } else if doc.get("findings").is_some_and(Value::is_array) && doc.pointer("/tool/name").is_some() {
        Some(MergeFormat::Json)
    } else {
        None
    }
}

/// Merge already-parsed documents (named for error messages).
pub fn merge_documents(docs: Vec<(String, Value)>) -> Result<Merged> {
    let Some((first_name, first)) = docs.first() else { bail!("nothing to merge: name at least one input") };
    let format = detect(first).with_context(|| {
        format!("{first_name}: neither a SARIF log (`runs`) nor a tollgate JSON report (`findings`)")
    })?;
    for (name, doc) in &docs {
        if detect(doc) != Some(format) {
            bail!("{name}: not the same format as {first_name}; merge SARIF with SARIF and JSON with JSON");
        }
    }
    let docs: Vec<Value> = docs.into_iter().map(|(_, d)| d).collect();
    match format {
        MergeFormat::Sarif => sarif::merge(docs),
        MergeFormat::Json => json::merge(docs),
    }
}

/// Read and merge the files `inputs` (`-` is standard input, at most once).
pub fn merge_files(inputs: &[PathBuf]) -> Result<Merged> {
    let mut docs = Vec::with_capacity(inputs.len());
    for path in inputs {
        docs.push((path.display().to_string(), read(path)?));
    }
    merge_documents(docs)
}

fn read(path: &Path) -> Result<Value> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin().lock()).context("cannot read standard input")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
    };
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

/// Write `merged` to `out` (`-`: standard output), creating its directories.
pub fn write(merged: &Merged, out: &Path) -> Result<()> {
    let text = merged.to_pretty()?;
    if out.as_os_str() == "-" {
        use std::io::Write;
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(());
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(out, text).with_context(|| format!("cannot write {}", out.display()))
}

/// The shard labels (`K/N`) the inputs carried, sorted by K, for the merged report to name.
fn shard_labels(labels: impl Iterator<Item = String>) -> Vec<String> {
    let mut labels: Vec<String> = labels.collect();
    labels.sort_by_key(|l| l.split_once('/').and_then(|(k, _)| k.parse::<u32>().ok()).unwrap_or(u32::MAX));
    labels.dedup();
    labels
}

/// What merged items are ordered by: a location (a path or URI, then line, column, end line,
/// end column) and a tie-breaker (rule and fingerprint, or a message).
pub(crate) type SortKey = (String, [i64; 4], String);

/// Sort by `key` then by the whole value (a total order, whatever order the inputs came in),
/// dropping exact duplicates (the same report given twice).
pub(crate) fn sort_unique(items: &mut Vec<Value>, key: impl Fn(&Value) -> SortKey) {
    let mut keyed: Vec<(SortKey, String, Value)> = items.drain(..).map(|v| (key(&v), v.to_string(), v)).collect();
    keyed.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    keyed.dedup_by(|a, b| a.1 == b.1);
    items.extend(keyed.into_iter().map(|(_, _, v)| v));
}
