//! Merging tollgate's JSON reports: findings, suppressed findings and diagnostics concatenated
//! and sorted as `scan` sorts them, rules once per id, counts summed, and the summary computed
//! again. The merged report names the shards it joined (`shards`) instead of one `shard`.

use super::{MergeFormat, Merged, shard_labels, sort_unique};
use crate::model::Severity;
use anyhow::{Context, Result};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

pub fn merge(docs: Vec<Value>) -> Result<Merged> {
    let inputs = docs.len();
    let mut docs = docs.into_iter();
    let mut out = docs.next().context("nothing to merge")?;
    let mut shards: Vec<String> = Vec::new();
    let mut take_shard = |doc: &mut Value| {
        if let Some(Value::String(s)) = doc.as_object_mut().and_then(|o| o.remove("shard")) {
            shards.push(s);
        }
    };
    take_shard(&mut out);
    for mut doc in docs {
        take_shard(&mut doc);
        for field in ["findings", "suppressed", "diagnostics", "rules"] {
            let more = take(&mut doc, field);
            array(&mut out, field).extend(more);
        }
        merge_stats(&mut out, doc.get("stats"));
        merge_baseline(&mut out, doc.get("baseline"));
    }
    for field in ["findings", "suppressed"] {
        sort_unique(array(&mut out, field), |f| {
            let r = |k: &str| f.pointer(&format!("/region/{k}")).and_then(Value::as_i64).unwrap_or(0);
            let rule = format!("{}\0{}", text(f, "rule_id"), text(f, "fingerprint"));
            (text(f, "path"), [r("start_line"), r("start_column"), r("end_line"), r("end_column")], rule)
        });
    }
    sort_unique(array(&mut out, "diagnostics"), |d| {
        (text(d, "path"), [d.get("line").and_then(Value::as_i64).unwrap_or(0), 0, 0, 0], text(d, "message"))
    });
    let rules = array(&mut out, "rules");
    let by_id: BTreeMap<String, Value> = rules.drain(..).map(|r| (text(&r, "id"), r)).collect();
    rules.extend(by_id.into_values());

    let open: Vec<Severity> = out["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f.get("severity").and_then(Value::as_str)?.parse().ok())
        .collect();
    let errors = out["diagnostics"].as_array().into_iter().flatten().any(|d| d["level"] == "error");
    out["summary"] = summary(&out);
    let shards = shard_labels(shards.into_iter());
    if !shards.is_empty() {
        out["shards"] = json!(shards);
    }
    Ok(Merged { format: MergeFormat::Json, document: out, open, errors, inputs })
}

fn text(v: &Value, field: &str) -> String {
    v.get(field).and_then(Value::as_str).unwrap_or_default().to_string()
}

fn take(doc: &mut Value, field: &str) -> Vec<Value> {
    match doc.get_mut(field).map(Value::take) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

fn array<'a>(doc: &'a mut Value, field: &str) -> &'a mut Vec<Value> {
    if !doc[field].is_array() {
        doc[field] = json!([]);
    }
    doc[field].as_array_mut().expect("just made an array")
}

/// Counts add up; the elapsed time is the slowest job's (they ran side by side).
fn merge_stats(out: &mut Value, other: Option<&Value>) {
    let Some(other) = other else { return };
    let stats = &mut out["stats"];
    for field in ["files_scanned", "bytes_scanned", "skipped_binary"] {
        let sum = stats[field].as_u64().unwrap_or(0) + other[field].as_u64().unwrap_or(0);
        stats[field] = json!(sum);
    }
    let elapsed = stats["elapsed"].as_f64().unwrap_or(0.0).max(other["elapsed"].as_f64().unwrap_or(0.0));
    stats["elapsed"] = json!(elapsed);
    let mut too_large: Vec<Value> = take(stats, "skipped_too_large");
    too_large.extend(other["skipped_too_large"].as_array().cloned().unwrap_or_default());
    too_large.sort_by_key(|v| v.as_str().unwrap_or_default().to_string());
    stats["skipped_too_large"] = Value::Array(too_large);
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    for source in [&stats["kinds"], &other["kinds"]] {
        for (kind, n) in source.as_object().into_iter().flatten() {
            *kinds.entry(kind.clone()).or_insert(0) += n.as_u64().unwrap_or(0);
        }
    }
    stats["kinds"] = json!(kinds);
}

/// Each shard matched its own files against the same baseline: matches add up, stale entries
/// (for the files each scanned) join.
fn merge_baseline(out: &mut Value, other: Option<&Value>) {
    let Some(other) = other.filter(|b| b.is_object()) else { return };
    if !out["baseline"].is_object() {
        out["baseline"] = other.clone();
        return;
    }
    let baseline = &mut out["baseline"];
    baseline["matched"] = json!(baseline["matched"].as_u64().unwrap_or(0) + other["matched"].as_u64().unwrap_or(0));
    let stale = array(baseline, "stale");
    stale.extend(other["stale"].as_array().cloned().unwrap_or_default());
    sort_unique(stale, |e| (text(e, "path"), [0; 4], format!("{}\0{}", text(e, "rule"), text(e, "fingerprint"))));
}

/// `summary` as the JSON writer computes it.
fn summary(out: &Value) -> Value {
    let mut counts: BTreeMap<Severity, usize> = BTreeMap::new();
    for f in out["findings"].as_array().into_iter().flatten() {
        if let Some(sev) = f.get("severity").and_then(Value::as_str).and_then(|s| s.parse().ok()) {
            *counts.entry(sev).or_insert(0) += 1;
        }
    }
    let by_severity: Map<String, Value> = counts.into_iter().rev().map(|(s, n)| (s.to_string(), json!(n))).collect();
    let suppressed = out["suppressed"].as_array().cloned().unwrap_or_default();
    let inline = suppressed
        .iter()
        .filter(|f| f.pointer("/suppression/kind").and_then(Value::as_str) == Some("in-source"))
        .count();
    json!({
        "findings": out["findings"].as_array().map_or(0, Vec::len),
        "by_severity": by_severity,
        "suppressed": {"inline": inline, "baseline": suppressed.len() - inline},
    })
}
