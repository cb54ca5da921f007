//! Amazon ECS task definitions as JSON files: the input of `aws ecs register-task-definition
//! --cli-input-json`, CodeDeploy's `taskdef.json`, `.aws/task-definition.json` of the
//! deploy-to-ECS workflows, and the `describe-task-definition` output (`{"taskDefinition":
//! {...}}`).
//!
//! Recognised by content, since the names vary: a JSON file with `containerDefinitions`. Read by
//! the JSON reader as it is: `{"family", "networkMode", "containerDefinitions": [{"name",
//! "image", "environment": [{"name", "value"}], "secrets": [{"name", "valueFrom"}],
//! "portMappings", "privileged", "user", ...}], ...}`. Document shape:
//! `docs/kinds/ecs-task-definition.md`.

use super::{Candidate, Detection, FileToParse, Kind};
use crate::facets::walk::{self, path};
use crate::facets::{Facets, JsonPath, env, image};
use crate::syntax::{Document, ParseError, json};
use serde_json::Value;

pub struct EcsTaskDefinition;

impl Kind for EcsTaskDefinition {
    fn id(&self) -> &'static str {
        "ecs-task-definition"
    }

    fn title(&self) -> &'static str {
        "Amazon ECS task definition"
    }

    fn platform(&self) -> &'static str {
        "Amazon ECS task definition"
    }

    fn detected_by(&self) -> &'static str {
        "content of a JSON file: `containerDefinitions`"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let json = file.ext() == "json";
        if json && file.head_has("\"containerDefinitions\"") { Detection::ByContent } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        json::parse_json(file.bytes).map(|d| Some(vec![d]))
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(&document.value)
    }
}

/// Where the task definition is: the root, or `taskDefinition` of `describe-task-definition`
/// output.
pub fn task_root(doc: &Value) -> (JsonPath, &Value) {
    match walk::get(doc, "taskDefinition").filter(|t| t.is_object()) {
        Some(t) => (path!["taskDefinition"], t),
        None => (Vec::new(), doc),
    }
}

/// The facets of a task definition: each container's `image`, its `environment` entries (literal
/// values) and its `secrets` entries (`valueFrom` names a Secrets Manager secret or an SSM
/// parameter, so `secret_ref` is true).
fn facets(doc: &Value) -> Facets {
    let mut facets = Facets::default();
    let (root, task) = task_root(doc);
    for (i, c) in walk::list(task, "containerDefinitions") {
        let at = path![root; "containerDefinitions", i];
        if let Some(img) = walk::string(c, "image") {
            facets.images.push(image::image(path![at; "image"], img, "ecs container"));
        }
        for (j, e) in walk::list(c, "environment") {
            if let (Some(n), Some(v)) = (walk::string(e, "name"), walk::string(e, "value")) {
                let entry = path![at; "environment", j];
                facets.env.push(env::var(path![entry; "value"], path![entry; "name"], n, v, "ecs environment"));
            }
        }
        for (j, s) in walk::list(c, "secrets") {
            if let (Some(n), Some(v)) = (walk::string(s, "name"), walk::string(s, "valueFrom")) {
                let entry = path![at; "secrets", j];
                let mut item = env::var(path![entry; "valueFrom"], path![entry; "name"], n, v, "ecs secrets");
                item.secret_ref = true;
                facets.env.push(item);
            }
        }
    }
    facets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse_json;

    #[test]
    fn containers_give_images_env_and_secret_references() {
        let doc = parse_json(
            br#"{"family": "api", "containerDefinitions": [{"name": "api", "image": "nginx:1.25",
              "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}],
              "secrets": [{"name": "TOKEN", "valueFrom": "arn:aws:ssm:eu-west-1:1:parameter/t"}]}]}"#,
        )
        .unwrap();
        let f = facets(&doc.value);
        assert_eq!(f.images.len(), 1);
        assert_eq!(f.images[0].path, path!["containerDefinitions", 0usize, "image"]);
        assert_eq!(f.env.len(), 2);
        assert!(!f.env[0].secret_ref && f.env[0].value == "hunter2");
        assert!(f.env[1].secret_ref && f.env[1].name == "TOKEN");
    }

    #[test]
    fn describe_output_is_read_under_task_definition() {
        let doc = parse_json(br#"{"taskDefinition": {"containerDefinitions": [{"image": "x"}]}}"#).unwrap();
        assert_eq!(facets(&doc.value).images[0].path, path!["taskDefinition", "containerDefinitions", 0usize, "image"]);
    }
}
