//! IAM policy documents to `iam_statements` items: `Statement` as one object or a list, single
//! strings as one-element lists, `Principal` as `"*"` or by type. A document given as JSON text
//! (CloudFormation allows it) is parsed here; its statements then blame the property holding
//! the text, which has no inner positions.

use super::walk::{get, strings};
use super::{IamStatement, JsonPath, Principals};
use crate::syntax::Seg;
use serde_json::Value;

/// What a document is and where it is.
pub struct Source<'a> {
    /// Path of the document (the `policy` attribute, `PolicyDocument`, ...).
    pub path: JsonPath,
    /// `identity`, `resource` or `trust`.
    pub policy_type: &'a str,
    pub origin: &'a str,
}

/// Every statement of `doc` (an object, or JSON text of one).
pub fn statements(doc: &Value, source: &Source, out: &mut Vec<IamStatement>) {
    let (parsed, inner) = match doc {
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(v) => (v, false),
            Err(_) => return,
        },
        other => (other.clone(), true),
    };
    let at = |suffix: &[Seg]| -> JsonPath {
        if inner { source.path.iter().chain(suffix).cloned().collect() } else { source.path.clone() }
    };
    let list: Vec<(JsonPath, &Value)> = match get(&parsed, "Statement") {
        Some(Value::Array(items)) => {
            items.iter().enumerate().map(|(i, s)| (at(&[Seg::from("Statement"), Seg::Index(i)]), s)).collect()
        }
        Some(s @ Value::Object(_)) => vec![(at(&[Seg::from("Statement")]), s)],
        _ => Vec::new(),
    };
    for (path, s) in list {
        if !s.is_object() {
            continue;
        }
        let field = |key: &str| -> Option<JsonPath> {
            get(s, key)
                .map(|_| if inner { path.iter().cloned().chain([Seg::from(key)]).collect() } else { path.clone() })
        };
        out.push(IamStatement {
            effect: effect(get(s, "Effect")),
            actions: strings(get(s, "Action")),
            not_actions: strings(get(s, "NotAction")),
            resources: strings(get(s, "Resource")),
            not_resources: strings(get(s, "NotResource")),
            principals: get(s, "Principal").map(principals),
            not_principals: get(s, "NotPrincipal").map(principals),
            condition: get(s, "Condition").filter(|c| !c.is_null()).cloned(),
            policy_type: source.policy_type.to_string(),
            action_path: field("Action").or_else(|| field("NotAction")),
            resource_path: field("Resource").or_else(|| field("NotResource")),
            principal_path: field("Principal").or_else(|| field("NotPrincipal")),
            origin: source.origin.to_string(),
            path,
        });
    }
}

/// `Allow` or `Deny` as written (capitalised); a missing or odd effect is kept as its text.
fn effect(v: Option<&Value>) -> String {
    match v.and_then(Value::as_str) {
        Some(e) if e.eq_ignore_ascii_case("allow") => "Allow".to_string(),
        Some(e) if e.eq_ignore_ascii_case("deny") => "Deny".to_string(),
        Some(e) => e.to_string(),
        None => String::new(),
    }
}

/// `"*"`, or `{"AWS": ..., "Service": ..., ...}` with `"*"` among the AWS principals meaning
/// everyone.
pub fn principals(v: &Value) -> Principals {
    let mut p = Principals::default();
    match v {
        Value::String(s) => p.everyone = s == "*",
        Value::Object(_) => {
            p.aws = strings(get(v, "AWS"));
            p.service = strings(get(v, "Service"));
            p.federated = strings(get(v, "Federated"));
            p.canonical_user = strings(get(v, "CanonicalUser"));
            p.everyone = p.aws.iter().any(|a| a == "*");
        }
        _ => {}
    }
    p
}

/// Principals from Terraform `principals { type = "AWS" identifiers = [...] }` blocks.
pub fn tf_principals(blocks: &[Value]) -> Principals {
    let mut p = Principals::default();
    for b in blocks {
        let ids = strings(get(b, "identifiers"));
        match get(b, "type").and_then(Value::as_str) {
            Some("*") => p.everyone = true,
            Some("AWS") => {
                p.everyone |= ids.iter().any(|a| a == "*");
                p.aws.extend(ids);
            }
            Some("Service") => p.service.extend(ids),
            Some("Federated") => p.federated.extend(ids),
            Some("CanonicalUser") => p.canonical_user.extend(ids),
            _ => {}
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn source() -> Source<'static> {
        Source { path: vec![Seg::from("policy")], policy_type: "identity", origin: "test" }
    }

    #[test]
    fn statements_are_normalised() {
        let mut out = Vec::new();
        let doc = json!({"Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": ["*"]},
            {"Effect": "Deny", "NotAction": ["s3:*"], "Principal": {"AWS": ["arn:x", "*"]}, "Condition": {"Bool": {}}},
        ]});
        statements(&doc, &source(), &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].actions, vec!["*"]);
        assert_eq!(out[0].path, vec![Seg::from("policy"), Seg::from("Statement"), Seg::Index(0)]);
        assert_eq!(
            out[0].action_path,
            Some(vec![Seg::from("policy"), Seg::from("Statement"), Seg::Index(0), Seg::from("Action")])
        );
        assert_eq!(out[1].effect, "Deny");
        assert_eq!(out[1].not_actions, vec!["s3:*"]);
        assert!(out[1].principals.as_ref().is_some_and(|p| p.everyone && p.aws.len() == 2));
        assert!(out[1].condition.is_some());
    }

    #[test]
    fn a_json_string_document_blames_its_property() {
        let mut out = Vec::new();
        statements(&json!(r#"{"Statement": {"Effect": "Allow", "Principal": "*"}}"#), &source(), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path, vec![Seg::from("policy")]);
        assert_eq!(out[0].principal_path, Some(vec![Seg::from("policy")]));
        assert!(out[0].principals.as_ref().is_some_and(|p| p.everyone));
        statements(&json!("not json"), &source(), &mut out);
        assert_eq!(out.len(), 1);
    }
}
