//! The bytecode VM and the interpreter agree: every built-in policy's examples (good and bad)
//! and odd shapes of its bad ones ([`common::shapes`]) are evaluated by the kind's policy set
//! both ways, and the violations (policy, message, path, text, parts, ...) and errors must be
//! identical. The VM is the default evaluator wherever a kind compiles to it, so this is what
//! makes its results trustworthy (see `tollgate::policy::bytecode`).
//!
//! Also: every built-in kind does compile (a policy or library change that sends a kind back
//! to the interpreter is a visible failure, not a silent slow-down), and a user policy that
//! the VM cannot run safely is interpreted with the same results.

mod common;

use common::shapes::{NODES_PER_DOCUMENT, fixtures, mutants, odd_values};
use serde_json::Value;
use std::collections::BTreeMap;
use tollgate::facets::Facets;
use tollgate::kinds::documents;
use tollgate::policy::select::sources_for_kind;
use tollgate::policy::{Evaluator, PolicySet, RegoSource, Worker, builtin_sources};
use tollgate::syntax::terraform::ModuleCache;

/// One kind's set, evaluated both ways, and as a scan does (`Auto`: interpreted first, then
/// the VM, its first results checked against the interpreter).
struct Both {
    interpreted: PolicySet,
    bytecode: PolicySet,
    auto: PolicySet,
    workers: (Worker, Worker, Worker),
}

impl Both {
    fn new(sources: &[RegoSource]) -> Both {
        let interpreted = PolicySet::new(sources).unwrap().with_evaluator(Evaluator::Interpreter);
        let bytecode = PolicySet::new(sources).unwrap().with_evaluator(Evaluator::Bytecode);
        let auto = PolicySet::new(sources).unwrap();
        let workers = (interpreted.worker(), bytecode.worker(), auto.worker());
        Both { interpreted, bytecode, auto, workers }
    }

    /// The difference between the two evaluations of one document, if any.
    fn differs(&mut self, kind: &str, path: &str, doc: &Value, facets: &Facets) -> Option<String> {
        let shown =
            |set: &PolicySet, (v, e): (Vec<tollgate::policy::Violation>, Vec<tollgate::policy::PolicyError>)| {
                let mut lines: Vec<String> =
                    v.iter().map(|v| format!("{} {v:?}", set.policies()[v.policy].id)).collect();
                lines.extend(e.iter().map(|e| format!("error {}: {}", e.policy_source, e.message)));
                lines.sort();
                lines
            };
        let a = shown(&self.interpreted, self.interpreted.evaluate(&mut self.workers.0, kind, path, doc, facets));
        let b = shown(&self.bytecode, self.bytecode.evaluate(&mut self.workers.1, kind, path, doc, facets));
        let c = shown(&self.auto, self.auto.evaluate(&mut self.workers.2, kind, path, doc, facets));
        (a != b || a != c).then(|| {
            format!("interpreter:\n  {}\nvm:\n  {}\nauto:\n  {}", a.join("\n  "), b.join("\n  "), c.join("\n  "))
        })
    }
}

#[test]
fn the_vm_agrees_with_the_interpreter_on_every_example_and_shape() {
    let sources = builtin_sources();
    let modules = ModuleCache::default();
    let mut sets: BTreeMap<String, Both> = BTreeMap::new();
    let mut failures = Vec::new();
    let (mut evaluated, mut fired) = (0, 0);
    for (path, kind, bytes) in fixtures(&["bad", "good"]) {
        let name = kind.name().into_owned();
        let both = sets.entry(name.clone()).or_insert_with(|| {
            let needed: Vec<_> = sources_for_kind(&sources, &name, None).into_iter().cloned().collect();
            Both::new(&needed)
        });
        if !both.interpreted.applies_to(&name) {
            continue;
        }
        let Ok(Some(docs)) = documents(kind, &bytes, &path, None, &modules) else { continue };
        let bad = path.contains("/bad/");
        for doc in docs {
            let mut cases = vec![("as written".to_string(), doc.value.clone())];
            if bad {
                // Fewer nodes than policy_shapes.rs: each mutant is evaluated twice here.
                cases.extend(mutants(&doc.value, kind).into_iter().step_by(NODES_PER_DOCUMENT / 5));
                if kind.id() != "dockerfile" {
                    cases.extend(odd_values().into_iter().map(|v| (format!("document = {v}"), v)));
                }
            }
            for (what, value) in cases {
                evaluated += 1;
                let facets = kind.kind().facets(&tollgate::syntax::Document { value: value.clone(), ..doc.clone() });
                if let Some(diff) = both.differs(&name, &path, &value, &facets) {
                    failures.push(format!("{path} ({what}):\n{diff}"));
                }
                fired += usize::from(bad && what == "as written");
            }
        }
    }
    assert!(evaluated > 1000 && fired > 100, "only {evaluated} documents evaluated");
    assert!(
        failures.is_empty(),
        "{} differences, e.g.\n{}",
        failures.len(),
        failures[..failures.len().min(3)].join("\n")
    );
    // Every built-in kind ran on the VM above, not on the interpreter fallback, but Ansible:
    // the RVM compiler has no `walk` (lib.ansible finds tasks with it).
    let interpreted: Vec<String> = sets
        .iter()
        .filter_map(|(kind, both)| both.bytecode.bytecode_status(kind).err().map(|why| format!("{kind}: {why}")))
        .collect();
    assert!(
        interpreted.len() == 1 && interpreted[0].starts_with("ansible: ") && interpreted[0].contains("walk"),
        "kinds interpreted, not run as bytecode:\n{}",
        interpreted.join("\n")
    );
    // As a scan runs them, no kind's first VM results differed from the interpreter's (which
    // would send the kind back to the interpreter for the rest of the scan).
    let diverged: Vec<String> = sets
        .iter()
        .filter(|(kind, _)| kind.as_str() != "ansible")
        .filter_map(|(kind, both)| both.auto.bytecode_status(kind).err().map(|why| format!("{kind}: {why}")))
        .collect();
    assert!(diverged.is_empty(), "kinds whose VM results were not the interpreter's:\n{}", diverged.join("\n"));
}

/// A user policy `# METADATA` block around `body` (package `user.p`, Terraform, importing
/// `data.lib.items`).
fn user_policy(body: &str) -> Vec<RegoSource> {
    let lib = "package lib.items\ngrants := [st | some st in input.document.items; st.ok]\n";
    let policy = format!(
        "# METADATA\n# title: T\n# description: d\n# custom:\n#   id: TG-TEST-900\n#   severity: low\n\
         #   remediation: r\n#   kinds: [terraform]\npackage user.p\nimport data.lib.items\n{body}"
    );
    vec![RegoSource::new("lib.rego", lib), RegoSource::new("p.rego", policy)]
}

/// The regorus 0.14.1 VM bugs (`docs/notes/rvm-0.14.1-bugs.md`) in user policies: those
/// tollgate rewrites around run on the VM, the others are interpreted, and the results are the
/// interpreter's either way.
#[test]
fn user_policies_the_vm_would_get_wrong_run_right() {
    let shell = "count(tollgate.shell_commands(\"true\")) > 0";
    let cases = [
        // A rule through an import alias, with a host function: shimmed, on the VM.
        (format!("deny contains {{\"msg\": st.name}} if {{\n  some st in items.grants\n  {shell}\n}}\n"), None),
        // A whole package as a value, with a host function: interpreted.
        (
            format!(
                "deny contains {{\"msg\": st.name}} if {{\n  all := data.lib.items\n  some st in all.grants\n  {shell}\n}}\n"
            ),
            Some("virtual document"),
        ),
        // `:=` of an undefined value: guarded, on the VM.
        (
            "deny contains {\"msg\": \"m\"} if {\n  x := input.document.nothing\n  not x\n}\n\
             deny contains {\"msg\": \"n\"} if true\n"
                .into(),
            None,
        ),
        (
            "name(st) := n if { n := st.missing } else := st.name\n\
             deny contains {\"msg\": name(st)} if { some st in input.document.items }\n"
                .into(),
            None,
        ),
        // An `else` after a loop: interpreted.
        (
            "f(xs) := 1 if { some x in xs; x == 9 } else := 2\n\
             deny contains {\"msg\": sprintf(\"%d\", [f(input.document.items)])} if true\n"
                .into(),
            Some("`else` after a body that may iterate"),
        ),
        // A multi-value rule: interpreted.
        (
            "by_ok[ok] contains st.name if { some st in input.document.items; ok := st.ok }\n\
             deny contains {\"msg\": sprintf(\"%v\", [by_ok])} if true\n"
                .into(),
            Some("multi-value rule"),
        ),
    ];
    let doc = serde_json::json!({"items": [{"ok": true, "name": "a"}, {"ok": false, "name": "b"}]});
    for (body, interpreted) in cases {
        let mut both = Both::new(&user_policy(&body));
        match (both.bytecode.bytecode_status("terraform"), interpreted) {
            (Ok(()), None) => {}
            (Err(why), Some(says)) => assert!(why.contains(says), "{body}: {why}"),
            (status, _) => panic!("{body}: {status:?}"),
        }
        assert_eq!(both.differs("terraform", "main.tf", &doc, &Facets::default()), None, "{body}");
        let (v, e) = both.bytecode.evaluate(&mut both.workers.1, "terraform", "main.tf", &doc, &Facets::default());
        assert!(e.is_empty() && !v.is_empty(), "{body}: {v:?} {e:?}");
    }
}

/// The limits hold on the VM path: a policy over the time limit or asking for a huge range
/// stops the VM, and the interpreter's one-by-one evaluation then reports it against the policy.
#[test]
fn limits_hold_on_the_vm_path() {
    let runaway = "deny contains {\"msg\": \"m\"} if {\n n := numbers.range(1, 3000)\n \
                   k := count([1 | some a in n; some b in n; some c in n])\n k < 0\n}\n";
    let huge = "deny contains {\"msg\": \"m\"} if count(numbers.range(1, 1e9)) > 0\n";
    for (body, says) in [(runaway, "evaluation stopped after 5 s"), (huge, "numbers.range")] {
        let set = PolicySet::new(&user_policy(body)).unwrap().with_evaluator(Evaluator::Bytecode);
        assert_eq!(set.bytecode_status("terraform"), Ok(()));
        let started = std::time::Instant::now();
        let (v, e) =
            set.evaluate(&mut set.worker(), "terraform", "main.tf", &serde_json::json!({}), &Facets::default());
        assert!(v.is_empty() && e.len() == 1 && e[0].message.contains(says), "{v:?} {e:?}");
        // The VM's run and the interpreter's, each stopped at the limit.
        assert!(started.elapsed().as_secs() < 15, "{:?}", started.elapsed());
    }
}
