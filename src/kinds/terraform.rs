//! Terraform: `.tf` module files (and the `.tfvars` / `.tf.json` files beside them).
//!
//! A `.tf` file is read by the HCL reader ([`crate::syntax::terraform`]) with its directory's
//! module context, so `var.*` and `local.*` resolve to the literal values the module's files and
//! `.tfvars` give them. `.tfvars` files only feed that context. `.tf.json` files (Terraform's JSON
//! syntax) are read by [`terraform::parse_terraform_json`] into the same document shape, so every
//! Terraform policy applies to them; their `${...}` expressions are not evaluated. Document shape: `docs/kinds/terraform.md`.

use super::{Candidate, Detection, FileToParse, Kind};
use crate::facets::Facets;
use crate::facets::walk::{self, path};
use crate::facets::{IamStatement, Ingress, JsonPath, Script, env, iam, image, network};
use crate::syntax::terraform::{self, ModuleContext};
use crate::syntax::{Document, ParseError};
use serde_json::Value;
use std::path::Path;

pub struct Terraform;

impl Kind for Terraform {
    fn id(&self) -> &'static str {
        "terraform"
    }

    fn title(&self) -> &'static str {
        "Terraform configuration"
    }

    fn platform(&self) -> &'static str {
        "AWS (Terraform and CloudFormation)"
    }

    fn detected_by(&self) -> &'static str {
        "name: *.tf, *.tfvars, *.tf.json, *.tfvars.json"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let name = &file.name;
        if matches!(file.ext(), "tf" | "tfvars") || name.ends_with(".tf.json") || name.ends_with(".tfvars.json") {
            Detection::ByName
        } else {
            Detection::No
        }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        let name = file.name.to_ascii_lowercase();
        if name.ends_with(".tf.json") {
            // The JSON syntax of the same configuration: same document shape, no module values.
            return terraform::parse_terraform_json(file.bytes).map(|d| Some(vec![d]));
        }
        if !name.ends_with(".tf") {
            // `.tfvars` (and `.tfvars.json`) feed the module context.
            return Ok(None);
        }
        let slot = file.fs_path.and_then(Path::parent).map(|dir| file.modules.get(dir));
        let empty = ModuleContext::default();
        let module = slot.as_ref().and_then(|s| s.get()).unwrap_or(&empty);
        let name = file.fs_path.and_then(Path::file_name).and_then(|n| n.to_str());
        let mut doc = match name {
            Some(name) => terraform::parse_module_file(name, file.bytes, module)?,
            None => terraform::parse_terraform(file.bytes, module)?,
        };
        // The S3 companions (public access blocks, ...) declared in the module's other files.
        if let (Some(name), Some(map)) = (name, doc.value.as_object_mut())
            && let Some(others) = module.resources_outside(name)
        {
            map.insert(terraform::MODULE_RESOURCES_KEY.to_string(), others);
        }
        Ok(Some(vec![doc]))
    }

    /// Values the file defines that no check could see (locals in a cycle or past the size
    /// budgets). Empty for a file whose module context has not been built.
    fn notes(&self, file: &FileToParse) -> Vec<(u32, String)> {
        let Some(path) = file.fs_path else { return Vec::new() };
        let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
            return Vec::new();
        };
        let slot = file.modules.get(dir);
        let Some(module) = slot.get() else { return Vec::new() };
        module.notes_for(name).map(|n| (n.line, n.message.clone())).collect()
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// Resources whose `user_data` is a shell script run at boot.
const USER_DATA: &[&str] = &["aws_instance", "aws_launch_template", "aws_launch_configuration"];

/// Identity-policy attributes (type, attribute).
const IDENTITY_POLICIES: &[(&str, &str)] = &[
    ("aws_iam_policy", "policy"),
    ("aws_iam_role_policy", "policy"),
    ("aws_iam_user_policy", "policy"),
    ("aws_iam_group_policy", "policy"),
    ("aws_ssoadmin_permission_set_inline_policy", "inline_policy"),
];

/// Resource-policy and trust-policy attributes (type, attribute, policy type).
const RESOURCE_POLICIES: &[(&str, &str, &str)] = &[
    ("aws_iam_role", "assume_role_policy", "trust"),
    ("aws_s3_bucket_policy", "policy", "resource"),
    ("aws_s3_bucket", "policy", "resource"),
    ("aws_sqs_queue_policy", "policy", "resource"),
    ("aws_sqs_queue", "policy", "resource"),
    ("aws_sns_topic_policy", "policy", "resource"),
    ("aws_sns_topic", "policy", "resource"),
    ("aws_kms_key", "policy", "resource"),
    ("aws_kms_key_policy", "policy", "resource"),
    ("aws_ecr_repository_policy", "policy", "resource"),
    ("aws_secretsmanager_secret_policy", "policy", "resource"),
    ("aws_secretsmanager_secret", "policy", "resource"),
];

/// The facets of a Terraform file. Values are what the reader made of them: literal strings,
/// `"${...}"` for expressions, and JSON documents (policies, ECS container definitions) as
/// values whether written as JSON text, `jsonencode(...)` or `file(...)`.
///
/// - scripts: literal `user_data` of instances and launch templates;
/// - images and env: ECS `container_definitions`, Lambda `environment.variables`, CodeBuild
///   `environment_variable` blocks (a non-PLAINTEXT type is a reference);
/// - ingress: security group `ingress` blocks, `aws_security_group_rule` (type ingress),
///   `aws_vpc_security_group_ingress_rule`, network ACL `ingress` blocks and
///   `aws_network_acl_rule` (not egress); one item per CIDR, `cidr_path` the CIDR's own node;
/// - iam_statements: identity, resource and trust policy attributes, inline role policies and
///   `data "aws_iam_policy_document"` statements.
fn facets(document: &Document) -> Facets {
    let doc = &document.value;
    let mut facets = Facets::default();
    for ty in USER_DATA {
        for (name, r) in walk::tf_resources(doc, ty) {
            if let Some(script) = walk::string(r, "user_data").filter(|s| !s.starts_with("${")) {
                facets.scripts.push(Script {
                    path: path!["resource", *ty, name, "user_data"],
                    script: script.to_string(),
                    shell: None,
                    origin: "terraform user_data".to_string(),
                });
            }
        }
    }
    containers(doc, &mut facets);
    lambda_and_codebuild_env(doc, &mut facets);
    ingress(doc, &mut facets);
    iam_statements(doc, &mut facets);
    facets
}

fn ingress(doc: &Value, facets: &mut Facets) {
    let cidr_items = |rule: &network::Rule, body: &Value, attrs: &[&str], base: &JsonPath, out: &mut Vec<Ingress>| {
        for attr in attrs {
            match walk::get(body, attr) {
                Some(Value::Array(cidrs)) => {
                    for (k, c) in cidrs.iter().enumerate() {
                        if let Some(c) = c.as_str() {
                            out.push(rule.item(Some(c.to_string()), Some(path![base; *attr, k])));
                        }
                    }
                }
                Some(Value::String(c)) => out.push(rule.item(Some(c.clone()), Some(path![base; *attr]))),
                _ => {}
            }
        }
    };
    for (name, sg) in walk::tf_resources(doc, "aws_security_group") {
        for (i, r) in walk::list(sg, "ingress") {
            let at = path!["resource", "aws_security_group", name, "ingress", i];
            let rule = tf_rule(
                r,
                at.clone(),
                "protocol",
                "allow",
                format!("aws_security_group.{name}"),
                "terraform security group",
            );
            cidr_items(&rule, r, &["cidr_blocks", "ipv6_cidr_blocks"], &at, &mut facets.ingress);
        }
    }
    for (name, r) in walk::tf_resources(doc, "aws_security_group_rule") {
        if walk::string(r, "type") != Some("ingress") {
            continue;
        }
        let at = path!["resource", "aws_security_group_rule", name];
        let rule = tf_rule(
            r,
            at.clone(),
            "protocol",
            "allow",
            format!("aws_security_group_rule.{name}"),
            "terraform security group rule",
        );
        cidr_items(&rule, r, &["cidr_blocks", "ipv6_cidr_blocks"], &at, &mut facets.ingress);
    }
    for (name, r) in walk::tf_resources(doc, "aws_vpc_security_group_ingress_rule") {
        let at = path!["resource", "aws_vpc_security_group_ingress_rule", name];
        let rule = tf_rule(
            r,
            at.clone(),
            "ip_protocol",
            "allow",
            format!("aws_vpc_security_group_ingress_rule.{name}"),
            "terraform vpc security group ingress rule",
        );
        cidr_items(&rule, r, &["cidr_ipv4", "cidr_ipv6"], &at, &mut facets.ingress);
    }
    for ty in ["aws_network_acl", "aws_default_network_acl"] {
        for (name, acl) in walk::tf_resources(doc, ty) {
            for (i, r) in walk::list(acl, "ingress") {
                let at = path!["resource", ty, name, "ingress", i];
                let action = walk::string(r, "action").unwrap_or("").to_ascii_lowercase();
                let rule = tf_rule(r, at.clone(), "protocol", &action, format!("{ty}.{name}"), "terraform network acl");
                cidr_items(&rule, r, &["cidr_block", "ipv6_cidr_block"], &at, &mut facets.ingress);
            }
        }
    }
    for (name, r) in walk::tf_resources(doc, "aws_network_acl_rule") {
        if matches!(walk::get(r, "egress"), Some(Value::Bool(true))) || walk::string(r, "egress") == Some("true") {
            continue;
        }
        let at = path!["resource", "aws_network_acl_rule", name];
        let action = walk::string(r, "rule_action").unwrap_or("").to_ascii_lowercase();
        let rule = tf_rule(
            r,
            at.clone(),
            "protocol",
            &action,
            format!("aws_network_acl_rule.{name}"),
            "terraform network acl rule",
        );
        cidr_items(&rule, r, &["cidr_block", "ipv6_cidr_block"], &at, &mut facets.ingress);
    }
}

fn tf_rule<'a>(
    r: &'a Value,
    path: JsonPath,
    protocol: &str,
    action: &'a str,
    resource: String,
    origin: &'a str,
) -> network::Rule<'a> {
    network::Rule {
        path,
        protocol: network::protocol(walk::get(r, protocol)),
        from_port: walk::get(r, "from_port"),
        to_port: walk::get(r, "to_port"),
        action,
        resource,
        origin,
    }
}

fn containers(doc: &Value, facets: &mut Facets) {
    for (name, td) in walk::tf_resources(doc, "aws_ecs_task_definition") {
        let at = path!["resource", "aws_ecs_task_definition", name, "container_definitions"];
        for (i, c) in walk::list(td, "container_definitions") {
            if let Some(img) = walk::string(c, "image") {
                facets.images.push(image::image(path![at; i, "image"], img, "terraform ecs container"));
            }
            for (j, e) in walk::list(c, "environment") {
                if let (Some(n), Some(v)) = (walk::string(e, "name"), walk::string(e, "value")) {
                    let entry = path![at; i, "environment", j];
                    facets.env.push(env::var(
                        path![entry; "value"],
                        path![entry; "name"],
                        n,
                        v,
                        "terraform ecs environment",
                    ));
                }
            }
        }
    }
}

fn lambda_and_codebuild_env(doc: &Value, facets: &mut Facets) {
    for (name, f) in walk::tf_resources(doc, "aws_lambda_function") {
        for (i, block) in walk::list(f, "environment") {
            for (key, value) in walk::members(block, "variables") {
                if let Some(value) = value.as_str() {
                    let p = path!["resource", "aws_lambda_function", name, "environment", i, "variables", key];
                    facets.env.push(env::var(p.clone(), p, key, value, "terraform lambda environment"));
                }
            }
        }
    }
    for (name, project) in walk::tf_resources(doc, "aws_codebuild_project") {
        for (i, block) in walk::list(project, "environment") {
            for (j, ev) in walk::list(block, "environment_variable") {
                if let (Some(n), Some(v)) = (walk::string(ev, "name"), walk::string(ev, "value")) {
                    let entry =
                        path!["resource", "aws_codebuild_project", name, "environment", i, "environment_variable", j];
                    let mut item =
                        env::var(path![entry; "value"], path![entry; "name"], n, v, "terraform codebuild environment");
                    // PARAMETER_STORE / SECRETS_MANAGER: the value names where the secret is.
                    item.secret_ref |= walk::string(ev, "type").is_some_and(|t| !t.eq_ignore_ascii_case("PLAINTEXT"));
                    facets.env.push(item);
                }
            }
        }
    }
}

fn iam_statements(doc: &Value, facets: &mut Facets) {
    let mut push = |value: &Value, at: JsonPath, policy_type: &str, origin: &str| {
        if value.is_object() {
            iam::statements(value, &iam::Source { path: at, policy_type, origin }, &mut facets.iam_statements);
        }
    };
    for (ty, attr) in IDENTITY_POLICIES {
        for (name, r) in walk::tf_resources(doc, ty) {
            if let Some(v) = walk::get(r, attr) {
                push(v, path!["resource", *ty, name, *attr], "identity", &format!("{ty}.{name}"));
            }
        }
    }
    for (name, r) in walk::tf_resources(doc, "aws_iam_role") {
        for (i, block) in walk::list(r, "inline_policy") {
            if let Some(v) = walk::get(block, "policy") {
                push(
                    v,
                    path!["resource", "aws_iam_role", name, "inline_policy", i, "policy"],
                    "identity",
                    &format!("aws_iam_role.{name} inline_policy"),
                );
            }
        }
    }
    for (ty, attr, policy_type) in RESOURCE_POLICIES {
        for (name, r) in walk::tf_resources(doc, ty) {
            if let Some(v) = walk::get(r, attr) {
                push(v, path!["resource", *ty, name, *attr], policy_type, &format!("{ty}.{name}"));
            }
        }
    }
    let documents = walk::get(doc, "data").and_then(|d| walk::object(d, "aws_iam_policy_document"));
    for (name, d) in documents.into_iter().flatten() {
        for (i, s) in walk::list(d, "statement") {
            let at = path!["data", "aws_iam_policy_document", name, "statement", i];
            let field = |key: &str| walk::get(s, key).map(|_| path![at; key]);
            let blocks = |key: &str| -> Vec<Value> { walk::list(s, key).map(|(_, b)| b.clone()).collect() };
            let principals = blocks("principals");
            let not_principals = blocks("not_principals");
            let has_principals = !principals.is_empty() || !not_principals.is_empty();
            facets.iam_statements.push(IamStatement {
                effect: match walk::string(s, "effect") {
                    Some(e) if e.eq_ignore_ascii_case("deny") => "Deny".to_string(),
                    Some(e) if !e.eq_ignore_ascii_case("allow") => e.to_string(),
                    _ => "Allow".to_string(),
                },
                actions: walk::strings(walk::get(s, "actions")),
                not_actions: walk::strings(walk::get(s, "not_actions")),
                resources: walk::strings(walk::get(s, "resources")),
                not_resources: walk::strings(walk::get(s, "not_resources")),
                principals: (!principals.is_empty()).then(|| iam::tf_principals(&principals)),
                not_principals: (!not_principals.is_empty()).then(|| iam::tf_principals(&not_principals)),
                condition: condition(s),
                policy_type: if has_principals { "resource" } else { "identity" }.to_string(),
                action_path: field("actions").or_else(|| field("not_actions")),
                resource_path: field("resources").or_else(|| field("not_resources")),
                principal_path: walk::get(s, "principals").map(|_| path![at; "principals", 0usize]),
                origin: format!("data.aws_iam_policy_document.{name}"),
                path: at,
            });
        }
    }
}

/// `condition { test variable values }` blocks as `{test: {variable: values}}`; a `dynamic
/// "condition"` block may add conditions no one can see, so it counts as one (`{"dynamic":
/// ...}`).
fn condition(s: &Value) -> Option<Value> {
    let mut out = serde_json::Map::new();
    for (_, c) in walk::list(s, "condition") {
        let (Some(test), Some(variable)) = (walk::string(c, "test"), walk::string(c, "variable")) else { continue };
        let values = walk::get(c, "values").cloned().unwrap_or(Value::Null);
        let by_test = out.entry(test.to_string()).or_insert_with(|| Value::Object(serde_json::Map::new()));
        if let Some(m) = by_test.as_object_mut() {
            m.insert(variable.to_string(), values);
        }
    }
    if let Some(dynamic) = walk::get(s, "dynamic").and_then(|d| walk::get(d, "condition")) {
        out.insert("dynamic".to_string(), dynamic.clone());
    }
    let any = walk::list(s, "condition").next().is_some() || out.contains_key("dynamic");
    any.then_some(Value::Object(out))
}

#[cfg(test)]
mod tests;
