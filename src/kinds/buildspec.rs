//! AWS CodeBuild buildspecs (`buildspec.yml`, `buildspec-test.yml`, ...).
//!
//! Read by the YAML reader as they are: `{"version", "env", "phases": {PHASE: {"commands":
//! [...]}}, "artifacts", ...}`. Document shape: `docs/kinds/codebuild-buildspec.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::facets::walk::{self, path};
use crate::facets::{Script, env};
use crate::syntax::{Document, ParseError};

pub struct Buildspec;

impl Kind for Buildspec {
    fn id(&self) -> &'static str {
        "codebuild-buildspec"
    }

    fn title(&self) -> &'static str {
        "AWS CodeBuild buildspec"
    }

    fn platform(&self) -> &'static str {
        "AWS CodeBuild buildspec"
    }

    fn detected_by(&self) -> &'static str {
        "name: buildspec*.yml (and .yaml)"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        if file.is_yaml() && file.name.starts_with("buildspec") { Detection::ByName } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The facets of a CodeBuild buildspec: every `commands`/`finally` entry of every phase, and
/// `env.variables` (literal) plus `env.parameter-store`/`env.secrets-manager` (references by
/// definition).
fn facets(document: &Document) -> Facets {
    let doc = &document.value;
    let mut facets = Facets::default();
    let env_block = walk::get(doc, "env");
    let shell = env_block.and_then(|e| walk::string(e, "shell")).map(str::to_string);
    for (phase, body) in walk::members(doc, "phases") {
        for key in ["commands", "finally"] {
            for (i, cmd) in walk::list(body, key) {
                if let Some(cmd) = cmd.as_str() {
                    facets.scripts.push(Script {
                        path: path!["phases", phase, key, i],
                        script: cmd.to_string(),
                        shell: shell.clone(),
                        origin: "buildspec commands".to_string(),
                    });
                }
            }
        }
    }
    if let Some(env_block) = env_block {
        for key in ["variables", "parameter-store", "secrets-manager"] {
            for (name, value) in walk::members(env_block, key) {
                if let Some(value) = value.as_str() {
                    let at = path!["env", key, name];
                    let mut item = env::var(at.clone(), at, name, value, &format!("buildspec env.{key}"));
                    item.secret_ref |= key != "variables";
                    facets.env.push(item);
                }
            }
        }
    }
    facets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse_yaml;

    #[test]
    fn facets_of_a_buildspec() {
        let src = "version: 0.2\nenv:\n  variables:\n    API_TOKEN: abc\n  parameter-store:\n    DB_PASSWORD: /prod/db\nphases:\n  build:\n    commands:\n      - curl -s x | bash\n    finally:\n      - echo done\n";
        let f = facets(&parse_yaml(src.as_bytes()).unwrap()[0]);
        let scripts: Vec<(&str, crate::facets::JsonPath)> =
            f.scripts.iter().map(|s| (s.script.as_str(), s.path.clone())).collect();
        assert_eq!(
            scripts,
            vec![
                ("curl -s x | bash", path!["phases", "build", "commands", 0usize]),
                ("echo done", path!["phases", "build", "finally", 0usize])
            ]
        );
        let env: Vec<(&str, bool)> = f.env.iter().map(|e| (e.name.as_str(), e.secret_ref)).collect();
        assert_eq!(env, vec![("API_TOKEN", false), ("DB_PASSWORD", true)]);
        assert_eq!(f.env[0].path, path!["env", "variables", "API_TOKEN"]);
    }
}
