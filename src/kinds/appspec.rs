//! AWS CodeDeploy appspecs (`appspec.yml`/`appspec.json`): EC2/on-premises, ECS and Lambda
//! deployments.
//!
//! Read by the YAML or JSON reader as they are: `{"version", "os", "files", "hooks": {EVENT:
//! [{"location", "runas", ...}]}, "Resources", ...}`. Document shape: `docs/kinds/codedeploy-appspec.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::syntax::{Document, ParseError};

pub struct Appspec;

impl Kind for Appspec {
    fn id(&self) -> &'static str {
        "codedeploy-appspec"
    }

    fn title(&self) -> &'static str {
        "AWS CodeDeploy appspec"
    }

    fn platform(&self) -> &'static str {
        "AWS CodeDeploy appspec"
    }

    fn detected_by(&self) -> &'static str {
        "name: appspec.yml, appspec.yaml, appspec.json"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let named = matches!(file.name.as_str(), "appspec.yml" | "appspec.yaml" | "appspec.json");
        if named { Detection::ByName } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The facets of an AppSpec file: none. Its hooks name script files (`location`) or Lambda
/// functions rather than holding scripts, and it declares no env, images, ingress or IAM.
fn facets(document: &Document) -> Facets {
    let _ = document;
    Facets::default()
}
