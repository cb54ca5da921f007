//! Standalone AWS IAM policy documents as JSON files: identity policies
//! (`aws iam create-policy --policy-document file://policy.json`), trust policies
//! (`--assume-role-policy-document`) and resource policies (bucket, queue, key policies) kept
//! beside the code that applies them.
//!
//! Recognised by content: a JSON file whose start has both `"Version"` and `"Statement"` (kinds
//! earlier in the registry, CloudFormation above all, claim templates that embed policies).
//! Read by the JSON reader as it is: `{"Version", "Id", "Statement": [{"Sid", "Effect",
//! "Action", "Resource", "Principal", "Condition"}]}`. Document shape: `docs/kinds/iam-policy.md`.

use super::{Candidate, Detection, FileToParse, Kind};
use crate::facets::walk::{self, strings};
use crate::facets::{Facets, iam};
use crate::syntax::{Document, ParseError, json};
use serde_json::Value;

pub struct IamPolicy;

impl Kind for IamPolicy {
    fn id(&self) -> &'static str {
        "iam-policy"
    }

    fn title(&self) -> &'static str {
        "AWS IAM policy document"
    }

    fn platform(&self) -> &'static str {
        "AWS IAM policy document"
    }

    fn detected_by(&self) -> &'static str {
        "content of a JSON file: `\"Version\"` and `\"Statement\"`"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let marked = file.ext() == "json" && file.head_has("\"Version\"") && file.head_has("\"Statement\"");
        if marked { Detection::ByContent } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        json::parse_json(file.bytes).map(|d| Some(vec![d]))
    }

    fn facets(&self, document: &Document) -> Facets {
        let mut facets = Facets::default();
        let doc = &document.value;
        let policy_type = policy_type(doc);
        let origin = format!("{policy_type} policy");
        iam::statements(
            doc,
            &iam::Source { path: Vec::new(), policy_type, origin: &origin },
            &mut facets.iam_statements,
        );
        facets
    }
}

/// `trust` when a statement names a principal and allows `sts:AssumeRole*` (a role's trust
/// policy); `resource` when statements name principals otherwise; else `identity`.
fn policy_type(doc: &Value) -> &'static str {
    let statements: Vec<&Value> = match walk::get(doc, "Statement") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(s @ Value::Object(_)) => vec![s],
        _ => Vec::new(),
    };
    let with_principal: Vec<&&Value> = statements.iter().filter(|s| walk::get(s, "Principal").is_some()).collect();
    let assumes = |s: &Value| {
        strings(walk::get(s, "Action")).iter().any(|a| a.to_ascii_lowercase().starts_with("sts:assumerole"))
    };
    if with_principal.iter().any(|s| assumes(s)) {
        "trust"
    } else if with_principal.is_empty() {
        "identity"
    } else {
        "resource"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse_json;

    fn kind_of(text: &str) -> String {
        let doc = parse_json(text.as_bytes()).unwrap();
        let f = IamPolicy.facets(&doc);
        f.iam_statements.first().map(|s| s.policy_type.clone()).unwrap_or_default()
    }

    #[test]
    fn trust_resource_and_identity_policies_are_told_apart() {
        assert_eq!(
            kind_of(
                r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#
            ),
            "trust"
        );
        assert_eq!(
            kind_of(
                r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*",
                "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}"#
            ),
            "resource"
        );
        assert_eq!(
            kind_of(r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#),
            "identity"
        );
    }

    #[test]
    fn statements_blame_their_own_nodes() {
        let doc = parse_json(br#"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#).unwrap();
        let f = IamPolicy.facets(&doc);
        assert_eq!(f.iam_statements[0].path, crate::facets::walk::path!["Statement", 0usize]);
        assert_eq!(f.iam_statements[0].origin, "identity policy");
    }
}
