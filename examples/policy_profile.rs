//! Where policy evaluation time goes: parse the given files once, then evaluate the built-in
//! policies over all their documents, together and each one alone (best of three runs each),
//! and print the slowest. A policy alone includes the fixed per-document cost (building the
//! engine's `input`), which the gated-off policies show.
//!
//! `cargo run --release --example policy_profile -- $(find infra -name '*.tf')`; set
//! `ONLY=TG-NET-001` to time one policy (e.g. under `perf record`).
use std::time::Instant;
use tollgate::classify::classify;
use tollgate::policy::{PolicySet, builtin_sources};
use tollgate::syntax::terraform::ModuleCache;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let modules = ModuleCache::default();
    let mut docs = Vec::new();
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        let kind = classify(p, &bytes);
        let path = std::path::Path::new(p);
        if let Ok(Some(ds)) = tollgate::kinds::documents(kind, &bytes, p, Some(path), &modules) {
            for d in ds {
                let facets = kind.kind().facets(&d);
                docs.push((kind.kind().id(), p.clone(), d.value, facets));
            }
        }
    }
    eprintln!("{} documents", docs.len());
    let sources = builtin_sources();
    let all = PolicySet::new(&sources).unwrap();
    let time = |set: &PolicySet| {
        let mut best = (f64::MAX, 0);
        for _ in 0..3 {
            let mut engine = set.worker();
            let t = Instant::now();
            let mut n = 0;
            for (kind, path, doc, facets) in &docs {
                n += set.evaluate(&mut engine, kind, path, doc, facets).0.len();
            }
            best = (best.0.min(t.elapsed().as_secs_f64() * 1000.0), n);
        }
        best
    };
    let (ms, n) = time(&all);
    println!("{ms:8.1} ms {n:5} ALL");
    let only = std::env::var("ONLY").ok();
    let mut rows = Vec::new();
    for meta in all.policies().iter().filter(|m| only.as_ref().is_none_or(|o| *o == m.id)) {
        let one: Vec<_> = sources
            .iter()
            .filter(|s| !s.is_test() && (s.annotation().ok().flatten().is_none_or(|m| m.id == meta.id)))
            .cloned()
            .collect();
        let set = PolicySet::new(&one).unwrap();
        let (ms, n) = time(&set);
        rows.push((ms, n, meta.id.clone()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, n, id) in rows.iter().take(25) {
        println!("{ms:8.1} ms {n:5} {id}");
    }
}
