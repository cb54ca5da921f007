//! GitHub Actions workflows (`.github/workflows/*.yml`) and composite or Docker actions
//! (`action.yml`).
//!
//! Read by the YAML reader as they are (`on:` stays the string key "on", YAML 1.2). Document
//! shape: `docs/kinds/github-actions.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::facets::walk::{self, path};
use crate::facets::{JsonPath, Script, env, image};
use crate::syntax::Seg;
use crate::syntax::{Document, ParseError};
use serde_json::Value;

pub struct GithubActions;

impl Kind for GithubActions {
    fn id(&self) -> &'static str {
        "github-actions"
    }

    fn title(&self) -> &'static str {
        "GitHub Actions workflow"
    }

    fn platform(&self) -> &'static str {
        "GitHub Actions"
    }

    fn detected_by(&self) -> &'static str {
        "name: .github/workflows/*.yml, action.yml (and .yaml)"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let named =
            file.path.contains(".github/workflows/") || matches!(file.name.as_str(), "action.yml" | "action.yaml");
        if file.is_yaml() && named { Detection::ByName } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The facets of a GitHub Actions workflow or action: `run:` scripts (with the shell the step,
/// job or workflow defaults name), container, service and `docker://` images, and `env:`
/// values of the workflow, its jobs and steps, and steps' `with:` inputs (which an action
/// receives as `INPUT_*` variables; `${{ ... }}` expressions are references).
fn facets(document: &Document) -> Facets {
    let doc = &document.value;
    let mut facets = Facets::default();
    let default_shell =
        walk::get(doc, "defaults").and_then(|d| walk::get(d, "run")).and_then(|r| walk::string(r, "shell"));
    env_map(doc, &[], &mut facets);
    let mut steps: Vec<(JsonPath, &Value, Option<&str>)> = Vec::new();
    for (id, job) in walk::members(doc, "jobs").filter(|(_, j)| j.is_object()) {
        let job_path = path!["jobs", id];
        let job_shell = walk::get(job, "defaults")
            .and_then(|d| walk::get(d, "run"))
            .and_then(|r| walk::string(r, "shell"))
            .or(default_shell);
        env_map(job, &job_path, &mut facets);
        match walk::get(job, "container") {
            Some(Value::String(img)) => {
                facets.images.push(image::image(path![job_path; "container"], img, "github-actions container"))
            }
            Some(c) => {
                if let Some(img) = walk::string(c, "image") {
                    facets.images.push(image::image(
                        path![job_path; "container", "image"],
                        img,
                        "github-actions container",
                    ));
                }
            }
            None => {}
        }
        for (name, svc) in walk::members(job, "services") {
            if let Some(img) = walk::string(svc, "image") {
                facets.images.push(image::image(
                    path![job_path; "services", name, "image"],
                    img,
                    "github-actions service",
                ));
            }
        }
        for (i, step) in walk::list(job, "steps") {
            steps.push((path![job_path; "steps", i], step, job_shell));
        }
    }
    if let Some(runs) = walk::get(doc, "runs") {
        for (i, step) in walk::list(runs, "steps") {
            steps.push((path!["runs", "steps", i], step, None));
        }
    }
    for (at, step, job_shell) in steps {
        if !step.is_object() {
            continue;
        }
        if let Some(run) = walk::string(step, "run") {
            facets.scripts.push(Script {
                path: path![at; "run"],
                script: run.to_string(),
                shell: walk::string(step, "shell").or(job_shell).map(str::to_string),
                origin: "github-actions run".to_string(),
            });
        }
        if let Some(img) = walk::string(step, "uses").and_then(|u| u.strip_prefix("docker://")) {
            facets.images.push(image::image(path![at; "uses"], img, "github-actions docker step"));
        }
        env_map(step, &at, &mut facets);
        // An action receives its `with:` inputs as `INPUT_<NAME>` environment variables.
        for (name, value) in walk::members(step, "with") {
            if let Some(value) = value.as_str() {
                let p = path![at; "with", name];
                facets.env.push(env::var(p.clone(), p, name, value, "github-actions input"));
            }
        }
    }
    facets
}

/// The string values of `body.env`.
fn env_map(body: &Value, at: &[Seg], facets: &mut Facets) {
    for (name, value) in walk::members(body, "env") {
        if let Some(value) = value.as_str() {
            let p = path![at; "env", name];
            facets.env.push(env::var(p.clone(), p, name, value, "github-actions env"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse_yaml;

    #[test]
    fn facets_of_a_workflow() {
        let src = "env:\n  TOKEN: ${{ secrets.T }}\ndefaults:\n  run:\n    shell: bash\njobs:\n  build:\n    container: node:20\n    services:\n      db:\n        image: postgres\n    env:\n      API_KEY: abc123\n    steps:\n      - run: curl -s x | sh\n      - uses: docker://alpine:3\n        env:\n          X: y\n        with:\n          password: hunter2\n      - run: echo\n        shell: pwsh\n";
        let doc = &parse_yaml(src.as_bytes()).unwrap()[0];
        let f = facets(doc);
        let scripts: Vec<(String, Option<String>)> =
            f.scripts.iter().map(|s| (s.script.clone(), s.shell.clone())).collect();
        assert_eq!(scripts, vec![("curl -s x | sh".into(), Some("bash".into())), ("echo".into(), Some("pwsh".into()))]);
        assert_eq!(f.scripts[0].path, path!["jobs", "build", "steps", 0usize, "run"]);
        let images: Vec<&str> = f.images.iter().map(|i| i.image.as_str()).collect();
        assert_eq!(images, vec!["node:20", "postgres", "alpine:3"]);
        assert_eq!(f.images[1].path, path!["jobs", "build", "services", "db", "image"]);
        let env: Vec<(&str, bool)> = f.env.iter().map(|e| (e.name.as_str(), e.secret_ref)).collect();
        assert_eq!(env, vec![("TOKEN", true), ("API_KEY", false), ("X", false), ("password", false)]);
        assert_eq!(f.env[3].origin, "github-actions input");
        assert_eq!(f.env[1].path, path!["jobs", "build", "env", "API_KEY"]);
    }
}
