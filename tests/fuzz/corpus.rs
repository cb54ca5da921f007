//! The seeds the mutator starts from: the files under `fixtures/` and the checks' examples
//! (`policies/**/examples/`), grouped by the reader that
//! takes them, plus seeds derived from them where the fixtures alone are thin (JSON renderings
//! of the YAML documents, the scripts found inside pipeline files).
//!
//! A seed keeps its fixture-relative path, because the whole scan classifies a file by its path
//! (`.github/workflows/`, `Dockerfile`, `buildspec.yml`), and its siblings, because a Terraform
//! file is read in the context of the other `.tf` files of its directory.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;
use tollgate::classify::{FileKind, classify};
use tollgate::syntax::{dockerfile, yaml};

/// One starting file.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Path relative to the case directory, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
    /// Other files written beside it, unmutated (a Terraform module's other files).
    pub siblings: Vec<(String, Vec<u8>)>,
}

impl Seed {
    fn new(path: impl Into<String>, bytes: Vec<u8>) -> Seed {
        Seed { path: path.into(), bytes, siblings: Vec::new() }
    }
}

/// Every file under `fixtures/` (paths relative to it) and every check's examples
/// (`policies/.../examples/...`, relative to the repository), read once, with `/`-separated
/// relative paths.
pub fn fixtures() -> &'static [Seed] {
    static FIXTURES: OnceLock<Vec<Seed>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for (root, base) in
            [(repo.join("fixtures"), repo.join("fixtures")), (repo.join("policies"), repo.to_path_buf())]
        {
            let mut dirs = vec![root];
            while let Some(dir) = dirs.pop() {
                for entry in fs::read_dir(&dir).expect("fixtures are readable") {
                    let path = entry.expect("fixture entry").path();
                    let rel = path.strip_prefix(&base).unwrap().to_string_lossy().replace('\\', "/");
                    if path.is_dir() {
                        dirs.push(path);
                    } else if !rel.starts_with("policies/") || (rel.contains("/examples/") && !rel.ends_with(".snap")) {
                        out.push(Seed::new(rel, fs::read(&path).expect("fixture is readable")));
                    }
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        assert!(out.len() > 50, "expected the fixtures tree, found {} files", out.len());
        out
    })
}

fn ends_with_any(path: &str, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|s| path.ends_with(s))
}

fn kind_of(seed: &Seed) -> FileKind {
    classify(&seed.path, &seed.bytes)
}

/// YAML files of any kind.
pub fn yaml() -> Vec<Seed> {
    fixtures().iter().filter(|s| ends_with_any(&s.path, &[".yml", ".yaml"])).cloned().collect()
}

/// JSON fixtures, plus every YAML fixture's documents rendered as JSON twice: indented, and
/// minified on one line (the shape of a generated CloudFormation template).
pub fn json() -> Vec<Seed> {
    let mut out: Vec<Seed> = fixtures().iter().filter(|s| s.path.ends_with(".json")).cloned().collect();
    for seed in yaml() {
        let Ok(docs) = yaml::parse_yaml(&seed.bytes) else { continue };
        for (i, doc) in docs.iter().enumerate() {
            let pretty = serde_json::to_vec_pretty(&doc.value).unwrap();
            let compact = serde_json::to_vec(&doc.value).unwrap();
            out.push(Seed::new(format!("{}.{i}.json", seed.path), pretty));
            out.push(Seed::new(format!("{}.{i}.min.json", seed.path), compact));
        }
    }
    out
}

/// `.tf` files, each with the other Terraform files of its directory as siblings.
pub fn terraform() -> Vec<Seed> {
    let is_tf = |s: &Seed| ends_with_any(&s.path, &[".tf", ".tfvars"]);
    let dir_of = |p: &str| p.rsplit_once('/').map_or(String::new(), |(d, _)| d.to_string());
    fixtures()
        .iter()
        .filter(|s| s.path.ends_with(".tf"))
        .map(|seed| {
            let dir = dir_of(&seed.path);
            let siblings = fixtures()
                .iter()
                .filter(|o| is_tf(o) && o.path != seed.path && dir_of(&o.path) == dir)
                .map(|o| (o.path.clone(), o.bytes.clone()))
                .collect();
            Seed { siblings, ..seed.clone() }
        })
        .collect()
}

/// Dockerfiles.
pub fn dockerfile() -> Vec<Seed> {
    fixtures().iter().filter(|s| kind_of(s).id() == "dockerfile").cloned().collect()
}

/// Shell scripts: the `.sh` fixtures, the `RUN` commands of the Dockerfiles and every string in
/// a YAML document that looks like a command (has a space), which is where `run:`, `script:`
/// and `commands:` live.
pub fn shell() -> Vec<Seed> {
    let mut scripts: Vec<String> = fixtures()
        .iter()
        .filter(|s| s.path.ends_with(".sh"))
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
        .collect();
    let mut values = Vec::new();
    for seed in yaml() {
        if let Ok(docs) = yaml::parse_yaml(&seed.bytes) {
            values.extend(docs.into_iter().map(|d| d.value));
        }
    }
    for seed in dockerfile() {
        if let Ok(doc) = dockerfile::parse_dockerfile(&seed.bytes) {
            values.push(doc.value);
        }
    }
    while let Some(v) = values.pop() {
        match v {
            serde_json::Value::String(s) if s.contains(' ') => scripts.push(s),
            serde_json::Value::Array(items) => values.extend(items),
            serde_json::Value::Object(map) => values.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    scripts.sort();
    scripts.dedup();
    scripts.into_iter().map(|s| Seed::new("script.sh", s.into_bytes())).collect()
}

/// Every fixture, as the whole scan sees it (Terraform files with their module).
pub fn scan() -> Vec<Seed> {
    let terraform = terraform();
    fixtures().iter().map(|s| terraform.iter().find(|t| t.path == s.path).unwrap_or(s).clone()).collect()
}
