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
//! document of its kinds, as before. The gate is a generated Rego guard ([`guard`]) inside the
//! module that evaluates a kind's policies together (see [`super::PolicySet`]), so the policies
//! that do run still share their helpers' results, and the bytecode fast path gets the same gate.

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

/// The generated Rego of the guard `run_<key>`: true when the document holds one of `inputs`.
/// It lives in a kind's generated module (see [`super::PolicySet`]) and reads the resource
/// types through [`PRESENT_RULES`], computed once per document. The guard is Rego, not a flag
/// the scanner adds to `input`, so a policy receives exactly what `tollgate parse` prints.
pub fn guard(key: &str, inputs: &[Selector]) -> String {
    // One body per form, each selector of a form in one set literal: a policy lists up to ten
    // resource types, and every generated rule is compiled on every run (a pre-commit hook's
    // start-up pays for it).
    let set = |form: fn(&Selector) -> Option<&str>| {
        let items: Vec<String> =
            inputs.iter().filter_map(form).map(|s| serde_json::to_string(s).expect("a string serialises")).collect();
        (!items.is_empty()).then(|| format!("{{{}}}", items.join(", ")))
    };
    let mut out = String::new();
    if let Some(types) = set(|s| if let Selector::Resource(t) = s { Some(t) } else { None }) {
        out.push_str(&format!("run_{key} if count({types} & resource_types) > 0\n"));
    }
    for selector in inputs {
        if let Selector::Facet(name) = selector {
            let name = serde_json::to_string(name).expect("a string serialises");
            out.push_str(&format!("run_{key} if count(object.get(input.facets, {name}, [])) > 0\n"));
        }
    }
    if let Some(objects) = set(|s| if let Selector::Object(k) = s { Some(k) } else { None }) {
        out.push_str(&format!(
            "run_{key} if {{\n\tinput.kind == \"kubernetes\"\n\tinput.document.kind in {objects}\n}}\n"
        ));
    }
    if let Some(kinds) = set(|s| if let Selector::Kind(k) = s { Some(k) } else { None }) {
        out.push_str(&format!("run_{key} if input.kind in {kinds}\n"));
    }
    out
}

/// Rules the guards share (added to every kind's generated module): the Terraform resource
/// types of the file and of the module's other files (the S3 checks pair a bucket with its
/// companions there), and the CloudFormation resources' `Type`s.
pub const PRESENT_RULES: &str = r#"
resource_types contains t if {
	some key in ["resource", "module_resources"]
	types := object.get(input.document, key, {})
	is_object(types)
	some t, _ in types
}

resource_types contains t if {
	resources := object.get(input.document, "Resources", {})
	is_object(resources)
	some r in resources
	t := object.get(r, "Type", null)
	is_string(t)
}
"#;

/// The inputs a scan's documents hold, gathered before any policy is compiled: a pre-commit
/// run of a few files then compiles only the policies that can run on them (a commit touching
/// one S3 bucket compiles the S3 checks, not all thirty-six Terraform ones). What it reads
/// mirrors [`guard`] and [`PRESENT_RULES`] exactly (a test holds them equal), so a policy left
/// out is one whose guard would have been false on every document.
#[derive(Debug, Clone, Default)]
pub struct Present {
    resource_types: HashSet<String>,
    facets: HashSet<String>,
    objects: HashSet<String>,
    kinds: HashSet<String>,
}

impl Present {
    /// Record what one policy `input` (see [`super::input`]) holds.
    pub fn add(&mut self, input: &serde_json::Value) {
        let kind = input["kind"].as_str().unwrap_or_default();
        let document = &input["document"];
        for key in ["resource", "module_resources"] {
            if let Some(types) = document.get(key).and_then(|t| t.as_object()) {
                self.resource_types.extend(types.keys().cloned());
            }
        }
        if let Some(resources) = document.get("Resources").and_then(|r| r.as_object()) {
            let types = resources.values().filter_map(|r| r.get("Type")?.as_str());
            self.resource_types.extend(types.map(str::to_string));
        }
        if let Some(facets) = input["facets"].as_object() {
            let held = facets.iter().filter(|(_, items)| items.as_array().is_some_and(|a| !a.is_empty()));
            self.facets.extend(held.map(|(name, _)| name.clone()));
        }
        if kind == "kubernetes"
            && let Some(object) = document.get("kind").and_then(|k| k.as_str())
        {
            self.objects.insert(object.to_string());
        }
        self.kinds.insert(kind.to_string());
    }

    /// Would the guard of a policy with `inputs` hold on one of the recorded documents? (No
    /// inputs: the policy runs on every document.)
    pub fn holds_any(&self, inputs: &[Selector]) -> bool {
        inputs.is_empty()
            || inputs.iter().any(|selector| match selector {
                Selector::Resource(t) => self.resource_types.contains(t),
                Selector::Facet(f) => self.facets.contains(f),
                Selector::Object(o) => self.objects.contains(o),
                Selector::Kind(k) => self.kinds.contains(k),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn present_inputs_agree_with_the_rego_guards() {
        let lists: Vec<Vec<Selector>> = [
            vec!["resource:aws_s3_bucket", "resource:AWS::S3::Bucket"],
            vec!["resource:aws_instance"],
            vec!["facet:ingress"],
            vec!["facet:env", "object:Pod"],
            vec!["object:Deployment", "object:CronJob"],
            vec!["kind:dockerfile"],
            vec!["resource:aws_db_instance", "kind:ecs-task-definition"],
        ]
        .iter()
        .map(|l| selectors(l))
        .collect();
        let mut module = format!("package guards\n{PRESENT_RULES}\n");
        for (i, inputs) in lists.iter().enumerate() {
            module.push_str(&guard(&i.to_string(), inputs));
        }
        let mut engine = regorus::Engine::new();
        // As a scan sets it up: a builtin given the wrong type is undefined, not an error.
        engine.set_strict_builtin_errors(false);
        engine.add_policy("guards.rego".into(), module).unwrap();
        let inputs = [
            serde_json::json!({"kind": "terraform", "document": {"resource": {"aws_s3_bucket": {"b": {}}}}, "facets": {"ingress": []}}),
            serde_json::json!({"kind": "terraform", "document": {"resource": {}, "module_resources": {"aws_instance": {}}}, "facets": {}}),
            serde_json::json!({"kind": "cloudformation", "document": {"Resources": {"B": {"Type": "AWS::S3::Bucket"}, "X": {"Type": 7}}}, "facets": {"ingress": [{"port": 22}]}}),
            serde_json::json!({"kind": "kubernetes", "document": {"kind": "Pod"}, "facets": {"env": []}}),
            serde_json::json!({"kind": "kubernetes", "document": {"kind": "CronJob"}, "facets": {"env": [{"name": "A"}]}}),
            serde_json::json!({"kind": "dockerfile", "document": [{"cmd": "from"}], "facets": {}}),
            serde_json::json!({"kind": "docker-compose", "document": {"kind": "Pod", "resource": ["not", "an object"]}, "facets": {}}),
        ];
        for input in &inputs {
            engine.set_input(regorus::Value::from(input.clone()));
            let mut present = Present::default();
            present.add(input);
            for (i, list) in lists.iter().enumerate() {
                let rego = engine.eval_rule(format!("data.guards.run_{i}")).unwrap() == regorus::Value::from(true);
                assert_eq!(present.holds_any(list), rego, "{list:?} on {input}");
            }
        }
    }
}
