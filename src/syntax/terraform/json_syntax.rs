//! Terraform's JSON configuration syntax (`*.tf.json`) to the same document the HCL reader
//! gives a `.tf` file, so every Terraform policy reads both and findings keep exact regions.
//!
//! The file is read by the JSON reader, then reshaped where the JSON syntax is looser than the
//! normalised document:
//!
//! - a nested block written as one object (`"versioning": {"enabled": true}`) becomes a list of
//!   one body, as HCL nested blocks always are; map-valued attributes (`tags`, `variables`, ...)
//!   stay objects. JSON has no schema to tell the two apart, so [`MAP_ATTRIBUTES`] names the
//!   common map attributes of the AWS provider; an unknown map attribute reads as a block.
//! - a resource, data source, module, variable or output given as a list of bodies is its first
//!   body; `locals` given as a list are merged; `provider` and `terraform` are lists of bodies;
//! - `"//"` comment keys are dropped;
//! - a JSON-text string in the attributes the HCL reader also evaluates (`policy`,
//!   `container_definitions`, ...) becomes its value; its members are located at the string.
//!
//! Expressions stay as written (`"${var.name}"`, `"${jsonencode(...)}"`): the JSON syntax keeps
//! them as template strings, and the reader does not evaluate them.

use super::embedded::JSON_ATTRIBUTES;
use crate::syntax::{Document, ParseError, Seg, SourceMap, json};
use serde_json::{Map, Value};

/// Attributes of Terraform resources whose value is a map, not a nested block.
const MAP_ATTRIBUTES: &[&str] = &[
    "tags",
    "tags_all",
    "variables",
    "labels",
    "parameters",
    "triggers",
    "environment_variables",
    "metadata",
    "options",
    "attributes",
    "settings",
    "default",
    "headers",
    "annotations",
    "values",
    "providers",
];

/// Top-level blocks whose members are one body each, keyed by name (by type, then name, for
/// `resource` and `data`).
const LABELLED: &[(&str, usize)] = &[("resource", 2), ("data", 2), ("module", 1), ("variable", 1), ("output", 1)];

/// Parse one `.tf.json` file into the document shape of [`super::parse_terraform`].
pub fn parse_terraform_json(text: &[u8]) -> Result<Document, ParseError> {
    let raw = json::parse_json(text)?;
    let Value::Object(top) = &raw.value else {
        return Err(ParseError { line: Some(1), message: "a .tf.json file must hold a JSON object".to_string() });
    };
    let mut out = Reshape { from: &raw.source_map, to: SourceMap::default() };
    out.copy(&[], &[]);
    let mut doc = Map::new();
    for (key, value) in top {
        let at = [Seg::from(key.as_str())];
        let reshaped = match (key.as_str(), LABELLED.iter().find(|(k, _)| k == key)) {
            ("//", _) => continue,
            (_, Some((_, depth))) => out.labelled(value, &at, &at, *depth),
            ("locals", _) => out.locals(value, &at),
            ("provider", _) => out.labelled_lists(value, &at, &at),
            _ => out.blocks(value, &at, &at),
        };
        doc.insert(key.clone(), reshaped);
    }
    Ok(Document { value: Value::Object(doc), source_map: out.to })
}

/// Rebuilds the document while carrying each node's region from its old path to its new one.
struct Reshape<'a> {
    from: &'a SourceMap,
    to: SourceMap,
}

impl Reshape<'_> {
    fn copy(&mut self, old: &[Seg], new: &[Seg]) {
        if let Some(region) = self.from.get(old) {
            self.to.insert(new.to_vec(), region);
        }
    }

    /// `{LABEL: ... {LABEL: BODY}}` with `depth` labels; a list of bodies at the last label is
    /// its first body.
    fn labelled(&mut self, v: &Value, old: &[Seg], new: &[Seg], depth: usize) -> Value {
        self.copy(old, new);
        if depth == 0 {
            return match v {
                Value::Array(bodies) => match bodies.first() {
                    Some(first) => self.body(first, &join(old, Seg::Index(0)), new),
                    None => Value::Object(Map::new()),
                },
                other => self.body(other, old, new),
            };
        }
        let Value::Object(m) = v else { return v.clone() };
        let mut out = Map::new();
        for (k, child) in m.iter().filter(|(k, _)| k.as_str() != "//") {
            let key = Seg::from(k.as_str());
            out.insert(k.clone(), self.labelled(child, &join(old, key.clone()), &join(new, key), depth - 1));
        }
        Value::Object(out)
    }

    /// `provider` and `dynamic`: `{NAME: BODY | [BODY, ...]}` to `{NAME: [BODY, ...]}`.
    fn labelled_lists(&mut self, v: &Value, old: &[Seg], new: &[Seg]) -> Value {
        self.copy(old, new);
        let Value::Object(m) = v else { return v.clone() };
        let mut out = Map::new();
        for (k, child) in m.iter().filter(|(k, _)| k.as_str() != "//") {
            let key = Seg::from(k.as_str());
            out.insert(k.clone(), self.blocks(child, &join(old, key.clone()), &join(new, key)));
        }
        Value::Object(out)
    }

    /// `locals`: one object, or a list of them merged.
    fn locals(&mut self, v: &Value, at: &[Seg]) -> Value {
        self.copy(at, at);
        let parts: Vec<(Vec<Seg>, &Value)> = match v {
            Value::Array(items) => items.iter().enumerate().map(|(i, x)| (join(at, Seg::Index(i)), x)).collect(),
            other => vec![(at.to_vec(), other)],
        };
        let mut out = Map::new();
        for (old, part) in parts {
            for (k, value) in part.as_object().into_iter().flatten().filter(|(k, _)| k.as_str() != "//") {
                let key = Seg::from(k.as_str());
                out.insert(k.clone(), self.value(k, value, &join(&old, key.clone()), &join(at, key)));
            }
        }
        Value::Object(out)
    }

    /// A nested block: one body or a list of them, always a list.
    fn blocks(&mut self, v: &Value, old: &[Seg], new: &[Seg]) -> Value {
        self.copy(old, new);
        match v {
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, b)| self.body(b, &join(old, Seg::Index(i)), &join(new, Seg::Index(i))))
                    .collect(),
            ),
            Value::Object(_) => {
                let first = join(new, Seg::Index(0));
                self.copy(old, &first);
                Value::Array(vec![self.body(v, old, &first)])
            }
            other => other.clone(),
        }
    }

    /// A block body: attributes as they are, nested blocks as lists, `dynamic` labels kept.
    fn body(&mut self, v: &Value, old: &[Seg], new: &[Seg]) -> Value {
        self.copy(old, new);
        let Value::Object(m) = v else { return v.clone() };
        let mut out = Map::new();
        for (k, child) in m.iter().filter(|(k, _)| k.as_str() != "//") {
            let key = Seg::from(k.as_str());
            let (o, n) = (join(old, key.clone()), join(new, key));
            let reshaped = match child {
                Value::Object(_) if k == "dynamic" => self.labelled_lists(child, &o, &n),
                Value::Object(_) if !MAP_ATTRIBUTES.contains(&k.as_str()) => self.blocks(child, &o, &n),
                Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
                    self.blocks(child, &o, &n)
                }
                _ => self.value(k, child, &o, &n),
            };
            out.insert(k.clone(), reshaped);
        }
        Value::Object(out)
    }

    /// An attribute value, with JSON text evaluated for the attributes that hold documents.
    fn value(&mut self, name: &str, v: &Value, old: &[Seg], new: &[Seg]) -> Value {
        self.copy(old, new);
        if let Some(text) = v.as_str()
            && JSON_ATTRIBUTES.contains(&name)
            && matches!(text.trim_start().chars().next(), Some('{' | '['))
            && let Ok(inner) = json::parse_json(text.as_bytes())
        {
            return inner.value;
        }
        self.copy_subtree(v, old, new);
        v.clone()
    }

    fn copy_subtree(&mut self, v: &Value, old: &[Seg], new: &[Seg]) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let key = Seg::from(k.as_str());
                    let (o, n) = (join(old, key.clone()), join(new, key));
                    self.copy(&o, &n);
                    self.copy_subtree(child, &o, &n);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let (o, n) = (join(old, Seg::Index(i)), join(new, Seg::Index(i)));
                    self.copy(&o, &n);
                    self.copy_subtree(child, &o, &n);
                }
            }
            _ => {}
        }
    }
}

fn join(base: &[Seg], seg: Seg) -> Vec<Seg> {
    let mut p = base.to_vec();
    p.push(seg);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_json_syntax_reads_as_the_hcl_document_shape() {
        let doc = parse_terraform_json(
            br#"{
  "//": "generated",
  "resource": {"aws_s3_bucket": {"b": {
    "bucket": "x", "tags": {"a": "b"},
    "versioning": {"enabled": true},
    "dynamic": {"rule": {"for_each": "${var.rules}", "content": {"id": "r"}}}
  }}},
  "locals": [{"a": 1}, {"b": 2}],
  "provider": {"aws": {"region": "eu-west-1"}},
  "terraform": {"required_version": ">= 1.5"},
  "data": {"aws_iam_policy_document": {"d": [{"statement": [{"actions": ["*"]}]}]}}
}"#,
        )
        .unwrap();
        assert_eq!(
            doc.value,
            json!({
                "resource": {"aws_s3_bucket": {"b": {
                    "bucket": "x", "tags": {"a": "b"},
                    "versioning": [{"enabled": true}],
                    "dynamic": {"rule": [{"for_each": "${var.rules}", "content": [{"id": "r"}]}]}
                }}},
                "locals": {"a": 1, "b": 2},
                "provider": {"aws": [{"region": "eu-west-1"}]},
                "terraform": [{"required_version": ">= 1.5"}],
                "data": {"aws_iam_policy_document": {"d": {"statement": [{"actions": ["*"]}]}}}
            })
        );
        let enabled = doc.source_map.get(&[
            Seg::from("resource"),
            Seg::from("aws_s3_bucket"),
            Seg::from("b"),
            Seg::from("versioning"),
            Seg::Index(0),
            Seg::from("enabled"),
        ]);
        assert_eq!(enabled.map(|r| r.start_line), Some(5));
    }

    #[test]
    fn json_text_policies_become_values_located_at_their_string() {
        let doc = parse_terraform_json(
            br#"{"resource": {"aws_iam_policy": {"p": {
  "policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\"}]}"}}}}"#,
        )
        .unwrap();
        let policy = &doc.value["resource"]["aws_iam_policy"]["p"]["policy"];
        assert_eq!(policy["Statement"][0]["Action"], json!("*"));
        let at = [Seg::from("resource"), Seg::from("aws_iam_policy"), Seg::from("p"), Seg::from("policy")];
        let inner: Vec<Seg> = at.iter().cloned().chain([Seg::from("Statement"), Seg::Index(0)]).collect();
        assert_eq!(doc.source_map.locate(&inner).map(|(r, n)| (r.start_line, n)), Some((2, 4)));
    }

    #[test]
    fn a_non_object_file_is_an_error() {
        assert!(parse_terraform_json(b"[1, 2]").is_err());
        assert!(parse_terraform_json(b"{").is_err());
    }
}
