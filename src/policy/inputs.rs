//! What a policy inspects, so a document is evaluated only against the policies that could
//! fire on it.
//!
//! Most policies look for one kind of thing: an RDS check reads `aws_db_instance` /
//! `AWS::RDS::DBInstance` resources, the cross-kind network check reads the `ingress` facet. A
//! 50 KiB Terraform file of security groups and launch templates holds none of the other thirty
//! resource types, yet evaluating every policy on it cost a fixed ~0.3 ms each in the
//! interpreter (rule lookup, function-call set-up) before finding nothing. A policy therefore
//! declares its inputs in its `# METADATA` block:
//!
//! ```yaml
//! custom:
//!   kinds: [ecs-task-definition, terraform, cloudformation]
//!   inputs: [kind:ecs-task-definition, resource:aws_ecs_task_definition, resource:AWS::ECS::TaskDefinition]
//! ```
//!
//! and is evaluated on a document when any of them is present:
//!
//! - `resource:TYPE` — a Terraform `resource "TYPE"` block (in the file, or recorded from the
//!   module's other files) or a CloudFormation resource with `Type: TYPE`;
//! - `facet:NAME` — the facet (`scripts`, `images`, `env`, `ingress`, `iam_statements`) has
//!   at least one item;
//! - `object:KIND` — a Kubernetes object of that kind (the document's `kind: Deployment`);
//! - `kind:KIND` — every document of that file kind.
//!
//! A policy that declares no inputs (every user policy that does not opt in) runs on every
//! document of its kinds, as before. The gate is applied inside the generated module that
//! evaluates a kind's policies together (see [`super::PolicySet`]), so the policies that do run
//! still share their helpers' results.

use crate::facets::Facets;
use anyhow::{Result, bail};
use std::collections::HashSet;

/// One declared input; see the module doc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Resource(String),
    Facet(String),
    Object(String),
    Kind(String),
}

/// The spellings of a selector, for errors.
const FORMS: &str = "`resource:TYPE`, `facet:NAME`, `object:KIND` or `kind:KIND`";

/// The facets a `facet:` selector may name: the lists under `input.facets`.
pub const FACET_NAMES: &[&str] = &["scripts", "images", "env", "ingress", "iam_statements"];

impl Selector {
    /// Read `resource:TYPE`, `facet:NAME` or `kind:KIND`; the error says which forms exist.
    pub fn parse(text: &str) -> Result<Selector> {
        let (form, what) = text.split_once(':').unwrap_or((text, ""));
        if what.is_empty() {
            bail!("input `{text}` must be {FORMS}");
        }
        match form {
            "resource" => Ok(Selector::Resource(what.to_string())),
            "object" => Ok(Selector::Object(what.to_string())),
            "facet" if FACET_NAMES.contains(&what) => Ok(Selector::Facet(what.to_string())),
            "facet" => bail!("input `{text}` names no facet (expected one of {})", FACET_NAMES.join(", ")),
            "kind" if super::metadata::KINDS.contains(&what) => Ok(Selector::Kind(what.to_string())),
            "kind" => {
                bail!("input `{text}` names no file kind (expected one of {})", super::metadata::KINDS.join(", "))
            }
            _ => bail!("input `{text}` must be {FORMS}"),
        }
    }
}

/// Check that every kind a policy is evaluated on has a selector that can be present in its
/// documents: a policy for `terraform` and `ecs-task-definition` that lists only Terraform
/// resource types would silently never run on task definitions.
pub fn check_covers(inputs: &[Selector], kinds: &[String]) -> Result<()> {
    if inputs.is_empty() {
        return Ok(());
    }
    for kind in kinds {
        if !inputs.iter().any(|s| s.can_match(kind)) {
            bail!(
                "no input can be present in a {kind} document (add `kind:{kind}`, a facet, or its resource types), \
                 so the policy would never run on one"
            );
        }
    }
    Ok(())
}

impl Selector {
    /// Can this be present in a document of `kind`? Terraform resource types have no `::`,
    /// CloudFormation ones do (`AWS::S3::Bucket`).
    fn can_match(&self, kind: &str) -> bool {
        match self {
            Selector::Resource(ty) if ty.contains("::") => kind == "cloudformation",
            Selector::Resource(_) => kind == "terraform",
            Selector::Facet(_) => true,
            Selector::Object(_) => kind == "kubernetes",
            Selector::Kind(k) => k == kind,
        }
    }
}

/// What one document holds, in the terms selectors ask about; built once per document.
pub struct Present<'a> {
    kind: &'a str,
    /// A Kubernetes document's own `kind`.
    object: Option<&'a str>,
    resource_types: HashSet<&'a str>,
    facets: &'a Facets,
}

impl<'a> Present<'a> {
    pub fn new(kind: &'a str, document: &'a serde_json::Value, facets: &'a Facets) -> Present<'a> {
        let mut resource_types = HashSet::new();
        // Terraform: `resource.TYPE.NAME`, and the module's other files' resources the reader
        // records beside them (the S3 checks pair a bucket with its companions there).
        for key in ["resource", crate::syntax::terraform::MODULE_RESOURCES_KEY] {
            if let Some(types) = document.get(key).and_then(|r| r.as_object()) {
                resource_types.extend(types.keys().map(String::as_str));
            }
        }
        // CloudFormation: `Resources.ID.Type`.
        if let Some(resources) = document.get("Resources").and_then(|r| r.as_object()) {
            let types = resources.values().filter_map(|r| r.get("Type").and_then(|t| t.as_str()));
            resource_types.extend(types);
        }
        let object = if kind == "kubernetes" { document.get("kind").and_then(|k| k.as_str()) } else { None };
        Present { kind, object, resource_types, facets }
    }

    /// Does the document hold any of `inputs`? (No inputs: the policy reads anything.)
    pub fn any(&self, inputs: &[Selector]) -> bool {
        inputs.is_empty() || inputs.iter().any(|s| self.has(s))
    }

    fn has(&self, selector: &Selector) -> bool {
        match selector {
            Selector::Resource(ty) => self.resource_types.contains(ty.as_str()),
            Selector::Kind(kind) => kind == self.kind,
            Selector::Object(kind) => self.object == Some(kind.as_str()),
            Selector::Facet(name) => match name.as_str() {
                "scripts" => !self.facets.scripts.is_empty(),
                "images" => !self.facets.images.is_empty(),
                "env" => !self.facets.env.is_empty(),
                "ingress" => !self.facets.ingress.is_empty(),
                "iam_statements" => !self.facets.iam_statements.is_empty(),
                // `Selector::parse` admits only the names above.
                _ => true,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn selectors(list: &[&str]) -> Vec<Selector> {
        list.iter().map(|s| Selector::parse(s).unwrap()).collect()
    }

    #[test]
    fn selectors_parse_and_bad_ones_say_why() {
        assert_eq!(Selector::parse("resource:AWS::S3::Bucket").unwrap(), Selector::Resource("AWS::S3::Bucket".into()));
        assert_eq!(Selector::parse("facet:ingress").unwrap(), Selector::Facet("ingress".into()));
        assert_eq!(Selector::parse("kind:terraform").unwrap(), Selector::Kind("terraform".into()));
        for (bad, says) in [
            ("facet:ports", "names no facet"),
            ("kind:helm", "names no file kind"),
            ("resource:", "must be"),
            ("aws_s3_bucket", "must be"),
            ("type:aws_s3_bucket", "must be"),
            ("object:", "must be"),
        ] {
            let e = Selector::parse(bad).unwrap_err().to_string();
            assert!(e.contains(bad) && e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn every_kind_needs_an_input_it_can_hold() {
        let kinds = |list: &[&str]| list.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        let tf_and_cfn = selectors(&["resource:aws_db_instance", "resource:AWS::RDS::DBInstance"]);
        assert!(check_covers(&tf_and_cfn, &kinds(&["terraform", "cloudformation"])).is_ok());
        let e = check_covers(&tf_and_cfn, &kinds(&["terraform", "ecs-task-definition"])).unwrap_err().to_string();
        assert!(e.contains("ecs-task-definition document") && e.contains("kind:ecs-task-definition"), "{e}");
        assert!(check_covers(&selectors(&["facet:env"]), &kinds(&["jenkins", "ansible"])).is_ok());
        assert!(check_covers(&[], &kinds(&["jenkins"])).is_ok());
        assert!(check_covers(&selectors(&["object:Pod"]), &kinds(&["kubernetes", "docker-compose"])).is_err());
    }

    #[test]
    fn terraform_and_cloudformation_resource_types_are_seen() {
        let none = Facets::default();
        let tf = json!({"resource": {"aws_db_instance": {"db": {}}}, "module_resources": {"aws_s3_bucket_acl": {}}});
        let present = Present::new("terraform", &tf, &none);
        assert!(present.any(&selectors(&["resource:aws_rds_cluster", "resource:aws_db_instance"])));
        assert!(present.any(&selectors(&["resource:aws_s3_bucket_acl"])));
        assert!(!present.any(&selectors(&["resource:AWS::RDS::DBInstance", "facet:ingress"])));
        assert!(present.any(&selectors(&["kind:terraform"])) && present.any(&[]));
        let cfn = json!({"Resources": {"Db": {"Type": "AWS::RDS::DBInstance"}, "Odd": 3, "NoType": {}}});
        let present = Present::new("cloudformation", &cfn, &none);
        assert!(present.any(&selectors(&["resource:AWS::RDS::DBInstance"])));
        assert!(!present.any(&selectors(&["resource:aws_db_instance", "kind:terraform"])));
    }

    #[test]
    fn kubernetes_objects_are_told_by_their_kind() {
        let none = Facets::default();
        let pods = selectors(&["object:Pod", "object:CronJob"]);
        let doc = json!({"kind": "CronJob", "spec": {}});
        assert!(Present::new("kubernetes", &doc, &none).any(&pods));
        assert!(!Present::new("kubernetes", &json!({"kind": "ConfigMap"}), &none).any(&pods));
        // Another file kind's `kind:` key is not a Kubernetes object.
        assert!(!Present::new("docker-compose", &doc, &none).any(&pods));
    }

    #[test]
    fn a_facet_counts_when_it_has_an_item() {
        let mut facets = Facets::default();
        let doc = json!({});
        assert!(!Present::new("dockerfile", &doc, &facets).any(&selectors(&["facet:scripts"])));
        facets.scripts.push(crate::facets::Script {
            path: Vec::new(),
            script: "true".into(),
            shell: None,
            origin: "dockerfile RUN".into(),
        });
        let present = Present::new("dockerfile", &doc, &facets);
        assert!(present.any(&selectors(&["facet:scripts"])) && !present.any(&selectors(&["facet:env"])));
    }
}
