//! Docker Compose files (`docker-compose.yml`, `compose.yaml`, ...).
//!
//! Read by the YAML reader as they are: `{"services": {NAME: {...}}, "volumes": ..., ...}`.
//! Document shape: `docs/kinds/compose.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::syntax::{Document, ParseError};

pub struct Compose;

impl Kind for Compose {
    fn id(&self) -> &'static str {
        "docker-compose"
    }

    fn title(&self) -> &'static str {
        "Docker Compose file"
    }

    fn platform(&self) -> &'static str {
        "docker-compose"
    }

    fn detected_by(&self) -> &'static str {
        "name: docker-compose*.yml, compose.yml, compose-*.yml (and .yaml)"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let name = &file.name;
        let named = name.starts_with("docker-compose") || name.starts_with("compose.") || name.starts_with("compose-");
        if file.is_yaml() && named { Detection::ByName } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The facets of a Docker Compose file.
fn facets(document: &Document) -> Facets {
    let _ = document;
    Facets::default()
}
