//! The misconfiguration engine: Rego policies evaluated with `regorus` over each parsed
//! document.
//!
//! A policy is a Rego module that opens with a `# METADATA` comment block (id, title,
//! severity, description, remediation, kinds, references: [`annotation`]) and declares `deny`
//! (a set of violations `{"msg": string, "path": [keys and indexes into input.document],
//! "text": optional source text inside that node to narrow the region to, "within": optional
//! larger text around `text` (its line of a script) that picks which occurrence is meant}`).
//! `input` is
//! `{"kind": "terraform", "path": "infra/main.tf", "document": <the parsed file>, "facets":
//! <its kind's views of it, see [`crate::facets`]>}` ([`input`]), one evaluation per document.
//! Modules without `deny` are libraries (`policies/lib/`). A user policy may still state its
//! metadata the older way, as a `metadata := {...}` rule.
//!
//! A set is compiled once (a scan compiles the built-in pack per file kind, see [`select`]);
//! each worker thread evaluates on its own clone, and a kind's policies run as bytecode where
//! they compile to it and the VM is known to agree with the interpreter ([`bytecode`]). Every
//! evaluation runs under [`limits`]: a
//! policy that runs too long, builds a huge range or panics the interpreter is an error for
//! that policy on that file, and a recursive one is refused at load ([`recursion`]).

pub mod annotation;
pub mod bytecode;
mod combined;
pub mod examples;
pub mod inputs;
pub mod limits;
pub mod memory;
pub mod metadata;
pub mod recursion;
pub mod select;
pub mod shell;
mod source;
pub mod test;
pub mod violation;
mod vm_compat;

use crate::facets::Facets;
use anyhow::{Context, Result, bail};
pub use bytecode::Evaluator;
use combined::{COMBINED_PACKAGE, Loaded, combined_modules, kind_ident, selectors};
pub use metadata::{PolicyMeta, catalog};
use regorus::{Engine, Value};
pub use source::{RegoSource, alias_targets, builtin_sources, is_partial_alias, load_dir};
use std::collections::HashMap;
use violation::parse_violations;
pub use violation::{Violation, WorkflowCondition};

/// A policy that failed while evaluating (a runtime error in its Rego, or a malformed
/// violation): reported against the policy file, and the scan exits 2.
#[derive(Debug, Clone)]
pub struct PolicyError {
    pub policy_source: String,
    pub message: String,
}

/// The loaded, compiled policies.
pub struct PolicySet {
    /// Prepared engine with every module loaded; workers clone it.
    engine: Engine,
    /// Sorted by id.
    policies: Vec<PolicyMeta>,
    /// Each policy's key in the generated modules' objects (its load position), by index.
    keys: Vec<String>,
    /// Policy indexes per file kind name.
    by_kind: HashMap<String, Vec<usize>>,
    /// Each policy's declared inputs, by index: the generated modules evaluate a policy with
    /// any only when its guard holds ([`inputs::guard`]).
    inputs: Vec<Vec<inputs::Selector>>,
    /// Each kind's generated `results` rule as bytecode, compiled on demand ([`bytecode`]).
    code: HashMap<String, bytecode::KindCode>,
    evaluator: Evaluator,
}

/// One worker thread's evaluators: its clone of the interpreter and its VMs by kind.
pub struct Worker {
    engine: Engine,
    vms: HashMap<String, regorus::rvm::RegoVM>,
}

impl PolicySet {
    /// Compile `sources` (test files are skipped) and read every policy's metadata.
    ///
    /// Everything is added before the first evaluation, so the engine is prepared once: the
    /// generated modules that evaluate all `deny` rules of a kind together place each policy
    /// by the kinds its `# METADATA` block states. A policy that states its metadata as a
    /// `metadata` rule instead has kinds only its evaluation tells, so a set holding one is
    /// compiled a second time with them.
    pub fn new(sources: &[RegoSource]) -> Result<PolicySet> {
        let modules: Vec<&RegoSource> = sources.iter().filter(|s| !s.is_test()).collect();
        let (set, placed) = PolicySet::compile(&modules, &HashMap::new())?;
        if set.policies.iter().zip(&placed).all(|(meta, kinds)| same_kinds(&meta.kinds, kinds)) {
            return Ok(set);
        }
        let stated: HashMap<&str, Vec<String>> =
            set.policies.iter().map(|p| (p.source.as_str(), p.kinds.clone())).collect();
        let (set, _) = PolicySet::compile(&modules, &stated)?;
        Ok(set)
    }

    /// One compile with each policy's `deny` placed in the generated modules of the kinds its
    /// `# METADATA` block states, or for a policy without one, the kinds `rule_kinds` gives for
    /// its file. Returns the set and, per policy (sorted like the set), where it was placed.
    fn compile(
        modules: &[&RegoSource],
        rule_kinds: &HashMap<&str, Vec<String>>,
    ) -> Result<(PolicySet, Vec<Vec<String>>)> {
        let mut engine = new_engine()?;
        // Every module that declares `deny`, in load order.
        let mut loaded: Vec<Loaded> = Vec::new();
        for src in modules {
            let package = engine
                .add_policy(src.name.clone(), src.text.clone())
                .map_err(|e| anyhow::anyhow!("{e}"))
                .with_context(|| format!("cannot compile policy {}", src.name))?;
            let is_policy = engine
                .has_declared_rule_rooted_at(&src.name, "deny")
                .map_err(|e| anyhow::anyhow!("{e}"))
                .with_context(|| format!("cannot inspect {}", src.name))?;
            if is_policy {
                let annotation = src.annotation()?;
                let placed = match &annotation {
                    Some(meta) => meta.kinds.clone(),
                    None => rule_kinds.get(src.name.as_str()).cloned().unwrap_or_default(),
                };
                let inputs = annotation.as_ref().map(|meta| selectors(&meta.inputs)).unwrap_or_default();
                loaded.push(Loaded { source: &src.name, package, annotation, placed, inputs });
            }
        }
        // Before anything is evaluated: a recursive function would overflow the stack.
        recursion::check(&mut engine)?;
        for (name, module) in combined_modules(&loaded) {
            engine.add_policy(name, module).map_err(|e| anyhow::anyhow!("cannot combine the policies: {e}"))?;
        }
        // The first evaluation prepares the engine, so every worker's clone starts ready. It
        // also reads the `metadata` rules of policies without a block; one missing from the
        // combined result (undefined or failing `metadata`) is evaluated alone, for an error
        // that names it.
        let rules = engine.eval_rule(format!("{COMBINED_PACKAGE}.metadata")).unwrap_or(Value::Undefined);
        let mut policies: Vec<(PolicyMeta, String, Vec<String>)> = Vec::new();
        for (key, Loaded { source, package, annotation, placed, .. }) in loaded.into_iter().enumerate() {
            let key = key.to_string();
            let meta = match annotation {
                Some(mut meta) => {
                    meta.package = package;
                    meta
                }
                None => {
                    let value = match rules.as_object().ok().and_then(|all| all.get(&Value::from(key.as_str()))) {
                        Some(value) => value.clone(),
                        None => engine
                            .eval_rule(format!("{package}.metadata"))
                            .map_err(|e| anyhow::anyhow!("{e}"))
                            .with_context(|| format!("{source}: cannot evaluate `metadata`"))?,
                    };
                    PolicyMeta::from_value(&to_json(&value), source, &package)?
                }
            };
            if let Some((other, ..)) = policies.iter().find(|(p, ..)| p.id == meta.id) {
                bail!("{source}: policy id {} is already used by {}", meta.id, other.source);
            }
            policies.push((meta, key, placed));
        }
        policies.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let mut by_kind: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (meta, ..)) in policies.iter().enumerate() {
            for kind in &meta.kinds {
                by_kind.entry(kind.clone()).or_default().push(i);
            }
        }
        let (mut metas, mut keys, mut placements, mut inputs) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (meta, key, placed) in policies {
            // Validated when the block was read.
            inputs.push(selectors(&meta.inputs));
            metas.push(meta);
            keys.push(key);
            placements.push(placed);
        }
        let code = by_kind
            .keys()
            .map(|kind| {
                (kind.clone(), bytecode::KindCode::new(format!("{COMBINED_PACKAGE}.{}.results", kind_ident(kind))))
            })
            .collect();
        // `TOLLGATE_POLICY_VM=0`: interpret everything (the escape hatch, and the baseline to
        // compare the bytecode path with).
        let evaluator = match std::env::var_os("TOLLGATE_POLICY_VM") {
            Some(v) if v == "0" => Evaluator::Interpreter,
            _ => Evaluator::Auto,
        };
        Ok((PolicySet { engine, policies: metas, keys, by_kind, inputs, code, evaluator }, placements))
    }

    pub fn policies(&self) -> &[PolicyMeta] {
        &self.policies
    }

    /// Does any policy look at files of this kind? (If not, the file is not even parsed.)
    pub fn applies_to(&self, kind: &str) -> bool {
        self.by_kind.contains_key(kind)
    }

    /// Evaluate with `evaluator` instead of [`Evaluator::Auto`].
    pub fn with_evaluator(mut self, evaluator: Evaluator) -> PolicySet {
        self.evaluator = evaluator;
        self
    }

    /// Can `kind`'s policies run as bytecode? The error says why they are interpreted.
    /// Compiles them now if no document of the kind has.
    pub fn bytecode_status(&self, kind: &str) -> Result<(), String> {
        let code = self.code.get(kind).ok_or_else(|| format!("no policy evaluates {kind} documents"))?;
        code.compiled(&self.engine).map(|_| ()).map_err(String::from)
    }

    /// The evaluators for one worker thread.
    pub fn worker(&self) -> Worker {
        Worker { engine: self.engine.clone(), vms: HashMap::new() }
    }

    /// Evaluate every policy for `kind` on one document and its facets.
    pub fn evaluate(
        &self,
        worker: &mut Worker,
        kind: &str,
        path: &str,
        document: &serde_json::Value,
        facets: &Facets,
    ) -> (Vec<Violation>, Vec<PolicyError>) {
        let mut violations = Vec::new();
        let mut errors = Vec::new();
        let Some(applicable) = self.by_kind.get(kind) else {
            return (violations, errors);
        };
        let limit = limits::time_limit(document);
        let input = Value::from(input(kind, path, document, facets));
        // Fast path: every policy of the kind in one evaluation, so helpers they share are
        // computed once; as bytecode where the kind runs on the VM, else interpreted. If
        // anything fails, interpret them one by one to blame the right policy.
        let code = self.code.get(kind);
        let vms = &mut worker.vms;
        let bytecode = code.and_then(|c| c.evaluate(&self.engine, self.evaluator, vms, kind, &input, path, limit));
        let engine = &mut worker.engine;
        limits::set_time_limit(engine, limit);
        engine.set_input(input.clone());
        let combined = || format!("{}.{}.results", COMBINED_PACKAGE, kind_ident(kind));
        let all = match bytecode {
            Some(Some(all)) if code.is_some_and(|c| c.verify(self.evaluator)) => {
                let interpreted = self.eval_guarded(engine, &input, combined(), path, &format!("the {kind} policies"));
                if interpreted.as_ref().is_ok_and(|i| to_json(i) == to_json(&all)) {
                    Ok(all)
                } else {
                    // A VM bug no rewrite covers: the interpreter's answer (or its error,
                    // which the one-by-one pass below blames) stands, and the kind is
                    // interpreted from now on.
                    code.expect("a VM result comes from a kind's code").diverged();
                    interpreted
                }
            }
            Some(Some(all)) => Ok(all),
            // The VM failed (over the time limit, a runtime error): the one-by-one evaluation
            // below blames a policy (a timeout costs what the combined interpretation did).
            Some(None) => Err(anyhow::anyhow!("the bytecode evaluation failed")),
            None => self.eval_guarded(engine, &input, combined(), path, &format!("the {kind} policies")),
        };
        if let Ok(Value::Object(all)) = all {
            for &i in applicable {
                let policy = &self.policies[i];
                let value = all.get(&Value::from(self.keys[i].as_str())).map(to_json).unwrap_or_default();
                match parse_violations(&value, i, &policy.partial_aliases) {
                    Ok(mut v) => violations.append(&mut v),
                    Err(message) => errors.push(PolicyError {
                        policy_source: policy.source.clone(),
                        message: format!("{} on {path}: {message}", policy.id),
                    }),
                }
            }
            return (violations, errors);
        }
        for &i in applicable {
            let policy = &self.policies[i];
            let error = |message: String| PolicyError { policy_source: policy.source.clone(), message };
            // A policy with inputs through its guard, so it is skipped where it would be above.
            let rule = if self.inputs[i].is_empty() {
                format!("{}.deny", policy.package)
            } else {
                format!("{COMBINED_PACKAGE}.{}.gated_{}", kind_ident(kind), self.keys[i])
            };
            match self.eval_guarded(engine, &input, rule, path, &policy.source) {
                Ok(Value::Undefined) => {}
                Ok(value) => match parse_violations(&to_json(&value), i, &policy.partial_aliases) {
                    Ok(mut v) => violations.append(&mut v),
                    Err(message) => errors.push(error(format!("{} on {path}: {message}", policy.id))),
                },
                Err(e) if limits::is_timeout(&e) => errors.push(error(format!(
                    "{} on {path}: evaluation stopped after {} s, the time limit for this file",
                    policy.id,
                    limit.as_secs()
                ))),
                Err(e) => errors.push(error(format!("{} failed on {path}: {e}", policy.id))),
            }
        }
        (violations, errors)
    }

    /// Evaluate `rule`, turning a panic inside the interpreter into an error. The engine may be
    /// left inconsistent by the panic, so it is replaced by a fresh clone with the same input.
    /// `path` and `what` name the evaluation if it breaches the memory ceiling ([`memory`]).
    fn eval_guarded(&self, engine: &mut Engine, input: &Value, rule: String, path: &str, what: &str) -> Result<Value> {
        let window = memory::Window::open(path, what);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.eval_rule(rule)));
        drop(window);
        match result {
            Ok(result) => result,
            Err(panic) => {
                *engine = self.engine.clone();
                engine.set_input(input.clone());
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                bail!("the policy engine panicked: {what}")
            }
        }
    }
}

/// An engine with no policies, set up as every evaluation needs.
fn new_engine() -> Result<Engine> {
    let mut engine = Engine::new();
    limits::apply(&mut engine)?;
    // A builtin given a value of the wrong type (`lower(7)`, `object.get` on a list) is
    // undefined, as in OPA, rather than an error: a YAML, JSON or HCL file can put any shape
    // anywhere, and one odd value must not fail every policy that reads it (exit 2). Limit
    // breaches and extension errors still propagate.
    engine.set_strict_builtin_errors(false);
    shell::register(&mut engine)?;
    Ok(engine)
}

/// The `input` a policy receives for one document: what `tollgate parse` prints.
pub fn input(kind: &str, path: &str, document: &serde_json::Value, facets: &Facets) -> serde_json::Value {
    serde_json::json!({"kind": kind, "path": path, "document": document, "facets": facets.to_json()})
}

/// Do two kind lists name the same kinds?
fn same_kinds(a: &[String], b: &[String]) -> bool {
    a.iter().all(|k| b.contains(k)) && b.iter().all(|k| a.contains(k))
}

fn to_json(value: &Value) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Seg;

    const LIB: &str = r#"package lib.util
is_public(cidr) if cidr == "0.0.0.0/0"
"#;
    const POLICY: &str = r#"package tollgate.test.open
import data.lib.util
metadata := {"id": "TG-TEST-001", "title": "Open", "severity": "high", "description": "d",
  "remediation": "r", "kinds": ["terraform"]}
deny contains v if {
  some name, sg in input.document.resource.aws_security_group
  some i, rule in sg.ingress
  some cidr in rule.cidr_blocks
  util.is_public(cidr)
  v := {"msg": sprintf("%s is open", [name]), "path": ["resource", "aws_security_group", name, "ingress", i, "cidr_blocks"]}
}
"#;

    fn set(extra: &str) -> Result<PolicySet> {
        let mut sources = vec![RegoSource::new("lib/util.rego", LIB), RegoSource::new("open.rego", POLICY)];
        if !extra.is_empty() {
            sources.push(RegoSource::new("extra.rego", extra));
        }
        PolicySet::new(&sources)
    }

    #[test]
    fn evaluates_and_reads_paths() {
        let set = set("").unwrap();
        assert_eq!(set.policies().len(), 1);
        assert!(set.applies_to("terraform") && !set.applies_to("kubernetes"));
        let doc = serde_json::json!({"resource": {"aws_security_group": {"web": {"ingress": [
            {"cidr_blocks": ["10.0.0.0/8"]}, {"cidr_blocks": ["0.0.0.0/0"]}]}}}});
        let mut engine = set.worker();
        let (v, e) = set.evaluate(&mut engine, "terraform", "main.tf", &doc, &Facets::default());
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].msg, "web is open");
        let want: Vec<Seg> = vec![
            "resource".into(),
            "aws_security_group".into(),
            "web".into(),
            "ingress".into(),
            1.into(),
            "cidr_blocks".into(),
        ];
        assert_eq!(v[0].path, want);
    }

    /// The same policy, its metadata in a `# METADATA` block.
    fn annotated(id: &str, package: &str) -> String {
        let body = POLICY.split_once("deny contains").unwrap().1;
        format!(
            "# METADATA\n# title: Open\n# description: d\n# custom:\n#   id: {id}\n#   severity: high\n\
             #   remediation: r\n#   kinds: [terraform]\npackage {package}\nimport data.lib.util\ndeny contains{body}"
        )
    }

    #[test]
    fn block_and_rule_metadata_load_side_by_side() {
        let doc = serde_json::json!({"resource": {"aws_security_group": {"web": {"ingress": [
            {"cidr_blocks": ["0.0.0.0/0"]}]}}}});
        let only_blocks = vec![
            RegoSource::new("lib/util.rego", LIB),
            RegoSource::new("a.rego", annotated("TG-TEST-010", "tollgate.test.a")),
        ];
        let mixed = [only_blocks.clone(), vec![RegoSource::new("open.rego", POLICY)]].concat();
        for (sources, ids) in [(only_blocks, vec!["TG-TEST-010"]), (mixed, vec!["TG-TEST-001", "TG-TEST-010"])] {
            let set = PolicySet::new(&sources).unwrap();
            let got: Vec<&str> = set.policies().iter().map(|p| p.id.as_str()).collect();
            assert_eq!(got, ids);
            assert!(set.policies().iter().all(|p| p.kinds == ["terraform"] && p.title == "Open"));
            let mut engine = set.worker();
            let (v, e) = set.evaluate(&mut engine, "terraform", "main.tf", &doc, &Facets::default());
            assert!(e.is_empty() && v.len() == ids.len(), "{v:?} {e:?}");
        }
        // A malformed block stops the load, naming the file and the field.
        let broken = annotated("TG-TEST-011", "tollgate.test.b").replace("severity: high", "severity: hihg");
        let e = format!("{:#}", set(&broken).err().unwrap());
        assert!(e.contains("extra.rego") && e.contains("custom.severity"), "{e}");
    }

    #[test]
    fn bad_metadata_and_duplicate_ids_are_load_errors() {
        let no_meta = "package x\ndeny contains {\"msg\": \"m\"} if true\n";
        let e = format!("{:#}", set(no_meta).err().unwrap());
        assert!(e.contains("extra.rego") && e.contains("metadata"), "{e}");
        let dup = POLICY.replace("tollgate.test.open", "tollgate.test.dup");
        assert!(format!("{:#}", set(&dup).err().unwrap()).contains("already used"));
        assert!(set("package broken\ndeny contains x if {").is_err());
    }

    #[test]
    fn kinds_the_text_does_not_show_still_place_the_policy() {
        let doc = serde_json::json!({"resource": {"aws_security_group": {"web": {"ingress": [
            {"cidr_blocks": ["0.0.0.0/0"]}]}}}});
        let computed = POLICY
            .replace("\"kinds\": [\"terraform\"]", "\"kinds\": kinds")
            .replace("deny contains", "kinds := [\"terraform\"]\ndeny contains");
        let decoy = format!("# metadata used to say \"kinds\": [\"kubernetes\"]\n{POLICY}");
        for text in [computed, decoy] {
            // A second, plainly declared Terraform policy, so the kind's combined module exists
            // whether or not the first one was placed in it.
            let plain =
                POLICY.replace("tollgate.test.open", "tollgate.test.plain").replace("TG-TEST-001", "TG-TEST-003");
            let sources = vec![
                RegoSource::new("lib/util.rego", LIB),
                RegoSource::new("open.rego", text),
                RegoSource::new("plain.rego", plain),
            ];
            let set = PolicySet::new(&sources).unwrap();
            assert!(set.applies_to("terraform") && !set.applies_to("kubernetes"));
            let mut engine = set.worker();
            let (v, e) = set.evaluate(&mut engine, "terraform", "main.tf", &doc, &Facets::default());
            assert!(e.is_empty() && v.len() == 2, "{v:?} {e:?}");
        }
    }

    #[test]
    fn the_combined_rules_evaluate() {
        // If they did not, every evaluation would quietly take the slow path.
        let set = set("").unwrap();
        let mut engine = set.engine.clone();
        let metadata = engine.eval_rule(format!("{COMBINED_PACKAGE}.metadata")).unwrap();
        assert_eq!(metadata.as_object().unwrap().len(), 1);
        engine.set_input(Value::from(serde_json::json!({"document": {}})));
        let results = engine.eval_rule(format!("{COMBINED_PACKAGE}.terraform.results")).unwrap();
        assert_eq!(results.as_object().unwrap().len(), 1);
    }

    #[test]
    fn a_policy_runs_only_where_its_inputs_are() {
        // Fires on any document; declared to inspect RDS instances only.
        let gated = "# METADATA\n# title: Gated\n# description: d\n# custom:\n#   id: TG-TEST-020\n\
                     #   severity: low\n#   remediation: r\n#   kinds: [terraform]\n\
                     #   inputs: [resource:aws_db_instance]\npackage tollgate.test.gated\n\
                     deny contains {\"msg\": \"ran\"} if true\n";
        let policies = set(gated).unwrap();
        let mut engine = policies.worker();
        let ids = |doc: serde_json::Value, engine: &mut Worker| {
            let (v, e) = policies.evaluate(engine, "terraform", "main.tf", &doc, &Facets::default());
            assert!(e.is_empty(), "{e:?}");
            let mut ids: Vec<&str> = v.iter().map(|v| policies.policies()[v.policy].id.as_str()).collect();
            ids.sort();
            ids.into_iter().map(String::from).collect::<Vec<_>>()
        };
        let open = serde_json::json!({"resource": {"aws_security_group": {"web": {"ingress": [
            {"cidr_blocks": ["0.0.0.0/0"]}]}}}});
        // The ungated policy still runs beside it.
        assert_eq!(ids(open.clone(), &mut engine), ["TG-TEST-001"]);
        let mut with_db = open;
        with_db["resource"]["aws_db_instance"] = serde_json::json!({"db": {}});
        assert_eq!(ids(with_db, &mut engine), ["TG-TEST-001", "TG-TEST-020"]);
        // CloudFormation types, facets, Kubernetes objects and kinds gate the same way.
        let forms = "# METADATA\n# title: Forms\n# description: d\n# custom:\n#   id: TG-TEST-021\n\
                     #   severity: low\n#   remediation: r\n#   kinds: [cloudformation, kubernetes, dockerfile]\n\
                     #   inputs: [resource:AWS::RDS::DBInstance, object:Pod, facet:scripts, kind:dockerfile]\n\
                     package tollgate.test.forms\ndeny contains {\"msg\": \"ran\"} if true\n";
        let forms = set(forms).unwrap();
        let mut engine = forms.worker();
        let mut fires = |kind: &str, doc: serde_json::Value, facets: &Facets| {
            let (v, e) = forms.evaluate(&mut engine, kind, "f", &doc, facets);
            assert!(e.is_empty(), "{e:?}");
            !v.is_empty()
        };
        let none = Facets::default();
        let db = serde_json::json!({"Resources": {"Db": {"Type": "AWS::RDS::DBInstance"}, "Odd": 3}});
        assert!(fires("cloudformation", db, &none));
        assert!(!fires("cloudformation", serde_json::json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}), &none));
        assert!(fires("kubernetes", serde_json::json!({"kind": "Pod"}), &none));
        assert!(!fires("kubernetes", serde_json::json!({"kind": "ConfigMap"}), &none));
        let mut scripts = Facets::default();
        let script = crate::facets::Script { path: Vec::new(), script: "true".into(), shell: None, origin: "x".into() };
        scripts.scripts.push(script);
        assert!(fires("kubernetes", serde_json::json!({"kind": "Service"}), &scripts));
        assert!(fires("dockerfile", serde_json::json!([]), &none));
        // A bad input is a load error naming the file and the field.
        let e = format!("{:#}", set(&gated.replace("resource:aws_db_instance", "facet:ports")).err().unwrap());
        assert!(e.contains("extra.rego") && e.contains("`inputs`") && e.contains("facet:ports"), "{e}");
    }

    #[test]
    fn runtime_errors_and_malformed_violations_are_reported() {
        let bad = r#"package tollgate.test.bad
metadata := {"id": "TG-TEST-002", "title": "t", "severity": "low", "description": "d", "remediation": "r", "kinds": ["terraform"]}
deny contains v if { v := {"message": "no msg key"} }
"#;
        let set = set(bad).unwrap();
        let mut engine = set.worker();
        let (_, errors) = set.evaluate(&mut engine, "terraform", "main.tf", &serde_json::json!({}), &Facets::default());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].policy_source, "extra.rego");
        assert!(errors[0].message.contains("msg"));
    }
}
