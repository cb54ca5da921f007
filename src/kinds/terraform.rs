//! Terraform: `.tf` module files (and the `.tfvars` / `.tf.json` files beside them).
//!
//! A `.tf` file is read by the HCL reader ([`crate::syntax::terraform`]) with its directory's
//! module context, so `var.*` and `local.*` resolve to the literal values the module's files and
//! `.tfvars` give them. `.tfvars` files only feed that context; `.tf.json` is recognised but not
//! parsed yet. Document shape: `docs/kinds/terraform.md`.

use super::{Candidate, Detection, FileToParse, Kind};
use crate::facets::Facets;
use crate::syntax::terraform::{self, ModuleContext};
use crate::syntax::{Document, ParseError};
use std::path::Path;

pub struct Terraform;

impl Kind for Terraform {
    fn id(&self) -> &'static str {
        "terraform"
    }

    fn title(&self) -> &'static str {
        "Terraform configuration"
    }

    fn platform(&self) -> &'static str {
        "AWS (Terraform and CloudFormation)"
    }

    fn detected_by(&self) -> &'static str {
        "name: *.tf, *.tfvars, *.tf.json, *.tfvars.json"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let name = &file.name;
        if matches!(file.ext(), "tf" | "tfvars") || name.ends_with(".tf.json") || name.ends_with(".tfvars.json") {
            Detection::ByName
        } else {
            Detection::No
        }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        if !file.name.to_ascii_lowercase().ends_with(".tf") {
            // `.tfvars` feed the module context; `.tf.json` is not supported yet.
            return Ok(None);
        }
        let slot = file.fs_path.and_then(Path::parent).map(|dir| file.modules.get(dir));
        let empty = ModuleContext::default();
        let module = slot.as_ref().and_then(|s| s.get()).unwrap_or(&empty);
        terraform::parse_terraform(file.bytes, module).map(|d| Some(vec![d]))
    }

    /// Values the file defines that no check could see (locals in a cycle or past the size
    /// budgets). Empty for a file whose module context has not been built.
    fn notes(&self, file: &FileToParse) -> Vec<(u32, String)> {
        let Some(path) = file.fs_path else { return Vec::new() };
        let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
            return Vec::new();
        };
        let slot = file.modules.get(dir);
        let Some(module) = slot.get() else { return Vec::new() };
        module.notes_for(name).map(|n| (n.line, n.message.clone())).collect()
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// The facets of a Terraform document.
fn facets(document: &Document) -> Facets {
    let _ = document;
    Facets::default()
}
