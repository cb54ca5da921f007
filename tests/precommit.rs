//! The pre-commit workflow through the real binary and a real git: `scan --staged` reads the
//! index, not the work tree; `install-hook` writes a hook that blocks a commit with a secret.

mod common;

use common::{tollgate, write};
use std::fs;
use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

const KEY: &str = "AKIAZ3MSJV4WWKAO7QPQ";
const OTHER_KEY: &str = "AKIAQYLPMN5HHHFPZAM2";

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("PATH", path_with_tollgate())
        .output()
        .expect("git runs")
}

/// `PATH` with the tested binary's directory first: an installed hook runs `tollgate` from PATH.
fn path_with_tollgate() -> std::ffi::OsString {
    let bin = assert_cmd::cargo::cargo_bin("tollgate");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(dirs).unwrap()
}

fn repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    dir
}

#[test]
fn staged_scan_reads_the_index_not_the_work_tree() {
    let dir = repo();
    let root = dir.path();
    write(root, "app/settings.py", &format!("AWS_KEY = '{KEY}'\n"));
    write(root, "app/clean.py", "x = 1\n");
    write(root, "notes.md", "todo\n");
    assert!(git(root, &["add", "."]).status.success());
    // After staging: a secret added only in the work tree, one in an untracked file, and a
    // staged secret that the work tree has since removed.
    write(root, "app/clean.py", &format!("x = 1\nk = '{OTHER_KEY}'\n"));
    write(root, "untracked.py", &format!("k = '{OTHER_KEY}'\n"));
    write(root, "app/settings.py", "AWS_KEY = os.environ['AWS_KEY']\n");

    // Run from a subdirectory: paths are still reported as in the repository.
    let out = tollgate().current_dir(root.join("app")).args(["scan", "--staged", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = finding_lines(&report);
    assert_eq!(found, vec!["app/settings.py:1 aws-access-key-id"]);
    assert_eq!(report["stats"]["files_scanned"], 3);

    // Nothing staged: nothing to scan, pass.
    assert!(git(root, &["commit", "-qm", "first", "--no-verify"]).status.success());
    tollgate().current_dir(root).args(["scan", "--staged"]).assert().code(0);
}

#[test]
fn staged_scan_applies_excludes_and_config_from_the_repository_top() {
    let dir = repo();
    let root = dir.path();
    write(root, "docs/example.py", &format!("k = '{KEY}'\n"));
    write(root, "package-lock.json", &format!("{{\"k\": \"{KEY}\"}}\n"));
    write(root, "tollgate.toml", "exclude = [\"docs/\"]\n");
    assert!(git(root, &["add", "."]).status.success());
    let out = tollgate().current_dir(root).args(["scan", "--staged"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn staged_scan_outside_a_repository_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    tollgate()
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["scan", "--staged"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("git rev-parse --show-toplevel"));
}

#[test]
fn installed_hook_blocks_a_commit_with_a_secret_and_respects_foreign_hooks() {
    let dir = repo();
    let root = dir.path();
    tollgate().current_dir(root).arg("install-hook").assert().code(0);
    let hook = root.join(".git/hooks/pre-commit");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&hook).unwrap().permissions().mode() & 0o111, 0o111, "executable");
    }

    write(root, "deploy.sh", &format!("export AWS_ACCESS_KEY_ID={KEY}\n"));
    assert!(git(root, &["add", "."]).status.success());
    let commit = git(root, &["commit", "-qm", "add deploy"]);
    assert!(!commit.status.success(), "the hook blocks the commit");
    // git shows a hook's output on its stderr.
    let shown = format!("{}{}", String::from_utf8_lossy(&commit.stdout), String::from_utf8_lossy(&commit.stderr));
    assert!(shown.contains("deploy.sh") && shown.contains("aws-access-key-id") && !shown.contains(KEY), "{shown}");

    write(root, "deploy.sh", "export AWS_ACCESS_KEY_ID=\"$AWS_ACCESS_KEY_ID\"\n");
    assert!(git(root, &["add", "."]).status.success());
    assert!(git(root, &["commit", "-qm", "add deploy"]).status.success(), "a clean commit goes through");

    // Reinstalling over our own hook is fine; over someone else's needs --force and keeps a backup.
    tollgate().current_dir(root).arg("install-hook").assert().code(0);
    fs::write(&hook, "#!/bin/sh\nrun-my-linter\n").unwrap();
    tollgate()
        .current_dir(root)
        .arg("install-hook")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not written by tollgate"));
    assert_eq!(fs::read_to_string(&hook).unwrap(), "#!/bin/sh\nrun-my-linter\n", "left untouched");
    tollgate().current_dir(root).args(["install-hook", "--force"]).assert().code(0);
    assert_eq!(fs::read_to_string(root.join(".git/hooks/pre-commit.bak")).unwrap(), "#!/bin/sh\nrun-my-linter\n");
    assert!(fs::read_to_string(&hook).unwrap().contains("scan --staged"));
}

#[test]
fn pre_commit_framework_hook_definition_runs_tollgate_on_the_passed_files() {
    let text = fs::read_to_string(common::repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(text.contains("language: rust") && text.contains("entry: tollgate scan"), "{text}");
    assert!(text.contains("pass_filenames: true"));
    for name in tollgate::discover::LOCK_FILES {
        assert!(text.contains(&name.replace('.', "\\.")), "the hook's exclude skips {name}, as a directory scan does");
    }
    // The framework runs `entry <files...>` from the repository top.
    let dir = repo();
    write(dir.path(), "a.py", &format!("k = '{KEY}'\n"));
    write(dir.path(), "b.py", "x = 1\n");
    tollgate().current_dir(dir.path()).args(["scan", "--quiet", "a.py", "b.py"]).assert().code(1);
    tollgate().current_dir(dir.path()).args(["scan", "--quiet", "b.py"]).assert().code(0);
}

/// A Terraform module in `dir` (`""` for the top): a file that opens SSH to `var.ssh_cidr`, and
/// the variable with `default`.
fn module_files(root: &Path, dir: &str, default: &str) {
    write(
        root,
        &format!("{dir}main.tf"),
        "resource \"aws_security_group\" \"bastion\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [var.ssh_cidr]\n  }\n}\n",
    );
    write(root, &format!("{dir}variables.tf"), &format!("variable \"ssh_cidr\" {{\n  default = \"{default}\"\n}}\n"));
}

/// `path:line rule` of each finding of a JSON report.
fn finding_lines(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!("{}:{} {}", f["path"].as_str().unwrap(), f["region"]["start_line"], f["rule_id"].as_str().unwrap())
        })
        .collect()
}

/// `path:line rule` of each finding of a `scan --staged` run from `root`, and its exit code.
fn staged_findings(root: &Path) -> (Option<i32>, Vec<String>) {
    let out = tollgate().current_dir(root).args(["scan", "--staged", "--format", "json"]).output().unwrap();
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let found = finding_lines(&report);
    (out.status.code(), found)
}

#[test]
fn staged_scan_resolves_terraform_variables_from_the_index() {
    // Staged: SSH open to the world. Work tree: the variable since narrowed (not staged). The
    // commit would open SSH, so the staged scan must say so.
    for dir in ["infra/", ""] {
        let dir_files = repo();
        let root = dir_files.path();
        module_files(root, dir, "0.0.0.0/0");
        // A module file of another directory: not part of this module.
        write(root, &format!("{dir}nested/variables.tf"), "variable \"ssh_cidr\" {\n  default = \"10.0.0.0/8\"\n}\n");
        assert!(git(root, &["add", "."]).status.success());
        write(root, &format!("{dir}variables.tf"), "variable \"ssh_cidr\" {\n  default = \"10.0.0.0/8\"\n}\n");
        let (code, found) = staged_findings(root);
        assert_eq!(found, [format!("{dir}main.tf:6 TG-NET-001")], "module in `{dir}`");
        assert_eq!(code, Some(1));
    }

    // Two modules staged together, each resolved from its own staged variables.
    let dir = repo();
    let root = dir.path();
    module_files(root, "open/", "0.0.0.0/0");
    module_files(root, "closed/", "10.0.0.0/8");
    assert!(git(root, &["add", "."]).status.success());
    let (_, found) = staged_findings(root);
    assert_eq!(found, ["open/main.tf:6 TG-NET-001"]);

    // The reverse: staged narrow, work tree open to the world since. `main.tf` is the same in
    // both, so the staged `variables.tf` alone decides: no finding.
    let dir = repo();
    let root = dir.path();
    module_files(root, "infra/", "10.0.0.0/8");
    assert!(git(root, &["add", "."]).status.success());
    write(root, "infra/variables.tf", "variable \"ssh_cidr\" {\n  default = \"0.0.0.0/0\"\n}\n");
    let (code, found) = staged_findings(root);
    assert_eq!(found, Vec::<String>::new());
    assert_eq!(code, Some(0));
}

#[test]
fn staged_scan_compiles_only_what_the_commit_holds_and_still_sees_the_module() {
    // The bucket's companions live in an already committed sibling file; only the bucket file
    // is staged. A staged scan compiles just the policies the staged documents can run, which
    // must include the S3 companion checks (they read the module's resources) and nothing
    // that changes the findings: they equal a full scan's on the same files.
    let dir = repo();
    let root = dir.path();
    write(
        root,
        "infra/s3_controls.tf",
        "resource \"aws_s3_bucket_public_access_block\" \"logs\" {\n  bucket                  = aws_s3_bucket.logs.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n",
    );
    assert!(git(root, &["add", "."]).status.success());
    assert!(git(root, &["commit", "-qm", "controls"]).status.success());
    write(
        root,
        "infra/buckets.tf",
        "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-logs\"\n}\n\nresource \"aws_s3_bucket\" \"raw\" {\n  bucket = \"acme-raw\"\n}\n",
    );
    write(
        root,
        "k8s/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n",
    );
    assert!(git(root, &["add", "infra/buckets.tf", "k8s/pod.yaml"]).status.success());
    let (_, staged) = staged_findings(root);
    assert!(staged.contains(&"infra/buckets.tf:5 TG-AWS-009".to_string()), "{staged:?}");
    assert!(!staged.contains(&"infra/buckets.tf:1 TG-AWS-009".to_string()), "{staged:?}");
    let out = tollgate()
        .current_dir(root)
        .args(["scan", "infra/buckets.tf", "k8s/pod.yaml", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut full = finding_lines(&report);
    full.sort();
    let mut staged = staged;
    staged.sort();
    assert_eq!(staged, full);
    assert!(staged.iter().any(|f| f.starts_with("k8s/pod.yaml")), "{staged:?}");
}
