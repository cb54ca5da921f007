//! Property-based fuzzing on stable Rust: every syntax reader and the whole scan, over inputs
//! made by mutating the files under `fixtures/`.
//!
//! Each `#[test]` here is one target: a reader (YAML, JSON, Terraform, Dockerfile, the shell
//! reader behind `tollgate.shell_pipelines`) or the whole per-file scan (classify, secrets,
//! parse, policies, suppression, every report format). [`corpus`] picks the target's seeds,
//! [`mutate`] turns a seed into a case (proptest values, so failures shrink), [`runner`] runs
//! each case in a thread under a time limit and keeps failing inputs under
//! `target/fuzz-failures/`, and [`properties`] says what must hold.
//!
//! `cargo test --test fuzz` runs a few hundred cases per target (well under a minute in a debug
//! build). For a long run: `TOLLGATE_FUZZ_CASES=100000 TOLLGATE_FUZZ_SEED=7 cargo test --test
//! fuzz -- --nocapture`. The README's "Fuzzing" section has the rest (scaling, replay).

mod corpus;
mod mutate;
mod properties;
mod runner;

use runner::{Target, fuzz};

#[test]
fn fuzz_yaml() {
    fuzz(Target { name: "yaml", seeds: corpus::yaml, check: properties::yaml, default_cases: 200 });
}

#[test]
fn fuzz_json() {
    fuzz(Target { name: "json", seeds: corpus::json, check: properties::json, default_cases: 200 });
}

#[test]
fn fuzz_terraform() {
    fuzz(Target { name: "terraform", seeds: corpus::terraform, check: properties::terraform, default_cases: 200 });
}

#[test]
fn fuzz_dockerfile() {
    fuzz(Target { name: "dockerfile", seeds: corpus::dockerfile, check: properties::dockerfile, default_cases: 200 });
}

#[test]
fn fuzz_shell() {
    fuzz(Target { name: "shell", seeds: corpus::shell, check: properties::shell, default_cases: 200 });
}

#[test]
fn fuzz_scan() {
    fuzz(Target { name: "scan", seeds: corpus::scan, check: properties::scan, default_cases: 60 });
}
