//! GitLab CI pipelines: `.gitlab-ci.yml`, `*.gitlab-ci.yml` templates, the files teams
//! `include:` from `.gitlab/ci/`, and other YAML files that hold job definitions.
//!
//! Read by the YAML reader as they are (`!reference` tags are dropped). Document shape:
//! `docs/kinds/gitlab-ci.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::facets::walk::{self, path};
use crate::facets::{JsonPath, Script, env, image};
use crate::syntax::Seg;
use crate::syntax::{Document, ParseError};
use serde_json::Value;

pub struct GitlabCi;

impl Kind for GitlabCi {
    fn id(&self) -> &'static str {
        "gitlab-ci"
    }

    fn title(&self) -> &'static str {
        "GitLab CI pipeline"
    }

    fn platform(&self) -> &'static str {
        "GitLab CI"
    }

    fn detected_by(&self) -> &'static str {
        "name: .gitlab-ci.yml, *.gitlab-ci.yml, .gitlab/ci/*.yml; or content of a YAML file: job keys `script:` with `stage:` or `extends:`"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let name = &file.name;
        let named = name == ".gitlab-ci.yml"
            || name == ".gitlab-ci.yaml"
            || (file.is_yaml()
                && (name.ends_with(".gitlab-ci.yml")
                    || name.ends_with(".gitlab-ci.yaml")
                    || file.path.contains(".gitlab/ci/")));
        if named {
            return Detection::ByName;
        }
        // An included file elsewhere: job definitions (`script:` with `stage:`/`extends:` at job
        // depth).
        let jobs = file.is_structured()
            && file.head_has("\n  script:")
            && (file.head_has("\n  stage:") || file.head_has("\n  extends:"));
        if jobs { Detection::ByContent } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        Ok(yaml_or_json(file.bytes, no_tags)?.map(share_spec_header))
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// A CI/CD component or template declares its inputs in a header document (`spec: inputs:`)
/// before `---`; the jobs that interpolate them (`$[[ inputs.x ]]`) are in the next one. Each
/// later document that has no `spec` of its own gets the header's, with its regions (they are
/// file positions, so they hold in any document), so a policy sees an input's type, `options`
/// and `regex` next to the scripts that use it.
fn share_spec_header(mut docs: Vec<Document>) -> Vec<Document> {
    let Some(spec) = docs.first().and_then(|d| d.value.get("spec")).cloned() else { return docs };
    let key = Seg::from("spec");
    let spans: Vec<(Vec<Seg>, crate::model::Region)> =
        docs[0].source_map.iter().filter(|(p, _)| p.first() == Some(&key)).map(|(p, r)| (p.to_vec(), r)).collect();
    for doc in docs.iter_mut().skip(1) {
        let Some(obj) = doc.value.as_object_mut() else { continue };
        if obj.contains_key("spec") {
            continue;
        }
        obj.insert("spec".to_string(), spec.clone());
        for (p, r) in &spans {
            doc.source_map.insert(p.clone(), *r);
        }
    }
    docs
}

/// Top-level keywords that are not jobs (`pages` is a job; `spec` is a component's header).
const RESERVED: &[&str] = &[
    "spec",
    "default",
    "include",
    "stages",
    "variables",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
];

/// The facets of a GitLab CI file, over its scopes (the top level, `default:` and every job,
/// hidden `.template` jobs included): one script item per `script`/`before_script`/
/// `after_script` entry, `image`/`services` images, and `variables` values.
fn facets(document: &Document) -> Facets {
    let doc = &document.value;
    let mut facets = Facets::default();
    let mut scopes: Vec<(JsonPath, &Value)> = vec![(Vec::new(), doc)];
    if let Some(d) = walk::get(doc, "default").filter(|d| d.is_object()) {
        scopes.push((path!["default"], d));
    }
    for (name, job) in doc.as_object().into_iter().flatten() {
        if !RESERVED.contains(&name.as_str()) && job.is_object() {
            scopes.push((path![name], job));
        }
    }
    for (at, body) in &scopes {
        for key in ["before_script", "script", "after_script"] {
            let mut push = |p: JsonPath, s: &str| {
                facets.scripts.push(Script {
                    path: p,
                    script: s.to_string(),
                    shell: None,
                    origin: "gitlab-ci script".into(),
                })
            };
            match walk::get(body, key) {
                Some(Value::String(s)) => push(path![at; key], s),
                Some(Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        match item {
                            Value::String(s) => push(path![at; key, i], s),
                            // Lists built from anchors nest one level.
                            Value::Array(inner) => {
                                for (j, s) in inner.iter().enumerate() {
                                    if let Some(s) = s.as_str() {
                                        push(path![at; key, i, j], s);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        match walk::get(body, "image") {
            Some(Value::String(img)) => facets.images.push(image::image(path![at; "image"], img, "gitlab-ci image")),
            Some(img) => {
                if let Some(name) = walk::string(img, "name") {
                    facets.images.push(image::image(path![at; "image", "name"], name, "gitlab-ci image"));
                }
            }
            None => {}
        }
        for (i, svc) in walk::list(body, "services") {
            match svc {
                Value::String(s) => facets.images.push(image::image(path![at; "services", i], s, "gitlab-ci service")),
                _ => {
                    if let Some(name) = walk::string(svc, "name") {
                        facets.images.push(image::image(path![at; "services", i, "name"], name, "gitlab-ci service"));
                    }
                }
            }
        }
        // `default:` cannot hold variables.
        if at.first() == Some(&Seg::from("default")) && at.len() == 1 {
            continue;
        }
        for (name, raw) in walk::members(body, "variables") {
            let key_path = path![at; "variables", name];
            let (value_path, value) = match raw {
                Value::String(s) => (key_path.clone(), s.as_str()),
                Value::Object(_) => match walk::string(raw, "value") {
                    Some(s) => (path![key_path; "value"], s),
                    None => continue,
                },
                _ => continue,
            };
            facets.env.push(env::var(value_path, key_path, name, value, "gitlab-ci variables"));
        }
    }
    facets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse_yaml;

    #[test]
    fn facets_of_a_pipeline() {
        let src = "image: ruby:latest\nvariables:\n  DB_PASSWORD: hunter2\n  T:\n    value: $CI_TOKEN\nservices:\n  - postgres\n  - name: redis:7\nbuild:\n  before_script: apt-get update\n  script:\n    - curl -s x | sh\n    - [echo a, echo b]\n";
        let doc = &parse_yaml(src.as_bytes()).unwrap()[0];
        let f = facets(doc);
        let scripts: Vec<(&str, JsonPath)> = f.scripts.iter().map(|s| (s.script.as_str(), s.path.clone())).collect();
        assert_eq!(
            scripts,
            vec![
                ("apt-get update", path!["build", "before_script"]),
                ("curl -s x | sh", path!["build", "script", 0usize]),
                ("echo a", path!["build", "script", 1usize, 0usize]),
                ("echo b", path!["build", "script", 1usize, 1usize]),
            ]
        );
        let images: Vec<(&str, JsonPath)> = f.images.iter().map(|i| (i.image.as_str(), i.path.clone())).collect();
        assert_eq!(
            images,
            vec![
                ("ruby:latest", path!["image"]),
                ("postgres", path!["services", 0usize]),
                ("redis:7", path!["services", 1usize, "name"])
            ]
        );
        let env: Vec<(&str, bool, JsonPath)> =
            f.env.iter().map(|e| (e.name.as_str(), e.secret_ref, e.path.clone())).collect();
        assert_eq!(
            env,
            vec![
                ("DB_PASSWORD", false, path!["variables", "DB_PASSWORD"]),
                ("T", true, path!["variables", "T", "value"])
            ]
        );
    }

    #[test]
    fn the_spec_header_is_shared_with_the_jobs_document() {
        let src = "spec:\n  inputs:\n    env:\n      default: dev\n---\ndeploy:\n  script: echo $[[ inputs.env ]]\n";
        let docs = share_spec_header(parse_yaml(src.as_bytes()).unwrap());
        assert_eq!(docs[1].value["spec"]["inputs"]["env"]["default"], "dev");
        let at = docs[1].source_map.get(&path!["spec", "inputs", "env"]).unwrap();
        assert_eq!((at.start_line, at.start_column), (3, 5));
        assert!(facets(&docs[1]).scripts.iter().all(|s| s.path[0] == Seg::from("deploy")));
    }
}
