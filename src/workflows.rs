//! Facts one file cannot tell about itself: which GitHub workflows the scan saw and what
//! triggers them. A `workflow_run` workflow is only as risky as the workflows that trigger it,
//! and those live in other files; a policy states what would clear its violation
//! ([`WorkflowCondition`]), each workflow file contributes its names and triggers
//! ([`workflow_of`]) while it is analysed, and [`resolve`] drops the cleared violations once
//! the whole scan is in. A workflow that was not scanned (a `--staged` scan, another
//! repository's workflow) clears nothing.

use crate::model::Finding;
use crate::policy::WorkflowCondition;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One scanned workflow: the names a `workflow_run` trigger may call it by (its `name:`, and
/// its path, which GitHub uses for a workflow without one) and the events that trigger it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workflow {
    pub names: Vec<String>,
    pub triggers: BTreeSet<String>,
}

/// The workflow a GitHub Actions document at `path` is, if it is one (under
/// `.github/workflows/`, with an `on:`).
pub fn workflow_of(path: &str, doc: &Value) -> Option<Workflow> {
    let at = path.find(".github/workflows/")?;
    let triggers: BTreeSet<String> = match doc.get("on")? {
        Value::String(t) => BTreeSet::from([t.clone()]),
        Value::Array(list) => list.iter().filter_map(|t| t.as_str().map(str::to_string)).collect(),
        Value::Object(map) => map.keys().cloned().collect(),
        _ => return None,
    };
    let mut names = vec![path[at..].to_string()];
    if let Some(name) = doc.get("name").and_then(Value::as_str) {
        names.push(name.to_string());
    }
    Some(Workflow { names, triggers })
}

/// Drop each finding (by fingerprint) whose condition the scanned `workflows` clear: every
/// workflow it names was scanned, and none of them has one of its events.
pub fn resolve(findings: &mut Vec<Finding>, workflows: &[Workflow], conditional: &[(String, WorkflowCondition)]) {
    if conditional.is_empty() {
        return;
    }
    let mut by_name: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for w in workflows {
        for name in &w.names {
            by_name.entry(name.as_str()).or_default().extend(w.triggers.iter().map(String::as_str));
        }
    }
    let cleared: BTreeSet<&str> = conditional
        .iter()
        .filter(|(_, c)| {
            c.names.iter().all(|n| {
                by_name.get(n.as_str()).is_some_and(|triggers| c.events.iter().all(|e| !triggers.contains(e.as_str())))
            })
        })
        .map(|(fingerprint, _)| fingerprint.as_str())
        .collect();
    findings.retain(|f| !cleared.contains(f.fingerprint.as_str()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_workflow_is_known_by_its_name_and_path_with_every_trigger_form() {
        let w = workflow_of(
            "repo/.github/workflows/ci.yml",
            &json!({"name": "CI", "on": {"push": null, "pull_request": {}}}),
        )
        .unwrap();
        assert_eq!(w.names, [".github/workflows/ci.yml", "CI"]);
        assert_eq!(w.triggers, BTreeSet::from(["pull_request".to_string(), "push".to_string()]));
        assert_eq!(workflow_of(".github/workflows/a.yml", &json!({"on": ["push"]})).unwrap().triggers.len(), 1);
        assert!(workflow_of("action.yml", &json!({"on": "push"})).is_none());
    }

    #[test]
    fn only_a_condition_every_named_workflow_clears_drops_the_finding() {
        let finding = |fp: &str| Finding {
            rule_id: "TG-GHA-002".into(),
            engine: crate::model::Engine::Policy,
            severity: crate::model::Severity::Critical,
            message: String::new(),
            path: "f".into(),
            region: crate::model::Region { start_line: 1, start_column: 1, end_line: 1, end_column: 1 },
            snippet: String::new(),
            secret: None,
            fingerprint: fp.to_string(),
            line_hash: None,
            suppression: None,
            commit: None,
        };
        let cond = |names: &[&str]| WorkflowCondition {
            names: names.iter().map(|n| n.to_string()).collect(),
            events: vec!["pull_request".into()],
        };
        let workflows = [
            workflow_of(".github/workflows/b.yml", &json!({"name": "Build", "on": "push"})).unwrap(),
            workflow_of(".github/workflows/t.yml", &json!({"name": "Test", "on": ["pull_request"]})).unwrap(),
        ];
        let mut findings = vec![finding("a"), finding("b"), finding("c"), finding("d")];
        let conditional = vec![
            ("a".to_string(), cond(&["Build"])),
            ("b".to_string(), cond(&["Build", "Test"])),
            ("c".to_string(), cond(&["Elsewhere"])),
        ];
        resolve(&mut findings, &workflows, &conditional);
        let left: Vec<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
        assert_eq!(left, ["b", "c", "d"]);
    }
}
