//! GitHub Actions workflows (`.github/workflows/*.yml`) and composite or Docker actions
//! (`action.yml`).
//!
//! Read by the YAML reader as they are (`on:` stays the string key "on", YAML 1.2). Document
//! shape: `docs/kinds/github-actions.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::syntax::{Document, ParseError};

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

/// The facets of a GitHub Actions workflow.
fn facets(document: &Document) -> Facets {
    let _ = document;
    Facets::default()
}
