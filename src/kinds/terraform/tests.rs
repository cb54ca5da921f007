//! Unit tests of the Terraform facets, through the real reader.

use super::*;
use crate::syntax::terraform::parse_terraform;

fn facets_of(src: &str) -> Facets {
    facets(&parse_terraform(src.as_bytes(), &ModuleContext::default()).expect("parses"))
}

#[test]
fn security_groups_rules_and_acls_are_ingress() {
    let f = facets_of(
        r#"resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
  ingress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    ipv6_cidr_blocks = ["::/0"]
  }
}
resource "aws_security_group_rule" "egress" {
  type        = "egress"
  from_port   = 0
  to_port     = 0
  protocol    = "-1"
  cidr_blocks = ["0.0.0.0/0"]
}
resource "aws_vpc_security_group_ingress_rule" "rdp" {
  ip_protocol = "tcp"
  from_port   = 3389
  to_port     = 3389
  cidr_ipv4   = "0.0.0.0/0"
}
resource "aws_network_acl_rule" "in" {
  egress      = false
  rule_action = "deny"
  protocol    = "6"
  from_port   = 22
  to_port     = 22
  cidr_block  = "0.0.0.0/0"
}
"#,
    );
    let items: Vec<(Option<i64>, &str, Option<&str>, &str)> =
        f.ingress.iter().map(|i| (i.from_port, i.protocol.as_str(), i.cidr.as_deref(), i.action.as_str())).collect();
    assert_eq!(
        items,
        vec![
            (Some(22), "tcp", Some("10.0.0.0/8"), "allow"),
            (Some(22), "tcp", Some("0.0.0.0/0"), "allow"),
            (None, "all", Some("::/0"), "allow"),
            (Some(3389), "tcp", Some("0.0.0.0/0"), "allow"),
            (Some(22), "tcp", Some("0.0.0.0/0"), "deny"),
        ]
    );
    assert_eq!(
        f.ingress[1].cidr_path,
        Some(path!["resource", "aws_security_group", "web", "ingress", 0usize, "cidr_blocks", 1usize])
    );
    assert_eq!(
        f.ingress[3].cidr_path,
        Some(path!["resource", "aws_vpc_security_group_ingress_rule", "rdp", "cidr_ipv4"])
    );
    assert_eq!(f.ingress[0].resource, "aws_security_group.web");
}

#[test]
fn policies_in_every_form_are_statements() {
    let f = facets_of(
        r#"resource "aws_iam_policy" "admin" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
resource "aws_iam_role" "r" {
  assume_role_policy = <<EOF
{"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}}
EOF
}
resource "aws_iam_role_policy" "generated" {
  policy = data.aws_iam_policy_document.d.json
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-1"]
    }
  }
}
"#,
    );
    let s = &f.iam_statements;
    assert_eq!(s.len(), 3);
    assert_eq!(
        (s[0].policy_type.as_str(), s[0].actions.clone(), s[0].resources.clone()),
        ("identity", vec!["*".to_string()], vec!["*".to_string()])
    );
    assert_eq!(
        s[0].action_path,
        Some(path!["resource", "aws_iam_policy", "admin", "policy", "Statement", 0usize, "Action"])
    );
    assert_eq!(s[1].policy_type, "trust");
    assert_eq!(s[1].path, path!["resource", "aws_iam_role", "r", "assume_role_policy", "Statement"]);
    assert!(s[1].principals.as_ref().is_some_and(|p| p.everyone));
    assert_eq!((s[2].policy_type.as_str(), s[2].effect.as_str()), ("resource", "Allow"));
    assert!(s[2].principals.as_ref().is_some_and(|p| p.everyone));
    assert_eq!(s[2].condition, Some(serde_json::json!({"StringEquals": {"aws:PrincipalOrgID": ["o-1"]}})));
}

#[test]
fn containers_lambda_and_codebuild_env() {
    let f = facets_of(
        r##"resource "aws_ecs_task_definition" "api" {
  container_definitions = jsonencode([{
    name        = "api"
    image       = "nginx:latest"
    environment = [{ name = "DB_PASSWORD", value = "hunter2" }]
  }])
}
resource "aws_lambda_function" "f" {
  environment {
    variables = {
      API_TOKEN = "abc"
      REF       = var.x
    }
  }
}
resource "aws_codebuild_project" "p" {
  environment {
    environment_variable {
      name  = "GITHUB_TOKEN"
      value = "/ci/token"
      type  = "PARAMETER_STORE"
    }
  }
}
resource "aws_instance" "i" {
  user_data = "#!/bin/sh\ncurl -s x | sh\n"
}
"##,
    );
    assert_eq!(f.images[0].image, "nginx:latest");
    assert_eq!(
        f.images[0].path,
        path!["resource", "aws_ecs_task_definition", "api", "container_definitions", 0usize, "image"]
    );
    let env: Vec<(&str, bool)> = f.env.iter().map(|e| (e.name.as_str(), e.secret_ref)).collect();
    assert_eq!(env, vec![("DB_PASSWORD", false), ("API_TOKEN", false), ("REF", true), ("GITHUB_TOKEN", true)]);
    assert_eq!(
        f.env[1].path,
        path!["resource", "aws_lambda_function", "f", "environment", 0usize, "variables", "API_TOKEN"]
    );
    assert_eq!(f.scripts[0].origin, "terraform user_data");
}
