//! Built-in policies never raise an error on a parseable file, whatever its shape.
//!
//! Every policy's `bad` fixture is parsed as its kind, then mutated: the whole document and a spread of
//! its nodes are replaced by each of a set of odd values (scalars where objects are expected,
//! objects where strings are, nulls, empty and nested collections, strings full of regex
//! metacharacters), and object keys are renamed to such strings. Each mutant is evaluated by
//! every policy of the kind, and any policy error fails the test with the policy, the fixture
//! and the mutation. A YAML, JSON or HCL file can hold each of these shapes, so a policy that
//! errors on one would fail a real scan with exit 2.
//!
//! Dockerfile documents are built by tollgate's own parser (a list of instructions of a fixed
//! shape), so only their strings are mutated.

mod common;

use common::shapes::{fixtures, mutants, odd_values};
use std::collections::BTreeSet;
use tollgate::kinds::documents;
use tollgate::policy::select::sources_for_kind;
use tollgate::policy::{PolicySet, builtin_sources};
use tollgate::syntax::terraform::ModuleCache;

#[test]
fn no_builtin_policy_errors_on_any_shape() {
    let sources = builtin_sources();
    let modules = ModuleCache::default();
    let mut sets: Vec<(String, PolicySet)> = Vec::new();
    let mut failures: BTreeSet<String> = BTreeSet::new();
    let mut evaluated = 0;
    for (path, kind, bytes) in fixtures(&["bad"]) {
        let name = kind.name().into_owned();
        if !sets.iter().any(|(k, _)| *k == name) {
            let needed: Vec<_> = sources_for_kind(&sources, &name, None).into_iter().cloned().collect();
            sets.push((name.clone(), PolicySet::new(&needed).unwrap()));
        }
        let set = &sets.iter().find(|(k, _)| *k == name).unwrap().1;
        if !set.applies_to(&name) {
            continue;
        }
        let Ok(Some(docs)) = documents(kind, &bytes, &path, None, &modules) else { continue };
        let mut engine = set.worker();
        for doc in docs {
            let mut cases = mutants(&doc.value, kind);
            if kind.id() != "dockerfile" {
                cases.extend(odd_values().into_iter().map(|v| (format!("document = {v}"), v)));
            }
            for (what, mutant) in cases {
                evaluated += 1;
                let facets = kind.kind().facets(&tollgate::syntax::Document { value: mutant.clone(), ..doc.clone() });
                let (_, errors) = set.evaluate(&mut engine, &name, &path, &mutant, &facets);
                for e in errors {
                    // One line per policy and helper line is enough to act on.
                    let first = e.message.lines().find(|l| l.contains("-->")).unwrap_or("").trim().to_string();
                    let cause = e.message.lines().last().unwrap_or("").to_string();
                    failures.insert(format!("{first}: {cause}\n    e.g. {} on {path} with {what}", e.policy_source));
                }
            }
        }
    }
    assert!(evaluated > 1000, "only {evaluated} mutants evaluated");
    // Keep one example per failing line of Rego.
    let mut seen = BTreeSet::new();
    let report: Vec<&String> =
        failures.iter().filter(|f| seen.insert(f.split(": ").next().unwrap_or("").to_string())).collect();
    assert!(report.is_empty(), "{} policy errors on parseable shapes:\n{}", report.len(), {
        report.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    });
}
