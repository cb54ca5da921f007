//! AWS CodePipeline pipeline definitions: what `aws codepipeline get-pipeline` prints (JSON, or
//! YAML with `--output yaml`) and what `create-pipeline` / `update-pipeline --cli-input-json`
//! (or `--cli-input-yaml`) reads: `{"pipeline": {"name", "roleArn", "artifactStore" |
//! "artifactStores", "variables", "stages": [{"name", "actions": [{"name", "actionTypeId",
//! "configuration", "commands", "environmentVariables", ...}]}]}, "metadata"}`.
//!
//! Recognised by content: a YAML or JSON file whose start has `pipeline`, `stages` and
//! `actionTypeId` (that last key is camelCase only in the API's shape; CloudFormation writes
//! `ActionTypeId`). Read by the YAML or JSON reader as it is. Document shape:
//! `docs/kinds/codepipeline.md`.
//!
//! CloudFormation's `AWS::CodePipeline::Pipeline` stays a `cloudformation` document (a template
//! holds other resources too, and its intrinsics need that kind's reader): the CodePipeline
//! checks read both kinds through `lib.codepipeline`, and the CloudFormation facets call
//! [`pipeline_facets`] on each pipeline's `Properties`, so both kinds feed the same facets.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::walk::{self, path};
use crate::facets::{EnvVar, Facets, JsonPath, Script, env};
use crate::syntax::{Document, ParseError};
use serde_json::Value;

pub struct Codepipeline;

impl Kind for Codepipeline {
    fn id(&self) -> &'static str {
        "codepipeline"
    }

    fn title(&self) -> &'static str {
        "AWS CodePipeline pipeline"
    }

    fn platform(&self) -> &'static str {
        "AWS CodePipeline"
    }

    fn detected_by(&self) -> &'static str {
        "content of a YAML/JSON file: `pipeline`, `stages` and `actionTypeId` (get-pipeline output)"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let marked = file.is_structured()
            && file.head_has("pipeline")
            && file.head_has("stages")
            && file.head_has("actionTypeId");
        if marked { Detection::ByContent } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        let mut facets = Facets::default();
        if let Some(pipeline) = walk::get(&document.value, "pipeline") {
            pipeline_facets(pipeline, path!["pipeline"], &mut facets);
        }
        facets
    }
}

/// The facets of one pipeline at `at`, keys spelled as the API does (`stages`) or as
/// CloudFormation does (`Stages`):
///
/// - `scripts`: each entry of a Commands action's `commands` (origin `codepipeline commands`);
/// - `env`: each action's `environmentVariables` entry (origin `codepipeline action
///   environment`; type `SECRETS_MANAGER` is a reference), each variable of a CodeBuild action's
///   `EnvironmentVariables` configuration, a JSON list inside a string (origin `codepipeline
///   codebuild environment`; paths continue into the text, which the source map locates as the
///   string; types `PARAMETER_STORE` and `SECRETS_MANAGER` are references), and each pipeline variable's `defaultValue` (origin
///   `codepipeline variable`).
///
/// A value holding a pipeline variable (`#{Namespace.Name}`) is a reference too: it is resolved
/// at run time, not written here.
pub fn pipeline_facets(pipeline: &Value, at: JsonPath, facets: &mut Facets) {
    if let Some((vars_key, vars)) = field(pipeline, "variables") {
        for (i, var) in vars.as_array().into_iter().flatten().enumerate() {
            let (Some((nk, name)), Some((vk, value))) = (string_field(var, "name"), string_field(var, "defaultValue"))
            else {
                continue;
            };
            let entry = path![at; vars_key, i];
            facets.env.push(var_item(path![entry; vk], path![entry; nk], name, value, None, "codepipeline variable"));
        }
    }
    if let Some((stages_key, stages)) = field(pipeline, "stages") {
        for (i, stage) in stages.as_array().into_iter().flatten().enumerate() {
            if let Some((actions_key, actions)) = field(stage, "actions") {
                for (j, action) in actions.as_array().into_iter().flatten().enumerate() {
                    action_facets(action, path![at; stages_key, i, actions_key, j], facets);
                }
            }
        }
    }
}

fn action_facets(action: &Value, at: JsonPath, facets: &mut Facets) {
    if let Some((key, commands)) = field(action, "commands") {
        for (k, cmd) in commands.as_array().into_iter().flatten().enumerate() {
            if let Some(cmd) = cmd.as_str() {
                facets.scripts.push(Script {
                    path: path![at; key, k],
                    script: cmd.to_string(),
                    shell: None,
                    origin: "codepipeline commands".to_string(),
                });
            }
        }
    }
    if let Some((key, vars)) = field(action, "environmentVariables") {
        for (k, var) in vars.as_array().into_iter().flatten().enumerate() {
            let (Some((nk, name)), Some((vk, value))) = (string_field(var, "name"), string_field(var, "value")) else {
                continue;
            };
            let entry = path![at; key, k];
            let ty = string_field(var, "type").map(|(_, t)| t);
            let origin = "codepipeline action environment";
            facets.env.push(var_item(path![entry; vk], path![entry; nk], name, value, ty, origin));
        }
    }
    let provider = field(action, "actionTypeId").and_then(|(_, t)| string_field(t, "provider")).map(|(_, p)| p);
    if !provider.is_some_and(|p| p.eq_ignore_ascii_case("CodeBuild")) {
        return;
    }
    let Some((config_key, config)) = field(action, "configuration") else { return };
    // The CodeBuild action takes its variables as JSON text: `[{"name", "value", "type"}]`.
    let Some(text) = walk::string(config, "EnvironmentVariables") else { return };
    let Ok(Value::Array(vars)) = serde_json::from_str::<Value>(text) else { return };
    // The paths go on into the JSON text (`EnvironmentVariables`, index, `value`): the document
    // has no such node, so the source map gives the string's region, and the path still names
    // one variable (a finding's fingerprint is its path).
    let text_path = path![at; config_key, "EnvironmentVariables"];
    for (k, var) in vars.iter().enumerate() {
        if let (Some(name), Some(value)) = (walk::string(var, "name"), walk::string(var, "value")) {
            let ty = walk::string(var, "type");
            let origin = "codepipeline codebuild environment";
            let (value_path, name_path) = (path![text_path; k, "value"], path![text_path; k, "name"]);
            facets.env.push(var_item(value_path, name_path, name, value, ty, origin));
        }
    }
}

/// An env item; a `type` other than `PLAINTEXT` names a secret store entry, and a pipeline
/// variable is resolved at run time.
fn var_item(path: JsonPath, name_path: JsonPath, name: &str, value: &str, ty: Option<&str>, origin: &str) -> EnvVar {
    let mut item = env::var(path, name_path, name, value, origin);
    item.secret_ref |= ty.is_some_and(|t| !t.eq_ignore_ascii_case("PLAINTEXT")) || value.contains("#{");
    item
}

/// `key` as the API spells it (`stages`), else as CloudFormation does (`Stages`), with the
/// spelling found.
fn field<'v>(v: &'v Value, key: &str) -> Option<(String, &'v Value)> {
    if let Some(found) = walk::get(v, key) {
        return Some((key.to_string(), found));
    }
    let pascal: String = key.chars().take(1).flat_map(char::to_uppercase).chain(key.chars().skip(1)).collect();
    walk::get(v, &pascal).map(|found| (pascal, found))
}

fn string_field<'v>(v: &'v Value, key: &str) -> Option<(String, &'v str)> {
    field(v, key).and_then(|(k, found)| found.as_str().map(|s| (k, s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json::parse_json;

    const PIPELINE: &str = r##"{"pipeline": {"name": "app",
      "variables": [{"name": "DEPLOY_TOKEN", "defaultValue": "t0k3n"}],
      "stages": [{"name": "Build", "actions": [
        {"name": "Build", "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
         "configuration": {"ProjectName": "app", "EnvironmentVariables":
           "[{\"name\":\"NPM_TOKEN\",\"value\":\"npm_x\",\"type\":\"PLAINTEXT\"},{\"name\":\"DB\",\"value\":\"/app/db\",\"type\":\"PARAMETER_STORE\"}]"}},
        {"name": "Lint", "actionTypeId": {"category": "Compute", "owner": "AWS", "provider": "Commands", "version": "1"},
         "commands": ["npm ci", "npm run lint"],
         "environmentVariables": [{"name": "GH", "value": "gh/token", "type": "SECRETS_MANAGER"},
                                  {"name": "SHA", "value": "#{SourceVariables.CommitId}"}]}]}]}}"##;

    #[test]
    fn actions_give_scripts_and_env() {
        let doc = parse_json(PIPELINE.as_bytes()).unwrap();
        let f = Codepipeline.facets(&doc);
        let action = |j: usize| path!["pipeline", "stages", 0usize, "actions", j];
        assert_eq!(f.scripts.len(), 2);
        assert_eq!(f.scripts[1].path, path![action(1); "commands", 1usize]);
        let env: Vec<(&str, bool, &str)> =
            f.env.iter().map(|e| (e.name.as_str(), e.secret_ref, e.origin.as_str())).collect();
        assert_eq!(
            env,
            [
                ("DEPLOY_TOKEN", false, "codepipeline variable"),
                ("NPM_TOKEN", false, "codepipeline codebuild environment"),
                ("DB", true, "codepipeline codebuild environment"),
                ("GH", true, "codepipeline action environment"),
                ("SHA", true, "codepipeline action environment"),
            ]
        );
        assert_eq!(f.env[0].path, path!["pipeline", "variables", 0usize, "defaultValue"]);
        assert_eq!(f.env[1].path, path![action(0); "configuration", "EnvironmentVariables", 0usize, "value"]);
        assert_eq!(f.env[3].name_path, path![action(1); "environmentVariables", 0usize, "name"]);
    }

    #[test]
    fn cloudformation_spelling_is_read_too() {
        let props = serde_json::json!({"Stages": [{"Name": "Build", "Actions": [{"Name": "Lint",
            "ActionTypeId": {"Category": "Compute", "Owner": "AWS", "Provider": "Commands", "Version": "1"},
            "Commands": ["make lint"], "EnvironmentVariables": [{"Name": "STAGE", "Value": "prod"}]}]}]});
        let mut f = Facets::default();
        pipeline_facets(&props, path!["Resources", "P", "Properties"], &mut f);
        assert_eq!(
            f.scripts[0].path,
            path!["Resources", "P", "Properties", "Stages", 0usize, "Actions", 0usize, "Commands", 0usize]
        );
        assert_eq!(f.env[0].path.last(), Some(&"Value".into()));
    }

    #[test]
    fn detection_needs_the_api_shape() {
        let yes = b"pipeline:\n  name: app\n  stages:\n  - actions:\n    - actionTypeId: {}\n";
        assert_eq!(Codepipeline.detect(&Candidate::new("ci/pipeline.yaml", yes)), Detection::ByContent);
        let cfn = b"Resources:\n  Pipeline:\n    Properties:\n      Stages:\n        - Actions:\n            - ActionTypeId: {}\n";
        assert_eq!(Codepipeline.detect(&Candidate::new("pipeline.yaml", cfn)), Detection::No);
        assert_eq!(Codepipeline.detect(&Candidate::new("pipeline.txt", yes)), Detection::No);
    }
}
