//! `tollgate parse` prints exactly the input a policy receives, and `tollgate kinds` lists the
//! registry; both through the real binary.

mod common;

use common::tollgate;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

/// Run `tollgate <args>` in `cwd`: (exit code, stdout, stderr).
fn run(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = tollgate().current_dir(cwd).args(args).output().expect("run tollgate");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().expect("exited"), text(&out.stdout), text(&out.stderr))
}

/// The JSON values of a stream (one per document).
fn values(stdout: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(stdout).into_iter::<Value>().map(|v| v.expect("JSON value")).collect()
}

fn dir_with(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

const DOCKERFILE: &str = "FROM alpine:3.20 AS base\nENV MODE=prod\nRUN apk add curl\n";

#[test]
fn parse_prints_the_policy_input() {
    let dir = dir_with(&[("Dockerfile", DOCKERFILE)]);
    let (code, stdout, stderr) = run(dir.path(), &["parse", "Dockerfile"]);
    assert_eq!(code, 0, "{stderr}");
    let inputs = values(&stdout);
    assert_eq!(inputs.len(), 1);
    insta::assert_json_snapshot!("parse_dockerfile", inputs[0]);
}

/// What `parse` prints is what a policy sees: a policy that reports its whole input as its
/// message gives back the same JSON.
#[test]
fn parse_output_is_what_a_policy_receives() {
    let policy = r#"package user.echo
metadata := {"id": "USER-ECHO", "title": "echo", "severity": "low", "description": "d",
  "remediation": "r", "kinds": ["dockerfile", "kubernetes"]}
deny contains {"msg": json.marshal(input)}
"#;
    let pod =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n";
    let dir = dir_with(&[("app/Dockerfile", DOCKERFILE), ("k8s/pod.yaml", pod), ("policies/echo.rego", policy)]);
    for file in ["app/Dockerfile", "k8s/pod.yaml"] {
        let (code, stdout, stderr) = run(dir.path(), &["parse", file]);
        assert_eq!(code, 0, "{stderr}");
        let printed = values(&stdout);
        let (_, report, stderr) = common::scan_json(&[file, "--policy", "policies", "--fail-on", "never"], dir.path());
        let mut received: Vec<Value> = report["findings"]
            .as_array()
            .unwrap_or_else(|| panic!("{stderr}"))
            .iter()
            .filter(|f| f["rule_id"] == "USER-ECHO")
            .map(|f| serde_json::from_str(f["message"].as_str().unwrap()).unwrap())
            .collect();
        received.sort_by_key(|v| v["document"]["kind"].to_string());
        let mut printed_sorted = printed.clone();
        printed_sorted.sort_by_key(|v| v["document"]["kind"].to_string());
        assert_eq!(printed_sorted, received, "{file}");
        assert_eq!(printed.len(), if file.ends_with(".yaml") { 2 } else { 1 });
    }
}

#[test]
fn every_input_has_all_five_facet_lists() {
    let dir = dir_with(&[("pod.yaml", "apiVersion: v1\nkind: Pod\n")]);
    let (code, stdout, stderr) = run(dir.path(), &["parse", "pod.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    let input = &values(&stdout)[0];
    assert_eq!(input["kind"], "kubernetes");
    assert_eq!(input["path"], "pod.yaml");
    for list in ["scripts", "images", "env", "ingress", "iam_statements"] {
        assert!(input["facets"][list].is_array(), "{list} missing: {input}");
    }
}

#[test]
fn kind_can_be_forced_and_only_cloudformation_reads_short_form_tags() {
    let dir = dir_with(&[("stack.yml", "Outputs:\n  Name:\n    Value: !Ref Bucket\n")]);
    // Not recognised as anything policies read: the secrets engine only.
    let (code, _, stderr) = run(dir.path(), &["parse", "stack.yml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("source(yaml)") && stderr.contains("--kind"), "{stderr}");
    let (code, stdout, stderr) = run(dir.path(), &["parse", "stack.yml", "--kind", "cloudformation"]);
    assert_eq!(code, 0, "{stderr}");
    let input = &values(&stdout)[0];
    assert_eq!(input["kind"], "cloudformation");
    assert_eq!(input["document"]["Outputs"]["Name"]["Value"], serde_json::json!({"Ref": "Bucket"}));
    // Another YAML kind drops the tag.
    let (_, stdout, _) = run(dir.path(), &["parse", "stack.yml", "--kind", "kubernetes"]);
    assert_eq!(values(&stdout)[0]["document"]["Outputs"]["Name"]["Value"], "Bucket");
    let (code, _, stderr) = run(dir.path(), &["parse", "stack.yml", "--kind", "nonsense"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown kind `nonsense`") && stderr.contains("github-actions"), "{stderr}");
}

#[test]
fn a_broken_file_is_an_error_naming_it() {
    let dir = dir_with(&[("pod.yaml", "apiVersion: v1\nkind: Pod\nspec: [\n")]);
    let (code, stdout, stderr) = run(dir.path(), &["parse", "pod.yaml"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("pod.yaml: cannot parse as kubernetes"), "{stderr}");
}

/// A Helm chart template is Go-templated YAML: the scan says it is a template to render, at
/// the line of the first action — not a YAML scanner message about keys and columns, and not
/// findings about `{"{\".Values.x\":null}": null}` when the template happens to parse.
#[test]
fn a_helm_template_is_named_as_a_template_not_broken_yaml() {
    let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"app.fullname\" . }}\nspec:\n  replicas: {{ .Values.replicas }}\n";
    // Starts like a JSON object, but `{{` is a template action.
    let guarded = "{{- if .Values.service.enabled }}\napiVersion: v1\nkind: Service\n{{- end }}\n";
    let dir = dir_with(&[
        ("chart/Chart.yaml", "name: app\n"),
        ("chart/templates/deployment.yaml", template),
        ("chart/templates/service.yaml", guarded),
    ]);
    let (code, report, stderr) = common::scan_json(&["chart", "--fail-on", "never"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let seen: Vec<(&str, u64, &str)> = diagnostics
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["line"].as_u64().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(seen.len(), 2, "{seen:?}");
    for ((path, line, message), (want_path, want_line)) in
        seen.into_iter().zip([("chart/templates/deployment.yaml", 4), ("chart/templates/service.yaml", 1)])
    {
        assert_eq!((path, line), (want_path, want_line));
        assert_eq!(
            message,
            "cannot parse as kubernetes: a Go/Helm or Jinja template action (`{{`) where YAML cannot have one: \
             the file is not YAML until rendered; render it (`helm template`) and scan the output to check it"
        );
    }
}

/// A Helm values file (a mapping with `- name:` and `service:` somewhere inside) is not an
/// Ansible task list; a real task list still is.
#[test]
fn helm_values_are_not_ansible_tasks() {
    let values_yaml = "image:\n  tag: 1.0\nextraVolumes:\n  - name: data\nservice:\n  type: ClusterIP\n  command: []\n";
    let tasks = "# tasks\n---\n- name: install\n  apt:\n    name: curl\n";
    let dir = dir_with(&[("values.yaml", values_yaml), ("install.yml", tasks)]);
    let (code, _, stderr) = run(dir.path(), &["parse", "values.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is source(yaml)"), "{stderr}");
    let (code, stdout, stderr) = run(dir.path(), &["parse", "install.yml"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(values(&stdout)[0]["kind"], "ansible");
}

#[test]
fn kinds_lists_the_registry_with_its_policies() {
    let dir = TempDir::new().unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["kinds", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let kinds: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let ids: Vec<&str> = kinds.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "terraform",
            "cloudformation",
            "kubernetes",
            "dockerfile",
            "docker-compose",
            "github-actions",
            "gitlab-ci",
            "codebuild-buildspec",
            "codedeploy-appspec",
            "jenkins",
            "ansible",
            "ecs-task-definition",
            "iam-policy",
            "codepipeline",
            "source",
            "text"
        ]
    );
    let dockerfile = &kinds[3];
    assert!(dockerfile["policies"].as_array().unwrap().iter().any(|p| p == "TG-DOCKER-001"), "{dockerfile}");
    assert_eq!(kinds.last().unwrap()["policies"], serde_json::json!([]));
    let (code, text, _) = run(dir.path(), &["kinds"]);
    assert_eq!(code, 0);
    assert!(text.contains("github-actions") && text.contains("detected by: name: .github/workflows/"), "{text}");
}

#[test]
fn readme_kind_table_matches_the_registry() {
    let root = common::repo_root();
    let (code, table, _) = run(root, &["kinds", "--markdown"]);
    assert_eq!(code, 0);
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("<!-- kind-table:start -->\n{table}<!-- kind-table:end -->")),
        "README.md's kind table is stale: regenerate it with `tollgate kinds --markdown`"
    );
}

/// Every kind policies read documents its document and facets.
#[test]
fn every_kind_with_documents_has_a_docs_page() {
    let root = common::repo_root();
    let (_, stdout, _) = run(root, &["kinds", "--json"]);
    let kinds: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    for kind in kinds.iter().filter(|k| k["has_documents"] == true) {
        let page = root.join(format!("docs/kinds/{}.md", kind["id"].as_str().unwrap()));
        let text = std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("{} is missing", page.display()));
        for section in ["## Document", "## Facets", "## Example"] {
            assert!(text.contains(section), "{} has no `{section}` section", page.display());
        }
    }
}

/// The example of a docs page: (file name, file text, byte range of the expected JSON).
fn docs_example(page: &str) -> Option<(String, String, std::ops::Range<usize>)> {
    let example = page.find("## Example")?;
    let open = example + page[example..].find(" file=")?;
    let name_end = open + page[open..].find('\n')?;
    let name = page[open + " file=".len()..name_end].trim().to_string();
    let body_end = name_end + 1 + page[name_end + 1..].find("\n```\n")?;
    let text = page[name_end + 1..=body_end].to_string();
    let json_open = body_end + page[body_end..].find("```json\n")? + "```json\n".len();
    let json_close = json_open + page[json_open..].find("```\n")?;
    Some((name, text, json_open..json_close))
}

/// Each kind page's example shows what `tollgate parse` prints for it; with
/// `TOLLGATE_UPDATE_DOCS=1` the pages are rewritten instead.
#[test]
fn docs_examples_show_what_parse_prints() {
    let root = common::repo_root();
    let update = std::env::var_os("TOLLGATE_UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    let mut pages: Vec<_> = std::fs::read_dir(root.join("docs/kinds")).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    for page_path in pages.into_iter().filter(|p| p.file_name().unwrap() != "README.md") {
        let page = std::fs::read_to_string(&page_path).unwrap();
        let (name, text, expected) =
            docs_example(&page).unwrap_or_else(|| panic!("{}: no example with a json block", page_path.display()));
        let dir = dir_with(&[(&name, &text)]);
        let (code, stdout, stderr) = run(dir.path(), &["parse", &name]);
        assert_eq!(code, 0, "{}: {stderr}", page_path.display());
        if page[expected.clone()] == stdout {
            continue;
        }
        if update {
            std::fs::write(&page_path, format!("{}{stdout}{}", &page[..expected.start], &page[expected.end..]))
                .unwrap();
        } else {
            stale.push(page_path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "stale examples (rerun with TOLLGATE_UPDATE_DOCS=1): {stale:?}");
}
