//! GitLab CI pipelines: `.gitlab-ci.yml`, `*.gitlab-ci.yml` templates, the files teams
//! `include:` from `.gitlab/ci/`, and other YAML files that hold job definitions.
//!
//! Read by the YAML reader as they are (`!reference` tags are dropped). Document shape:
//! `docs/kinds/gitlab-ci.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::syntax::{Document, ParseError};

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
        let jobs = file.head_has("\n  script:") && (file.head_has("\n  stage:") || file.head_has("\n  extends:"));
        if file.is_structured() && jobs { Detection::ByContent } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The facets of a GitLab CI pipeline.
fn facets(document: &Document) -> Facets {
    let _ = document;
    Facets::default()
}
