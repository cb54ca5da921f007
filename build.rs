//! Embeds the built-in secret rules (`rules/**/*.toml`) and Rego policies (`policies/**/*.rego`)
//! into the binary, so a single file is enough to run tollgate.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    embed_dir(&Path::new(&manifest).join("rules"), "toml", &Path::new(&out).join("builtin_rules.rs"));
    embed_dir(&Path::new(&manifest).join("policies"), "rego", &Path::new(&out).join("builtin_policies.rs"));
}

/// Write `&[(relative name, include_str!(file)), ...]` for every `*.ext` file under `dir`.
fn embed_dir(dir: &Path, ext: &str, dest: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    collect(dir, ext, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.strip_prefix(dir).expect("under dir").to_string_lossy().replace('\\', "/");
        writeln!(code, "    ({name:?}, include_str!({:?})),", file.display().to_string()).unwrap();
    }
    code.push(']');
    std::fs::write(dest, code).expect("write embedded file list");
}

fn collect(dir: &Path, ext: &str, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, ext, files);
        } else if path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
}
