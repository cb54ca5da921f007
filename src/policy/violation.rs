//! What a policy's `deny` set must hold, read into [`Violation`]s: each item is
//! `{"msg": string, "path": [keys and indexes into input.document], "text"?: string,
//! "within"?: string, "unless_workflows"?: {"names": [...], "events": [...]}}`. A malformed item
//! is an error for that policy on that file, never a silent drop.

use crate::syntax::Seg;

/// A violation a policy reported for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Index into [`PolicySet::policies`].
    pub policy: usize,
    pub msg: String,
    /// The JSON path into `input.document` the violation blames.
    pub path: Vec<Seg>,
    /// Optional source text inside the blamed node that narrows the region further (the
    /// offending command inside a multi-line `run:` block).
    pub text: Option<String>,
    /// Optional text around `text` inside the node (the script line it is on): the region is
    /// narrowed to `within` first, so of several occurrences of `text` the one on that line is
    /// blamed.
    pub within: Option<String>,
    /// Optional condition on other files of the scan (`"unless_workflows"`): see
    /// [`WorkflowCondition`].
    pub unless_workflows: Option<WorkflowCondition>,
}

/// A violation that only holds when other workflows are what the file cannot tell: it is
/// dropped when every workflow in `names` (a `workflow_run` trigger's `workflows:`) is among
/// the scanned files and none of them is triggered by any of `events`. Resolved once the whole
/// scan is in ([`crate::scan`]); when a named workflow was not scanned, the violation stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowCondition {
    pub names: Vec<String>,
    pub events: Vec<String>,
}

/// `deny` must be a set of `{"msg": string, "path": [string | non-negative integer]}`; a
/// missing `path` blames the whole document.
pub(super) fn parse_violations(value: &serde_json::Value, policy: usize) -> Result<Vec<Violation>, String> {
    let items = value.as_array().ok_or("`deny` must be a set of objects")?;
    items
        .iter()
        .map(|item| {
            let msg = item.get("msg").and_then(|m| m.as_str()).ok_or("each violation needs a string `msg`")?;
            let path = match item.get("path") {
                None | Some(serde_json::Value::Null) => Vec::new(),
                Some(serde_json::Value::Array(segs)) => segs
                    .iter()
                    .map(|s| match s {
                        serde_json::Value::String(k) => Ok(Seg::Key(k.clone())),
                        serde_json::Value::Number(n) => {
                            n.as_u64().map(|i| Seg::Index(i as usize)).ok_or(format!("bad path index {n}"))
                        }
                        other => Err(format!("path segments must be strings or indexes, not {other}")),
                    })
                    .collect::<Result<_, _>>()?,
                Some(other) => return Err(format!("`path` must be an array, not {other}")),
            };
            let optional_text = |key: &str| match item.get(key) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(t)) if !t.is_empty() => Ok(Some(t.clone())),
                Some(other) => Err(format!("`{key}` must be a non-empty string, not {other}")),
            };
            let text = optional_text("text")?;
            let within = optional_text("within")?;
            let unless_workflows = match item.get("unless_workflows") {
                None | Some(serde_json::Value::Null) => None,
                Some(c) => Some(workflow_condition(c)?),
            };
            Ok(Violation { policy, msg: msg.to_string(), path, text, within, unless_workflows })
        })
        .collect()
}

/// `{"names": [string], "events": [string]}`, both non-empty.
fn workflow_condition(c: &serde_json::Value) -> Result<WorkflowCondition, String> {
    let strings = |key: &str| -> Result<Vec<String>, String> {
        let list: Vec<String> = c
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        if list.is_empty() {
            return Err(format!("`unless_workflows.{key}` must be a non-empty list of strings"));
        }
        Ok(list)
    };
    Ok(WorkflowCondition { names: strings("names")?, events: strings("events")? })
}
