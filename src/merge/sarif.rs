//! Merging SARIF logs: the runs of every input, grouped by tool and category, each group
//! becoming one run.
//!
//! A run's category is its `automationDetails.id` up to the last `/` (GitHub's reading), so the
//! shards' `tollgate/shard-2-of-3` runs join as one `tollgate/` run, which GitHub accepts as the
//! single run of that category in the file. In each merged run: the driver's rules once per id,
//! sorted by id (results' `ruleIndex` renumbered to match); results and notifications from all
//! the runs in a deterministic order (by location, then rule or message), exact duplicates once;
//! one invocation whose `executionSuccessful` holds only if every run's did.

use super::{MergeFormat, Merged, SortKey, shard_labels, sort_unique};
use crate::model::Severity;
use anyhow::{Context, Result};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The tool and category runs are grouped by.
type RunKey = (String, String);

pub fn merge(docs: Vec<Value>) -> Result<Merged> {
    let mut groups: BTreeMap<RunKey, Vec<Value>> = BTreeMap::new();
    let mut schema = None;
    let mut inputs = 0;
    for mut doc in docs {
        schema = schema.or_else(|| doc.get("$schema").cloned());
        let runs = doc.get_mut("runs").and_then(Value::as_array_mut).context("a SARIF log without runs")?;
        for run in runs.drain(..) {
            inputs += 1;
            groups.entry(key(&run)).or_default().push(run);
        }
    }
    let mut open = Vec::new();
    let mut errors = false;
    let mut runs = Vec::new();
    for ((_, category), group) in groups {
        let run = merge_runs(group, &category)?;
        errors |= failed(&run);
        open.extend(open_severities(&run));
        runs.push(run);
    }
    let mut document = Map::new();
    document.insert("$schema".into(), schema.unwrap_or_else(|| json!("https://json.schemastore.org/sarif-2.1.0.json")));
    document.insert("version".into(), json!("2.1.0"));
    document.insert("runs".into(), Value::Array(runs));
    Ok(Merged { format: MergeFormat::Sarif, document: Value::Object(document), open, errors, inputs })
}

fn key(run: &Value) -> RunKey {
    let tool = run.pointer("/tool/driver/name").and_then(Value::as_str).unwrap_or_default().to_string();
    (tool, category(run).unwrap_or_default())
}

/// The category part of `automationDetails.id` (before the last `/`; the whole id without one).
fn category(run: &Value) -> Option<String> {
    let id = run.pointer("/automationDetails/id").and_then(Value::as_str)?;
    Some(id.rsplit_once('/').map_or(id, |(category, _)| category).to_string())
}

fn merge_runs(group: Vec<Value>, category: &str) -> Result<Value> {
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    let mut invoked = false;
    let mut successful = true;
    let mut shards = Vec::new();
    let mut base: Option<Value> = None;
    for mut run in group {
        let driver_rules = run.pointer_mut("/tool/driver/rules").and_then(Value::as_array_mut).map(std::mem::take);
        let driver_rules = driver_rules.unwrap_or_default();
        for rule in &driver_rules {
            if let Some(id) = rule.get("id").and_then(Value::as_str) {
                rules.entry(id.to_string()).or_insert_with(|| rule.clone());
            }
        }
        for mut result in take_array(&mut run, "results") {
            // The index into this run's rules becomes the rule's id until renumbered below.
            if result.get("ruleId").is_none()
                && let Some(i) = result.get("ruleIndex").and_then(Value::as_u64)
                && let Some(id) = driver_rules.get(i as usize).and_then(|r| r.get("id")).cloned()
            {
                result["ruleId"] = id;
            }
            results.push(result);
        }
        for mut invocation in take_array(&mut run, "invocations") {
            invoked = true;
            successful &= invocation.get("executionSuccessful").and_then(Value::as_bool).unwrap_or(true);
            notifications.extend(take_array(&mut invocation, "toolExecutionNotifications"));
        }
        if let Some(props) = run.get_mut("properties").and_then(Value::as_object_mut)
            && let Some(Value::String(shard)) = props.remove("shard")
        {
            shards.push(shard);
        }
        base.get_or_insert(run);
    }
    let mut run = base.context("an empty group of runs")?;
    let rules: Vec<Value> = rules.into_values().collect();
    let index: BTreeMap<String, usize> =
        rules.iter().enumerate().filter_map(|(i, r)| Some((r.get("id")?.as_str()?.to_string(), i))).collect();
    for result in &mut results {
        if let Some(i) = result.get("ruleId").and_then(Value::as_str).and_then(|id| index.get(id)) {
            result["ruleIndex"] = json!(i);
        }
    }
    sort_unique(&mut results, result_key);
    sort_unique(&mut notifications, notification_key);
    if let Some(driver) = run.pointer_mut("/tool/driver").and_then(Value::as_object_mut)
        && !rules.is_empty()
    {
        driver.insert("rules".into(), Value::Array(rules));
    }
    let run_obj = run.as_object_mut().context("a SARIF run that is not an object")?;
    run_obj.insert("results".into(), Value::Array(results));
    if invoked {
        let mut invocation = Map::new();
        invocation.insert("executionSuccessful".into(), json!(successful));
        if !notifications.is_empty() {
            invocation.insert("toolExecutionNotifications".into(), Value::Array(notifications));
        }
        run_obj.insert("invocations".into(), json!([invocation]));
    }
    if run_obj.contains_key("automationDetails") {
        run_obj.insert("automationDetails".into(), json!({"id": format!("{category}/")}));
    }
    let shards = shard_labels(shards.into_iter());
    if !shards.is_empty() {
        let props = run_obj.entry("properties").or_insert_with(|| json!({}));
        if let Some(props) = props.as_object_mut() {
            props.insert("shards".into(), json!(shards));
        }
    }
    if run_obj.get("properties").and_then(Value::as_object).is_some_and(Map::is_empty) {
        run_obj.remove("properties");
    }
    Ok(run)
}

fn take_array(v: &mut Value, field: &str) -> Vec<Value> {
    match v.get_mut(field).map(Value::take) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

fn location_key(loc: Option<&Value>) -> (String, [i64; 4]) {
    let physical = loc.and_then(|l| l.get("physicalLocation"));
    let uri = physical.and_then(|p| p.pointer("/artifactLocation/uri")).and_then(Value::as_str).unwrap_or_default();
    let region = physical.and_then(|p| p.get("region"));
    let n = |f: &str| region.and_then(|r| r.get(f)).and_then(Value::as_i64).unwrap_or(0);
    (uri.to_string(), [n("startLine"), n("startColumn"), n("endLine"), n("endColumn")])
}

fn result_key(result: &Value) -> SortKey {
    let (uri, region) = location_key(result.pointer("/locations/0"));
    let rule = result.get("ruleId").and_then(Value::as_str).unwrap_or_default();
    // tollgate's own fingerprint breaks ties as `scan` breaks them.
    let fingerprint =
        result.pointer(&format!("/partialFingerprints/{}", crate::sarif_location::FINGERPRINT_KEY.replace('/', "~1")));
    (uri, region, format!("{rule}\0{}", fingerprint.and_then(Value::as_str).unwrap_or_default()))
}

fn notification_key(n: &Value) -> SortKey {
    let (uri, region) = location_key(n.pointer("/locations/0"));
    (uri, region, n.pointer("/message/text").and_then(Value::as_str).unwrap_or_default().to_string())
}

/// Whether a merged run reports that its scan failed: a failed invocation or an error
/// notification, as `scan` exits 2 for an error diagnostic.
fn failed(run: &Value) -> bool {
    run.get("invocations").and_then(Value::as_array).into_iter().flatten().any(|inv| {
        inv.get("executionSuccessful").and_then(Value::as_bool) == Some(false)
            || inv
                .get("toolExecutionNotifications")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|n| n.get("level").and_then(Value::as_str) == Some("error"))
    })
}

/// The severity of every result that is not suppressed (an accepted suppression; a rejected or
/// under-review one still counts, as GitHub keeps it open).
fn open_severities(run: &Value) -> Vec<Severity> {
    let rules: BTreeMap<&str, &Value> = run
        .pointer("/tool/driver/rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r.get("id")?.as_str()?, r)))
        .collect();
    let results = run.get("results").and_then(Value::as_array).into_iter().flatten();
    results
        .filter(|r| !accepted(r))
        .map(|r| {
            let rule = r.get("ruleId").and_then(Value::as_str).and_then(|id| rules.get(id)).copied();
            severity(r, rule)
        })
        .collect()
}

fn accepted(result: &Value) -> bool {
    result.get("suppressions").and_then(Value::as_array).is_some_and(|s| {
        !s.is_empty() && s.iter().all(|s| s.get("status").and_then(Value::as_str).is_none_or(|st| st == "accepted"))
    })
}

/// A result's severity: its rule's tollgate `severity`, else GitHub's `security-severity` score,
/// else the SARIF level (of the result, else the rule's default).
fn severity(result: &Value, rule: Option<&Value>) -> Severity {
    let prop = |name: &str| rule.and_then(|r| r.pointer(&format!("/properties/{name}"))).and_then(Value::as_str);
    if let Some(sev) = prop("severity").and_then(|s| s.parse().ok()) {
        return sev;
    }
    if let Some(score) = prop("security-severity").and_then(|s| s.parse::<f64>().ok()) {
        return match score {
            s if s >= 9.0 => Severity::Critical,
            s if s >= 7.0 => Severity::High,
            s if s >= 4.0 => Severity::Medium,
            s if s > 0.0 => Severity::Low,
            _ => Severity::Info,
        };
    }
    let level = result
        .get("level")
        .or_else(|| rule.and_then(|r| r.pointer("/defaultConfiguration/level")))
        .and_then(Value::as_str)
        .unwrap_or("warning");
    match level {
        "error" => Severity::High,
        "warning" => Severity::Medium,
        "note" => Severity::Low,
        _ => Severity::Info,
    }
}
