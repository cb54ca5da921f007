//! Helpers shared by the integration tests: run the real binary, parse its JSON report.

#![allow(dead_code)]

pub mod shapes;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

pub fn tollgate() -> Command {
    let mut cmd = Command::cargo_bin("tollgate").expect("binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Run `tollgate scan <args> --format json` and return (exit code, parsed report, stderr).
pub fn scan_json(args: &[&str], cwd: &Path) -> (i32, Value, String) {
    let out =
        tollgate().current_dir(cwd).arg("scan").args(args).args(["--format", "json"]).output().expect("run tollgate");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    (out.status.code().expect("exited"), report, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// `path:line:column rule-id` for each finding, sorted.
pub fn finding_keys(report: &Value) -> Vec<String> {
    let mut keys: Vec<String> = report["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f["path"].as_str().unwrap(),
                f["region"]["start_line"],
                f["region"]["start_column"],
                f["rule_id"].as_str().unwrap()
            )
        })
        .collect();
    keys.sort();
    keys
}

/// `path:line:column-end_line:end_column rule-id` of every finding of a clean scan (no
/// diagnostics) of `files`, sorted: exact regions, for the secret detection tests.
pub fn region_keys(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tree(files);
    let (code, report, stderr) = scan_json(&["."], dir.path());
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(0), "{report}");
    let mut keys: Vec<String> = report["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            let r = &f["region"];
            let (line, column) = (&r["start_line"], &r["start_column"]);
            let (end_line, end_column) = (&r["end_line"], &r["end_column"]);
            let (path, rule) = (f["path"].as_str().unwrap(), f["rule_id"].as_str().unwrap());
            format!("{path}:{line}:{column}-{end_line}:{end_column} {rule}")
        })
        .collect();
    keys.sort();
    keys
}

/// Run git in `dir` with a fixed identity and clock (commit ids are then the same every run),
/// and return its trimmed output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Ada Lovelace")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_AUTHOR_DATE", "2024-03-01T12:00:00+01:00")
        .env("GIT_COMMITTER_NAME", "Ada Lovelace")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_DATE", "2024-03-01T12:00:00+01:00")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary directory holding `files` (path, text).
pub fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("temporary directory");
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// Write `text` to `root/path`, creating directories.
pub fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// One built-in check folder, `policies/<platform>/<service>/<ID>-<slug>/`.
pub struct Check {
    /// The id its `# METADATA` block states.
    pub id: String,
    /// The file kinds it states.
    pub kinds: Vec<String>,
    pub dir: std::path::PathBuf,
}

impl Check {
    /// `examples/bad` or `examples/good`.
    pub fn examples(&self, side: &str) -> std::path::PathBuf {
        self.dir.join("examples").join(side)
    }
}

/// Every folder under `policies/` that holds a `policy.rego`, sorted by path.
pub fn checks() -> Vec<Check> {
    fn walk(dir: &Path, out: &mut Vec<Check>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if !path.is_dir() {
                continue;
            }
            let policy = path.join("policy.rego");
            if policy.is_file() {
                let text = std::fs::read_to_string(&policy).unwrap();
                let meta = tollgate::policy::annotation::read(&text, &policy.display().to_string())
                    .unwrap()
                    .unwrap_or_else(|| panic!("{} has no # METADATA block", policy.display()));
                out.push(Check { id: meta.id, kinds: meta.kinds, dir: path });
            } else {
                walk(&path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo_root().join("policies"), &mut out);
    out
}

/// The folder of the built-in check `id`.
pub fn check(id: &str) -> Check {
    checks().into_iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no check folder for {id}"))
}
