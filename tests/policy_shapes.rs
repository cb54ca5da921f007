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

use common::repo_root;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;
use tollgate::classify::{FileKind, classify};
use tollgate::kinds::documents;
use tollgate::policy::select::sources_for_kind;
use tollgate::policy::{PolicySet, builtin_sources};
use tollgate::syntax::terraform::ModuleCache;

/// Nodes mutated per document, spread evenly over it.
const NODES_PER_DOCUMENT: usize = 10;

const ODD_STRING: &str = "a(b.*[{$}]\\";

fn odd_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(7),
        json!(-1.5),
        json!(true),
        json!(ODD_STRING),
        json!(""),
        json!([]),
        json!([null, 7, ODD_STRING, {"k": []}]),
        json!({}),
        json!({ODD_STRING: {ODD_STRING: null}}),
        json!({"Fn::If": [ODD_STRING, {}, null]}),
    ]
}

/// Every node of `doc` as a JSON pointer, in document order.
fn pointers(doc: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match doc {
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        Value::Object(map) => {
            map.iter().for_each(|(k, v)| pointers(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out))
        }
        _ => {}
    }
}

/// `count` pointers spread evenly over `all`.
fn spread(all: &[String], count: usize) -> Vec<&String> {
    if all.len() <= count {
        return all.iter().collect();
    }
    (0..count).map(|k| &all[k * all.len() / count]).collect()
}

/// The mutants of one document, each with a description.
fn mutants(doc: &Value, kind: FileKind) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    if kind.id() == "dockerfile" {
        for at in all.iter().filter(|p| doc.pointer(p).is_some_and(Value::is_string)) {
            let mut m = doc.clone();
            *m.pointer_mut(at).unwrap() = json!(ODD_STRING);
            out.push((format!("{at} = {ODD_STRING:?}"), m));
        }
        return out;
    }
    for at in spread(&all, NODES_PER_DOCUMENT) {
        for value in odd_values() {
            let mut m = doc.clone();
            *m.pointer_mut(at).unwrap() = value.clone();
            out.push((format!("{at:?} = {value}"), m));
        }
        // Rename an object's keys to regex metacharacters (a resource or job named `a(b`).
        if let Some(Value::Object(map)) = doc.pointer(at) {
            let mut renamed = serde_json::Map::new();
            for (i, (_, v)) in map.iter().enumerate() {
                renamed.insert(format!("{ODD_STRING}{i}"), v.clone());
            }
            let mut m = doc.clone();
            *m.pointer_mut(at).unwrap() = Value::Object(renamed);
            out.push((format!("{at:?} keys renamed"), m));
        }
    }
    out
}

/// Every `bad` policy fixture file (they reach deepest into each policy), with its kind.
fn fixtures() -> Vec<(String, FileKind, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(String, FileKind, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.file_name().is_some_and(|n| n != "expected.txt")
                && path.components().any(|c| c.as_os_str() == "bad")
            {
                let bytes = std::fs::read(&path).unwrap();
                let shown = path.strip_prefix(repo_root()).unwrap_or(&path).display().to_string();
                let kind = classify(&shown, &bytes);
                out.push((shown, kind, bytes));
            }
        }
    }
    let mut out = Vec::new();
    for check in common::checks() {
        walk(&check.dir.join("examples"), &mut out);
    }
    out
}

#[test]
fn no_builtin_policy_errors_on_any_shape() {
    let sources = builtin_sources();
    let modules = ModuleCache::default();
    let mut sets: Vec<(String, PolicySet)> = Vec::new();
    let mut failures: BTreeSet<String> = BTreeSet::new();
    let mut evaluated = 0;
    for (path, kind, bytes) in fixtures() {
        let name = kind.name().into_owned();
        if !sets.iter().any(|(k, _)| *k == name) {
            let needed: Vec<_> = sources_for_kind(&sources, &name).into_iter().cloned().collect();
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
