//! Kubernetes manifests (any resource: Pod, Deployment, Service, ...), YAML or JSON; one
//! document per YAML document of the stream.
//!
//! Recognised by content: `apiVersion` and `kind` near the top. Document shape:
//! `docs/kinds/kubernetes.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::syntax::{Document, ParseError};

pub struct Kubernetes;

impl Kind for Kubernetes {
    fn id(&self) -> &'static str {
        "kubernetes"
    }

    fn title(&self) -> &'static str {
        "Kubernetes manifest"
    }

    fn platform(&self) -> &'static str {
        "Kubernetes"
    }

    fn detected_by(&self) -> &'static str {
        "content of a YAML/JSON file: `apiVersion` and `kind`"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let marked = file.head_has("apiVersion") && file.head_has("kind");
        if file.is_structured() && marked { Detection::ByContent } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The facets of a Kubernetes manifest.
fn facets(document: &Document) -> Facets {
    let _ = document;
    Facets::default()
}
