//! Dockerfiles and Containerfiles.
//!
//! Read by the Dockerfile reader ([`crate::syntax::dockerfile`]) into a list of instructions.
//! Document shape: `docs/kinds/dockerfile.md`.

use super::{Candidate, Detection, FileToParse, Kind};
use crate::facets::Facets;
use crate::syntax::{Document, ParseError, dockerfile};

pub struct Dockerfile;

impl Kind for Dockerfile {
    fn id(&self) -> &'static str {
        "dockerfile"
    }

    fn title(&self) -> &'static str {
        "Dockerfile"
    }

    fn platform(&self) -> &'static str {
        "Dockerfile"
    }

    fn detected_by(&self) -> &'static str {
        "name: Dockerfile, Dockerfile.*, *.dockerfile, Containerfile"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let name = &file.name;
        let named = name == "dockerfile"
            || name.starts_with("dockerfile.")
            || file.ext() == "dockerfile"
            || name == "containerfile";
        if named { Detection::ByName } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        dockerfile::parse_dockerfile(file.bytes).map(|d| Some(vec![d]))
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The facets of a Dockerfile.
fn facets(document: &Document) -> Facets {
    let _ = document;
    Facets::default()
}
