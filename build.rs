//! Embeds the built-in secret rules (`rules/**/*.toml`) and Rego policies (`policies/**/*.rego`)
//! into the binary, so a single file is enough to run tollgate.
//!
//! The rules are parsed here and embedded as JSON: every scan starts by reading all of them,
//! and JSON parses several times faster than TOML (600+ rules are ~600 KB of TOML). A rules
//! file that is not valid TOML fails the build, naming the file.

use std::fmt::Write as _;
use std::path::Path;

#[path = "build/grammars.rs"]
mod grammars;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    embed_rules(&Path::new(&manifest).join("rules"), Path::new(&out));
    embed_dir(&Path::new(&manifest).join("policies"), "rego", &Path::new(&out).join("builtin_policies.rs"));
    embed_examples(&Path::new(&manifest).join("policies"), &Path::new(&out).join("builtin_examples.rs"));
    grammars::compact(Path::new(&manifest), Path::new(&out));
}

/// The largest example `tollgate explain` shows; a check whose examples are all larger shows none.
const MAX_SHOWN_EXAMPLE: u64 = 4096;

/// Write `&[(check folder, bad file name, bad text, good file name, good text)]`: for every check
/// folder under `dir`, its smallest bad and smallest good example, for `tollgate explain`.
fn embed_examples(dir: &Path, dest: &Path) {
    let mut folders = Vec::new();
    check_folders(dir, &mut folders);
    folders.sort();
    let mut code = String::from("&[\n");
    for folder in &folders {
        let pick = |side: &str| {
            let mut files = Vec::new();
            all_files(&folder.join("examples").join(side), &mut files);
            files.retain(|f| f.metadata().is_ok_and(|m| m.len() <= MAX_SHOWN_EXAMPLE));
            files.sort_by_key(|f| (f.metadata().map(|m| m.len()).unwrap_or(0), f.clone()));
            files.into_iter().next()
        };
        let (Some(bad), Some(good)) = (pick("bad"), pick("good")) else { continue };
        let rel = |f: &Path, side: &str| {
            f.strip_prefix(folder.join("examples").join(side)).unwrap().to_string_lossy().replace('\\', "/")
        };
        let name = folder.strip_prefix(dir).expect("under dir").to_string_lossy().replace('\\', "/");
        writeln!(
            code,
            "    ({name:?}, {:?}, include_str!({:?}), {:?}, include_str!({:?})),",
            rel(&bad, "bad"),
            bad.display().to_string(),
            rel(&good, "good"),
            good.display().to_string()
        )
        .unwrap();
    }
    code.push(']');
    std::fs::write(dest, code).expect("write embedded example list");
}

/// Every folder under `dir` that holds a `policy.rego` and an `examples/` folder.
fn check_folders(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() || path.file_name().is_some_and(|n| n == "examples") {
            continue;
        }
        if path.join("policy.rego").is_file() && path.join("examples").is_dir() {
            out.push(path.clone());
        }
        check_folders(&path, out);
    }
}

/// Every file under `dir`, recursively.
fn all_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            all_files(&path, out);
        } else {
            println!("cargo:rerun-if-changed={}", path.display());
            out.push(path);
        }
    }
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

/// Write `&[(relative name, include_str!(json))]` for every `*.toml` under `dir`, each converted
/// to JSON in `out/rules/`.
fn embed_rules(dir: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    collect(dir, "toml", &mut files);
    files.sort();
    let json_dir = out.join("rules");
    std::fs::create_dir_all(&json_dir).expect("create OUT_DIR/rules");
    let mut code = String::from("&[\n");
    for (i, file) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.strip_prefix(dir).expect("under dir").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("rules/{name}: invalid TOML: {e}"));
        let json_path = json_dir.join(format!("{i}.json"));
        std::fs::write(&json_path, serde_json::to_string(&table).expect("TOML values are JSON values"))
            .expect("write embedded rules");
        writeln!(code, "    ({name:?}, include_str!({:?})),", json_path.display().to_string()).unwrap();
    }
    code.push(']');
    std::fs::write(out.join("builtin_rules.rs"), code).expect("write embedded file list");
}

/// Every `*.ext` file under `dir`, except under `examples/` folders: a check's example files
/// are scanned by its tests, never built in.
fn collect(dir: &Path, ext: &str, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && path.file_name().is_some_and(|n| n == "examples") {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, ext, files);
        } else if path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
}
