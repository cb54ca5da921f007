//! What ships beside the binary, checked through the binary: the Dockerfile, the GitHub Action
//! and the README's workflow pass tollgate's own policies; the Action's scan step, the GitLab
//! template's and the CodeBuild buildspec's commands run as written and produce the reports their
//! `artifacts`/`reports` sections name; the README's sharding recipes pass the policies and their
//! shard and merge commands gate as one scan does; the pre-commit hooks, Cargo metadata, licence, shell
//! completions and man page are there.

mod common;

use common::{repo_root, tollgate, tree};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::Command;

const KEY: &str = "AKIAZ3MSJV4WWKAO7QPQ";
/// Stands in for the commit a user pins the recipes to.
const SHA: &str = "0123456789abcdef0123456789abcdef01234567";

fn read(path: &str) -> String {
    fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `tollgate scan --fail-on info --format json` over `files` (name, text) in a temporary tree:
/// (exit code, `path rule` of each finding).
fn own_policies(files: &[(&str, &str)]) -> (i32, Vec<String>) {
    let dir = tree(files);
    let (code, report, _) = common::scan_json(&["--fail-on", "info"], dir.path());
    let found = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["path"].as_str().unwrap(), f["rule_id"].as_str().unwrap()))
        .collect();
    (code, found)
}

/// The lines of `text` after the line equal to `marker` (trimmed), while they are indented by
/// more than `marker` is, with that block's indentation removed.
fn block_after(text: &str, marker: &str) -> String {
    let mut lines = text.lines().skip_while(|l| l.trim() != marker);
    let head = lines.next().unwrap_or_else(|| panic!("no `{marker}`"));
    let indent = head.len() - head.trim_start().len();
    let body: Vec<&str> =
        lines.take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent).collect();
    let strip = body.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    body.iter().map(|l| l.get(strip..).unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The README's fenced YAML block that follows `heading`.
fn readme_yaml_after(heading: &str) -> String {
    let readme = read("README.md");
    let from = readme.find(heading).unwrap_or_else(|| panic!("README has no {heading}"));
    let rest = &readme[from..];
    let start = rest.find("```yaml\n").unwrap() + "```yaml\n".len();
    let end = rest[start..].find("```").unwrap();
    rest[start..start + end].to_string()
}

fn bin_dir() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("tollgate").parent().unwrap().to_path_buf()
}

fn path_with_tollgate() -> String {
    format!("{}:/usr/local/bin:/usr/bin:/bin", bin_dir().display())
}

fn link_tollgate_into(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    std::os::unix::fs::symlink(assert_cmd::cargo::cargo_bin("tollgate"), dir.join("tollgate")).unwrap();
}

/// A checkout with a secret and a misconfigured Dockerfile.
fn findings_tree() -> tempfile::TempDir {
    tree(&[("app.py", &format!("key = '{KEY}'\n")), ("Dockerfile", "FROM ubuntu:latest\nUSER app\n")])
}

#[test]
fn the_dockerfile_is_multi_stage_non_root_and_passes_tollgates_policies() {
    let text = read("Dockerfile");
    assert_eq!(own_policies(&[("Dockerfile", &text)]), (0, vec![]));
    let froms = text.lines().filter(|l| l.starts_with("FROM ")).count();
    assert_eq!(froms, 2, "a build stage and a runtime stage");
    let user = text.lines().rfind(|l| l.starts_with("USER ")).expect("a USER");
    assert!(!user.contains("root") && !user.ends_with(" 0"), "{user}");
    assert!(text.contains("ENTRYPOINT [\"tollgate\"]") && text.contains("\nWORKDIR /src\n"));
    assert!(text.contains("--locked"), "the image builds from the lock file");
    assert!(read(".dockerignore").lines().any(|l| l == "target"), "the build context leaves out target/");
}

#[test]
fn the_action_pins_what_it_uses_and_passes_tollgates_policies() {
    let action = read("action.yml");
    assert_eq!(own_policies(&[("action.yml", &action)]), (0, vec![]));
    for line in action.lines().filter(|l| l.trim_start().starts_with("uses:") || l.contains("- uses:")) {
        let reference = line.split('@').nth(1).unwrap().split_whitespace().next().unwrap();
        assert!(reference.len() == 40 && reference.bytes().all(|b| b.is_ascii_hexdigit()), "{line}");
    }
    for input in ["paths:", "fail-on:", "format:", "sarif-file:", "upload:"] {
        assert!(action.contains(&format!("\n  {input}\n")), "input {input}");
    }
    assert!(action.contains("\n  verdict:\n") && action.contains("value: ${{ steps.scan.outputs.sarif-file }}"));
    // No input is expanded inside a script: they reach it through env.
    for step in action.split("\n    - ") {
        if let Some(run) = step.split("run: |").nth(1) {
            assert!(!run.contains("${{"), "expression in a script: {run}");
        }
    }
}

#[test]
fn the_readme_workflow_with_the_action_passes_tollgates_github_policies() {
    let workflow = readme_yaml_after("**GitHub Actions** — with the Action");
    assert!(workflow.contains("uses: tollgate-scanner/tollgate@<commit-sha>"), "{workflow}");
    let pinned = workflow.replace("<commit-sha>", SHA);
    assert_eq!(own_policies(&[(".github/workflows/tollgate.yml", &pinned)]), (0, vec![]));
    // The check is live: the same workflow on a branch fails it.
    let (code, found) = own_policies(&[(".github/workflows/tollgate.yml", &workflow.replace("<commit-sha>", "main"))]);
    assert_eq!((code, found), (1, vec![".github/workflows/tollgate.yml TG-GHA-010".to_string()]));
}

#[test]
fn the_actions_scan_step_sets_its_outputs_and_exits_with_the_verdict() {
    let action = read("action.yml");
    let script = block_after(&action.split("\n    - id: scan\n").nth(1).unwrap().replace("\r", ""), "run: |");
    let dir = findings_tree();
    let outputs = dir.path().join("github-output");
    let run = |upload: &str, fail_on: &str| {
        Command::new("bash")
            .current_dir(dir.path())
            .arg("-ec")
            .arg(&script)
            .env("TOLLGATE", assert_cmd::cargo::cargo_bin("tollgate"))
            .env("PATHS", "app.py Dockerfile")
            .env("FAIL_ON", fail_on)
            .env("FORMAT", "github")
            .env("SARIF_FILE", "out/tollgate.sarif")
            .env("UPLOAD", upload)
            .env("CATEGORY", "tollgate")
            .env("ARGS", "--min-severity low")
            .env("GITHUB_OUTPUT", &outputs)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = run("false", "high");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("::error file=app.py,line=1"));
    assert_eq!(fs::read_to_string(&outputs).unwrap(), "verdict=fail\nsarif-file=out/tollgate.sarif\n");
    let sarif: Value = serde_json::from_slice(&fs::read(dir.path().join("out/tollgate.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);

    fs::remove_file(&outputs).unwrap();
    assert_eq!(run("false", "never").status.code(), Some(0));
    assert!(fs::read_to_string(&outputs).unwrap().starts_with("verdict=pass\n"));
}

#[test]
fn the_actions_cache_key_is_its_commit_else_a_digest_of_its_sources() {
    let action = read("action.yml");
    let step = action.split("\n    - id: version\n").nth(1).unwrap().split("\n    - id: cache\n").next().unwrap();
    let script = block_after(step, "run: |");
    let dir = tree(&[]);
    let key = |action_ref: &str| {
        let outputs = dir.path().join("out");
        let _ = fs::remove_file(&outputs);
        let out = Command::new("bash")
            .arg("-ec")
            .arg(&script)
            .env("ACTION_REF", action_ref)
            .env("GITHUB_ACTION_PATH", repo_root())
            .env("RUNNER_TOOL_CACHE", "/cache")
            .env("GITHUB_OUTPUT", &outputs)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        fs::read_to_string(&outputs).unwrap()
    };
    assert_eq!(key(SHA), format!("key={SHA}\nroot=/cache/tollgate/{SHA}\n"));
    assert_eq!(key("feature/x"), "key=feature-x\nroot=/cache/tollgate/feature-x\n");
    let local = key("");
    assert!(local.starts_with("key=local-") && local.len() > "key=local-\n".len() * 2, "{local}");
    assert_eq!(key(""), local, "the digest is stable");
}

#[test]
fn the_gitlab_template_runs_as_written_and_writes_the_reports_it_declares() {
    let template = read("templates/tollgate.gitlab-ci.yml");
    assert_eq!(own_policies(&[(".gitlab-ci.yml", &template.replace("<commit-sha>", SHA))]), (0, vec![]));
    let dir = findings_tree();
    link_tollgate_into(&dir.path().join(".tollgate/bin"));
    // The job's script, as the runner would run it: each item in turn, `>-` folded into one line.
    let script = block_after(&template, "script:");
    let mut commands: Vec<String> = Vec::new();
    for item in script.split("\n- ").map(|i| i.trim_start_matches("- ")) {
        commands.push(match item.strip_prefix(">-\n") {
            Some(folded) => folded.split_whitespace().collect::<Vec<_>>().join(" "),
            None => item.to_string(),
        });
    }
    assert_eq!(commands.len(), 2, "{commands:?}");
    let vars = [("TOLLGATE_GIT", "unused"), ("TOLLGATE_REV", SHA), ("TOLLGATE_FAIL_ON", "high")];
    for (i, command) in commands.iter().enumerate() {
        let out = Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(command)
            .envs(vars)
            .env("PATH", "/usr/bin:/bin")
            .env("CI_COMMIT_SHA", SHA)
            .output()
            .unwrap();
        let expected = if i == 0 { 0 } else { 1 };
        assert_eq!(out.status.code(), Some(expected), "{command}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let reports = block_after(&template, "reports:");
    let schema = |name: &str| -> Value { serde_json::from_str(&read(&format!("tests/data/gitlab/{name}"))).unwrap() };
    for line in reports.lines() {
        let (kind, file) = line.split_once(": ").unwrap();
        let path = dir.path().join(file);
        assert!(path.is_file(), "{kind}: {file} was written");
        let text = fs::read_to_string(&path).unwrap();
        let schema = match kind {
            "sast" | "secret_detection" => schema("security-report.schema.json"),
            "codequality" => schema("codequality.schema.json"),
            "junit" => {
                roxmltree::Document::parse(&text).unwrap();
                continue;
            }
            other => panic!("unexpected report {other}"),
        };
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert!(jsonschema::validator_for(&schema).unwrap().is_valid(&doc), "{file}: {doc:#}");
        if kind != "codequality" {
            assert_eq!(doc["scan"]["type"], kind);
            assert_eq!(doc["vulnerabilities"].as_array().unwrap().len(), 1, "{file}");
        }
    }
    assert_eq!(reports.lines().count(), 4);
}

#[test]
fn the_codebuild_buildspec_writes_the_report_its_report_group_reads() {
    let buildspec = read("templates/buildspec.yml");
    assert_eq!(own_policies(&[("buildspec.yml", &buildspec.replace("<commit-sha>", SHA))]), (0, vec![]));
    let build = block_after(&buildspec, "build:");
    let command = build.lines().nth(1).unwrap().trim().strip_prefix("- ").unwrap();
    let dir = findings_tree();
    let out = Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(command)
        .env("PATH", path_with_tollgate())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{command}: {}", String::from_utf8_lossy(&out.stderr));
    let group = block_after(&buildspec, "tollgate-findings:");
    let base = group.lines().find_map(|l| l.strip_prefix("base-directory: ")).unwrap();
    let file = group.lines().skip_while(|l| l.trim() != "files:").nth(1).unwrap().trim().trim_start_matches("- ");
    let xml = fs::read_to_string(dir.path().join(base).join(file)).expect("the report group's file exists");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().attribute("failures"), Some("1"));
    assert!(group.contains("file-format: JUNITXML"));
    assert!(dir.path().join("reports/tollgate.sarif").is_file(), "the artifact is written too");
}

#[test]
fn pre_commit_offers_a_rust_hook_and_a_system_hook() {
    let hooks = read(".pre-commit-hooks.yaml");
    for (id, language) in [("tollgate", "rust"), ("tollgate-system", "system")] {
        let hook =
            hooks.split("\n- id: ").find(|h| h.starts_with(&format!("{id}\n"))).unwrap_or_else(|| panic!("{id}"));
        assert!(hook.contains(&format!("language: {language}\n")) && hook.contains("entry: tollgate scan"), "{hook}");
    }
    let readme = readme_yaml_after("With the [pre-commit](https://pre-commit.com) framework");
    assert!(!readme.contains("rev: v"), "no tag exists to pin: {readme}");
    assert!(readme.contains("rev: <commit-sha>"));
}

#[test]
fn cargo_metadata_and_licence_are_complete() {
    let manifest = read("Cargo.toml");
    for key in [
        "repository = \"https://",
        "homepage = \"https://",
        "keywords = [",
        "categories = [",
        "[package.metadata.binstall]",
    ] {
        assert!(manifest.contains(key), "Cargo.toml has {key}");
    }
    assert!(manifest.contains("license = \"Apache-2.0\""));
    let licence = read("LICENSE");
    assert!(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"));
    assert!(licence.contains("END OF TERMS AND CONDITIONS"), "the whole text");
}

#[test]
fn completions_and_man_pages_come_from_the_binary() {
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef tollgate"), ("fish", "complete -c tollgate")] {
        let out = tollgate().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker) && script.contains("output-format"), "{shell}: {}", &script[..200]);
    }
    let man = String::from_utf8(tollgate().arg("man").output().unwrap().stdout).unwrap();
    assert!(man.contains(".TH tollgate 1") && man.contains("install\\-hook"), "{man}");
    let scan = String::from_utf8(tollgate().args(["man", "scan"]).output().unwrap().stdout).unwrap();
    assert!(scan.contains(".TH tollgate-scan 1") && scan.contains("\\-\\-min\\-severity"), "{scan}");
    tollgate().args(["man", "nope"]).assert().code(2).stderr(predicates::str::contains("not a tollgate subcommand"));
}

/// The fenced YAML blocks of the README's sharding section: GitHub Actions, GitLab CI, the
/// CodeBuild shards and the CodeBuild merge step.
fn sharding_recipes() -> Vec<String> {
    let readme = read("README.md");
    let from = readme.find("### Sharding a scan over a CI matrix").expect("README has the sharding section");
    let to = from + readme[from..].find("### GitHub code-scanning upload").unwrap();
    readme[from..to].split("```yaml\n").skip(1).map(|b| b.split("```").next().unwrap().to_string()).collect()
}

/// The `- ` commands of the first `script:`/`commands:` list after `marker` in `yaml`.
fn commands_after(yaml: &str, marker: &str) -> Vec<String> {
    block_after(&yaml[yaml.find(marker).unwrap()..], marker.trim())
        .lines()
        .take_while(|l| l.starts_with("- "))
        .map(|l| l[2..].to_string())
        .collect()
}

#[test]
fn the_readme_sharding_recipes_pass_tollgates_policies() {
    let recipes = sharding_recipes();
    assert_eq!(recipes.len(), 4, "GitHub, GitLab, CodeBuild shards and merge");
    let names = [".github/workflows/tollgate.yml", ".gitlab-ci.yml", "buildspec.yml", "ci/buildspec-merge.yml"];
    let pinned: Vec<String> = recipes.iter().map(|r| r.replace("<commit-sha>", SHA)).collect();
    let files: Vec<(&str, &str)> = names.iter().copied().zip(pinned.iter().map(String::as_str)).collect();
    assert_eq!(own_policies(&files), (0, vec![]));
    let (code, found) = own_policies(&[(names[0], &recipes[0].replace("<commit-sha>", "main"))]);
    assert_eq!((code, found), (1, vec![format!("{} TG-GHA-010", names[0])]), "the check is live");
    assert!(recipes[0].contains("args: --shard ${{ matrix.shard }}/4") && recipes[0].contains("tollgate upload"));
    assert!(recipes[2].contains("build-matrix:") && recipes[2].contains("combine-artifacts: true"));
}

#[test]
fn the_gitlab_and_codebuild_sharding_recipes_run_and_gate_like_one_scan() {
    let recipes = sharding_recipes();
    let dir = tree(&[
        ("app.py", &format!("key = '{KEY}'\n")),
        ("Dockerfile", "FROM ubuntu:latest\nUSER app\n"),
        ("infra/main.tf", "resource \"aws_s3_bucket_acl\" \"b\" {\n  acl = var.acl\n}\n"),
        ("infra/vars.tf", "variable \"acl\" {\n  default = \"public-read\"\n}\n"),
        ("lib/util.js", "const x = 1;\n"),
    ]);
    let (whole, _, _) = common::scan_json(&[".", "--fail-on", "high"], dir.path());
    let whole_results = {
        let out = tollgate().current_dir(dir.path()).args(["scan", ".", "-f", "sarif", "-q"]).output().unwrap();
        let log: Value = serde_json::from_slice(&out.stdout).unwrap();
        log["runs"][0]["results"].clone()
    };
    let sh = |cwd: &Path, script: &str, env: &[(&str, &str)]| {
        let mut cmd = Command::new("bash");
        cmd.current_dir(cwd).arg("-c").arg(script).env("PATH", path_with_tollgate());
        cmd.env_remove("CI_NODE_INDEX").env_remove("CI_NODE_TOTAL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let merged_results = |path: &Path| {
        let log: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(log["runs"].as_array().unwrap().len(), 1);
        log["runs"][0]["results"].clone()
    };

    // GitLab: `parallel: 4` sets CI_NODE_INDEX/CI_NODE_TOTAL; the gate job merges.
    let gitlab = &recipes[1];
    let [shard] = &commands_after(gitlab, "  script:")[..] else { panic!("{gitlab}") };
    for k in ["1", "2", "3", "4"] {
        let (code, stderr) = sh(dir.path(), shard, &[("CI_NODE_INDEX", k), ("CI_NODE_TOTAL", "4")]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains(&format!("(shard {k}/4)")), "{stderr}");
    }
    let gate = &gitlab[gitlab.find("tollgate-gate:").unwrap()..];
    let [merge] = &commands_after(gate, "  script:")[..] else { panic!("{gate}") };
    let (code, stderr) = sh(dir.path(), merge, &[]);
    assert_eq!(code, whole, "{stderr}");
    assert_eq!(merged_results(&dir.path().join("reports/tollgate.sarif")), whole_results);

    // CodeBuild: one build per TOLLGATE_SHARD, artifacts combined under each build's id.
    let [shard] = &commands_after(&recipes[2], "    commands:")[..] else { panic!("{}", recipes[2]) };
    let combined = tempfile::TempDir::new().unwrap();
    for k in ["1", "2", "3", "4"] {
        let (code, stderr) = sh(dir.path(), shard, &[("TOLLGATE_SHARD", k)]);
        assert_eq!(code, 0, "{stderr}");
        let build = combined.path().join(format!("build{k}/reports"));
        fs::create_dir_all(&build).unwrap();
        let name = format!("shard-{k}.sarif");
        fs::copy(dir.path().join("reports").join(&name), build.join(&name)).unwrap();
    }
    let [merge] = &commands_after(&recipes[3], "    commands:")[..] else { panic!("{}", recipes[3]) };
    let (code, stderr) = sh(combined.path(), merge, &[]);
    assert_eq!(code, whole, "{stderr}");
    assert_eq!(merged_results(&combined.path().join("reports/tollgate.sarif")), whole_results);
}
