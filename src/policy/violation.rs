//! What a policy's `deny` set must hold, read into [`Violation`]s: each item is
//! `{"msg": string, "path": [keys and indexes into input.document], "text"?: string,
//! "within"?: string, "unless_workflows"?: {"names": [...], "events": [...]},
//! "parts"?: [[alias, ...], ...]}`. A malformed item is an error for that policy on that file,
//! never a silent drop.

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
    /// What peer checks that each cover part of the policy would report here (`"parts"`): one
    /// list of the policy's `partial_aliases` per part, any of whose ids names that part (a
    /// group opening SSH and RDP: `[["CKV_AWS_24"], ["CKV_AWS_25"]]`). Markers naming partial
    /// aliases suppress the finding once every part is named ([`crate::suppress::inline`]).
    /// Empty: no peer check covers part of it.
    pub parts: Vec<Vec<String>>,
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
/// missing `path` blames the whole document. `partial` are the policy's `partial_aliases`, the
/// only ids `parts` may name.
pub(super) fn parse_violations(
    value: &serde_json::Value,
    policy: usize,
    partial: &[String],
) -> Result<Vec<Violation>, String> {
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
            let parts = match item.get("parts") {
                None | Some(serde_json::Value::Null) => Vec::new(),
                Some(p) => parts(p, partial)?,
            };
            Ok(Violation { policy, msg: msg.to_string(), path, text, within, unless_workflows, parts })
        })
        .collect()
}

/// `[[string, ...], ...]`: non-empty lists of the policy's partial aliases (a set of sets from
/// Rego arrives as lists too).
fn parts(value: &serde_json::Value, partial: &[String]) -> Result<Vec<Vec<String>>, String> {
    let malformed = || format!("`parts` must be a list of non-empty lists of alias ids, not {value}");
    let lists = value.as_array().ok_or_else(malformed)?;
    lists
        .iter()
        .map(|list| {
            let ids: Vec<String> = list
                .as_array()
                .ok_or_else(malformed)?
                .iter()
                .map(|id| id.as_str().map(str::to_string).ok_or_else(malformed))
                .collect::<Result<_, _>>()?;
            if ids.is_empty() {
                return Err(malformed());
            }
            if let Some(id) = ids.iter().find(|id| !partial.iter().any(|p| p.eq_ignore_ascii_case(id))) {
                return Err(format!("`parts` names `{id}`, which is not among the policy's `partial_aliases`"));
            }
            Ok(ids)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parts_are_lists_of_partial_aliases() {
        let partial = ["CKV_AWS_24".to_string(), "CKV_AWS_25".to_string()];
        let parse = |parts: serde_json::Value| parse_violations(&json!([{"msg": "m", "parts": parts}]), 0, &partial);
        let v = parse(json!([["CKV_AWS_24"], ["ckv_aws_25", "CKV_AWS_24"]])).unwrap();
        assert_eq!(v[0].parts, [vec!["CKV_AWS_24"], vec!["ckv_aws_25", "CKV_AWS_24"]]);
        assert!(parse(serde_json::Value::Null).unwrap()[0].parts.is_empty());
        assert!(parse(json!([])).unwrap()[0].parts.is_empty());
        for bad in [json!("CKV_AWS_24"), json!(["CKV_AWS_24"]), json!([[]]), json!([[24]])] {
            assert!(parse(bad.clone()).unwrap_err().contains("`parts` must be a list"), "{bad}");
        }
        let e = parse(json!([["AVD-AWS-0107"]])).unwrap_err();
        assert!(e.contains("`AVD-AWS-0107`, which is not among the policy's `partial_aliases`"), "{e}");
    }
}
