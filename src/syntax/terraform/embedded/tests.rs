//! Unit tests of the embedded-JSON evaluation: values, and the region each node maps to.

use super::super::{ModuleContext, parse_terraform};
use super::FileAccess;
use crate::syntax::{Document, Seg};
use serde_json::json;

fn parse_with(src: &str, module: &ModuleContext) -> Document {
    parse_terraform(src.as_bytes(), module).expect("parses")
}

fn parse(src: &str) -> Document {
    parse_with(src, &ModuleContext::default())
}

fn keys(parts: &[&str]) -> Vec<Seg> {
    parts
        .iter()
        .map(|p| match p.parse::<usize>() {
            Ok(i) => Seg::Index(i),
            Err(_) => Seg::from(*p),
        })
        .collect()
}

/// (start line, start column, end line, end column) recorded for exactly this path.
fn span(doc: &Document, p: &[&str]) -> Option<(u32, u32, u32, u32)> {
    doc.source_map.get(&keys(p)).map(|r| (r.start_line, r.start_column, r.end_line, r.end_column))
}

const POLICY: &[&str] = &["resource", "aws_iam_policy", "p", "policy"];

fn at<'v>(doc: &'v Document, p: &[&str]) -> &'v serde_json::Value {
    let mut v = &doc.value;
    for k in p {
        v = match k.parse::<usize>() {
            Ok(i) => &v[i],
            Err(_) => &v[*k],
        };
    }
    v
}

#[test]
fn jsonencode_is_evaluated_in_place_with_a_region_per_node() {
    let doc = parse(
        r#"resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "${aws_s3_bucket.b.arn}/*"
    }]
  })
}
"#,
    );
    assert_eq!(
        at(&doc, POLICY),
        &json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": "${aws_s3_bucket.b.arn}/*"}]})
    );
    let action = [POLICY, &["Statement", "0", "Action"]].concat();
    assert_eq!(span(&doc, &action), Some((6, 7, 6, 50)));
    let second = [POLICY, &["Statement", "0", "Action", "1"]].concat();
    assert_eq!(span(&doc, &second), Some((6, 35, 6, 49)));
    // The attribute still spans `policy = jsonencode(...)`.
    assert_eq!(span(&doc, POLICY), Some((2, 3, 9, 5)));
}

#[test]
fn jsonencode_of_an_unknown_value_or_a_scalar_keeps_its_text() {
    let doc = parse("locals {\n  a = jsonencode(var.doc)\n  b = jsonencode(\"x\")\n  c = jsondecode(\"{}\")\n}\n");
    assert_eq!(
        doc.value["locals"],
        json!({"a": "${jsonencode(var.doc)}", "b": "${jsonencode(\"x\")}", "c": "${jsondecode(\"{}\")}"})
    );
}

#[test]
fn heredoc_json_on_a_policy_attribute_becomes_a_value_with_its_lines() {
    let doc = parse(
        r#"resource "aws_iam_policy" "p" {
  policy = <<-EOF
    {
      "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"}
      ]
    }
  EOF
}
"#,
    );
    assert_eq!(at(&doc, POLICY), &json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}));
    let action = [POLICY, &["Statement", "0", "Action"]].concat();
    let (line, col, _, _) = span(&doc, &action).expect("the statement's Action has a region");
    assert_eq!((line, col), (5, 29));
    assert_eq!(span(&doc, POLICY), Some((2, 3, 8, 6)));
}

#[test]
fn heredoc_with_a_substituted_value_keeps_the_attribute_region() {
    let src = r#"variable "bucket" {
  default = "logs"
}
resource "aws_s3_bucket_policy" "p" {
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Principal": "*", "Resource": "arn:aws:s3:::${var.bucket}/*"}]}
EOF
}
"#;
    let policy = ["resource", "aws_s3_bucket_policy", "p", "policy"];
    let principal = [&policy[..], &["Statement", "0", "Principal"]].concat();
    // Nothing known about `var.bucket`: the raw heredoc is the value, and each node has its line.
    let doc = parse(src);
    assert_eq!(at(&doc, &policy)["Statement"][0]["Resource"], json!("arn:aws:s3:::${var.bucket}/*"));
    assert_eq!(span(&doc, &principal).map(|s| s.0), Some(6));
    // Substituted: the value differs from the raw text, so inner nodes fall back to the attribute.
    let module = ModuleContext::from_sources([("main.tf", src.as_bytes())]);
    let doc = parse_with(src, &module);
    assert_eq!(at(&doc, &policy)["Statement"][0]["Resource"], json!("arn:aws:s3:::logs/*"));
    assert_eq!(span(&doc, &principal), None);
    assert_eq!(span(&doc, &policy), Some((5, 3, 7, 4)));
}

#[test]
fn json_text_elsewhere_and_non_json_policies_stay_strings() {
    let doc = parse(
        "resource \"aws_instance\" \"i\" {\n  user_data = <<EOF\n{\"a\": 1}\nEOF\n}\nresource \"aws_iam_policy\" \"p\" {\n  policy = \"not json\"\n}\n",
    );
    assert_eq!(doc.value["resource"]["aws_instance"]["i"]["user_data"], json!("{\"a\": 1}\n"));
    assert_eq!(at(&doc, POLICY), &json!("not json"));
}

#[test]
fn quoted_json_policy_is_parsed_and_blames_the_attribute() {
    let doc = parse("resource \"aws_iam_policy\" \"p\" {\n  policy = \"{\\\"Statement\\\": []}\"\n}\n");
    assert_eq!(at(&doc, POLICY), &json!({"Statement": []}));
    assert_eq!(span(&doc, &[POLICY, &["Statement"]].concat()), None);
}

fn with_dir(dir: &std::path::Path) -> ModuleContext {
    ModuleContext::default().with_files(FileAccess { dir: dir.to_path_buf(), max_file_size: 1 << 20, skip: None })
}

#[test]
fn file_reads_a_sibling_json_file_and_maps_its_nodes_to_the_call() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("policy.json"), r#"{"Statement": [{"Effect": "Allow", "Action": "*"}]}"#).unwrap();
    std::fs::write(dir.path().join("script.sh"), "echo hi\n").unwrap();
    let src = r#"resource "aws_iam_policy" "p" {
  policy = file("${path.module}/policy.json")
}
resource "aws_iam_policy" "q" {
  policy = file("policy.json")
}
resource "aws_iam_policy" "missing" {
  policy = file("nope.json")
}
resource "aws_iam_policy" "outside" {
  policy = file("../policy.json")
}
resource "aws_instance" "i" {
  user_data = file("script.sh")
}
"#;
    let doc = parse_with(src, &with_dir(dir.path()));
    let expected = json!({"Statement": [{"Effect": "Allow", "Action": "*"}]});
    assert_eq!(at(&doc, POLICY), &expected);
    assert_eq!(at(&doc, &["resource", "aws_iam_policy", "q", "policy"]), &expected);
    let action = [POLICY, &["Statement", "0", "Action"]].concat();
    assert_eq!(span(&doc, &action), Some((2, 12, 2, 46)), "inside the file is the call");
    assert_eq!(at(&doc, &["resource", "aws_iam_policy", "missing", "policy"]), &json!("${file(\"nope.json\")}"));
    assert_eq!(at(&doc, &["resource", "aws_iam_policy", "outside", "policy"]), &json!("${file(\"../policy.json\")}"));
    assert_eq!(at(&doc, &["resource", "aws_instance", "i", "user_data"]), &json!("${file(\"script.sh\")}"));
    // Without a module directory nothing is read.
    assert_eq!(at(&parse(src), POLICY), &json!("${file(\"${path.module}/policy.json\")}"));
}

#[test]
fn file_respects_the_size_limit_and_exclusions() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("big.json"), format!("[{}1]", "1,".repeat(100))).unwrap();
    let src = "resource \"aws_iam_policy\" \"p\" {\n  policy = file(\"big.json\")\n}\n";
    let small = ModuleContext::default().with_files(FileAccess {
        dir: dir.path().to_path_buf(),
        max_file_size: 50,
        skip: None,
    });
    assert_eq!(at(&parse_with(src, &small), POLICY), &json!("${file(\"big.json\")}"));
    let excluded = ModuleContext::default().with_files(FileAccess {
        dir: dir.path().to_path_buf(),
        max_file_size: 1 << 20,
        skip: Some(std::sync::Arc::new(|p: &std::path::Path| p.ends_with("big.json"))),
    });
    assert_eq!(at(&parse_with(src, &excluded), POLICY), &json!("${file(\"big.json\")}"));
    assert!(at(&parse_with(src, &with_dir(dir.path())), POLICY).is_array());
}
