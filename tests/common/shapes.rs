//! Odd shapes of the policies' example documents, shared by the tests that evaluate them
//! (`policy_shapes.rs`: no built-in policy errors on any; `policy_vm.rs`: the bytecode VM and
//! the interpreter agree on all).

use super::repo_root;
use serde_json::{Value, json};
use std::path::Path;
use tollgate::classify::{FileKind, classify};

/// Nodes mutated per document, spread evenly over it.
pub const NODES_PER_DOCUMENT: usize = 10;

const ODD_STRING: &str = "a(b.*[{$}]\\";

pub fn odd_values() -> Vec<Value> {
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
pub fn mutants(doc: &Value, kind: FileKind) -> Vec<(String, Value)> {
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

/// Every policy fixture file under an `examples/<side>` folder, with its kind, for each side
/// of `sides` (`bad` ones reach deepest into each policy).
pub fn fixtures(sides: &[&str]) -> Vec<(String, FileKind, Vec<u8>)> {
    let sides: Vec<String> = sides.iter().map(|s| s.to_string()).collect();
    fn walk(dir: &Path, sides: &[String], out: &mut Vec<(String, FileKind, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, sides, out);
            } else if path.file_name().is_some_and(|n| n != "expected.txt")
                && path.components().any(|c| sides.iter().any(|s| c.as_os_str() == s.as_str()))
            {
                let bytes = std::fs::read(&path).unwrap();
                let shown = path.strip_prefix(repo_root()).unwrap_or(&path).display().to_string();
                let kind = classify(&shown, &bytes);
                out.push((shown, kind, bytes));
            }
        }
    }
    let mut out = Vec::new();
    for check in super::checks() {
        walk(&check.dir.join("examples"), &sides, &mut out);
    }
    out
}
