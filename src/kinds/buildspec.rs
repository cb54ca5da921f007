//! AWS CodeBuild buildspecs (`buildspec.yml`, `buildspec-test.yml`, ...).
//!
//! Read by the YAML reader as they are: `{"version", "env", "phases": {PHASE: {"commands":
//! [...]}}, "artifacts", ...}`. Document shape: `docs/kinds/buildspec.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
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

/// The facets of a AWS CodeBuild buildspec.
fn facets(document: &Document) -> Facets {
    let _ = document;
    Facets::default()
}
