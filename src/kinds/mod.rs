//! File kinds: what a file is (a Terraform module file, a GitHub Actions workflow, a
//! Dockerfile, ...), and everything that follows from it. A kind is one unit: one file
//! `src/kinds/<kind>.rs` implements [`Kind`] — its id and title, how a file is recognised (by
//! name, or by a sniff of its content), how it is parsed (which syntax reader of
//! [`crate::syntax`], plus any step of its own, such as CloudFormation's short-form tags), and
//! the [`Facets`] it adds for policies — and one line of [`REGISTRY`] lists it.
//!
//! Everything else is derived from the registry: classification ([`crate::classify`]), the kinds a
//! policy may name, which policies are compiled for a file, `tollgate kinds`, `tollgate parse`
//! and the README's per-platform policy tables.
//!
//! Adding a kind: write `src/kinds/<kind>.rs` (copy the nearest existing kind), add it to
//! [`REGISTRY`] where its detection should rank, and describe its document and facets in
//! `docs/kinds/<id>.md`.

mod ansible;
mod appspec;
mod buildspec;
mod cloudformation;
mod codepipeline;
mod compose;
mod dockerfile;
mod ecs_task_definition;
mod github_actions;
mod gitlab_ci;
mod iam_policy;
mod jenkins;
mod kubernetes;
pub mod source;
mod terraform;
mod text;

use crate::facets::Facets;
use crate::syntax::terraform::ModuleCache;
use crate::syntax::{Document, ParseError, json, yaml};
pub use source::Language;
use std::borrow::Cow;
use std::fmt;
use std::path::Path;

/// Every file kind. Order matters twice: a file is the first kind that recognises it by name,
/// else (for YAML and JSON) the first that recognises its content, else the first fallback;
/// and the README's policy sections follow it.
pub static REGISTRY: &[&dyn Kind] = &[
    &terraform::Terraform,
    &cloudformation::Cloudformation,
    &kubernetes::Kubernetes,
    &dockerfile::Dockerfile,
    &compose::Compose,
    &github_actions::GithubActions,
    &gitlab_ci::GitlabCi,
    &buildspec::Buildspec,
    &appspec::Appspec,
    &jenkins::Jenkins,
    &ansible::Ansible,
    &ecs_task_definition::EcsTaskDefinition,
    &iam_policy::IamPolicy,
    &codepipeline::Codepipeline,
    &source::Source,
    &text::Text,
];

/// One file kind. Implemented by a unit struct per kind, listed in [`REGISTRY`].
pub trait Kind: Sync {
    /// The id reports, policies' `kinds` and `--kind` use: `terraform`, `github-actions`.
    fn id(&self) -> &'static str;
    /// Its name in prose: `GitHub Actions workflow`.
    fn title(&self) -> &'static str;
    /// The platform it belongs to; consecutive kinds of one platform share a README section.
    fn platform(&self) -> &'static str;
    /// How a file is recognised, in words (`tollgate kinds`, `docs/kinds/`).
    fn detected_by(&self) -> &'static str;
    /// Does this kind claim the file, and how sure is it?
    fn detect(&self, file: &Candidate) -> Detection;
    /// Whether the kind parses into documents that policies see (false for source and text,
    /// which only the secrets engine reads).
    fn has_documents(&self) -> bool {
        true
    }
    /// Parse the file into its documents (a multi-document YAML stream gives several), or
    /// `Ok(None)` for a file of the kind that has no document form (a `.tfvars` file).
    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        let _ = file;
        Ok(None)
    }
    /// Notes about the file that are not findings (Terraform locals no check could see), as
    /// (line, message).
    fn notes(&self, file: &FileToParse) -> Vec<(u32, String)> {
        let _ = file;
        Vec::new()
    }
    /// The facets of one parsed document (see [`crate::facets`]).
    fn facets(&self, document: &Document) -> Facets {
        let _ = document;
        Facets::default()
    }
}

/// How a kind recognises a file, strongest first: a name match beats a content match, which
/// beats a fallback; among equals the earlier kind in [`REGISTRY`] wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detection {
    ByName,
    ByContent,
    Fallback,
    No,
}

/// A file being classified: its path, lowercased name and extension, and the start of its
/// content.
pub struct Candidate<'a> {
    /// The whole path, `/`-separated.
    pub path: &'a str,
    /// The file name, lowercased.
    pub name: String,
    head: &'a [u8],
}

/// How much of a YAML/JSON file the content sniff reads.
const SNIFF_LEN: usize = 8 * 1024;

impl<'a> Candidate<'a> {
    pub fn new(path: &'a str, content: &'a [u8]) -> Candidate<'a> {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        Candidate { path, name, head: &content[..content.len().min(SNIFF_LEN)] }
    }

    /// The extension, lowercased (`""` when none).
    pub fn ext(&self) -> &str {
        self.name.rsplit_once('.').map(|(_, e)| e).unwrap_or("")
    }

    pub fn is_yaml(&self) -> bool {
        matches!(self.ext(), "yml" | "yaml")
    }

    /// YAML, JSON or a `.template`: the structured formats several platforms share, which
    /// only their content tells apart.
    pub fn is_structured(&self) -> bool {
        self.is_yaml() || matches!(self.ext(), "json" | "template")
    }

    /// Is the YAML document a list at top level (its first line of content, indented or not,
    /// starts with `- `)?
    /// Ansible task files and playbooks are; Helm values and most other YAML are mappings.
    pub fn is_top_level_list(&self) -> bool {
        self.head
            .split(|&b| b == b'\n')
            .map(|line| line.trim_ascii())
            .find(|line| {
                !(line.is_empty() || line.starts_with(b"#") || line.starts_with(b"---") || line.starts_with(b"%"))
            })
            .is_some_and(|line| line == b"-" || line.starts_with(b"- "))
    }

    /// Does the start of the content (the first 8 KiB) contain `needle`?
    pub fn head_has(&self, needle: &str) -> bool {
        memchr::memmem::find(self.head, needle.as_bytes()).is_some()
    }
}

/// A file to parse as its kind.
pub struct FileToParse<'a> {
    pub bytes: &'a [u8],
    /// The file's display name.
    pub name: &'a str,
    /// Where it is on disk, when it is (Terraform reads the other files of its module; a
    /// stream from standard input has no directory).
    pub fs_path: Option<&'a Path>,
    pub modules: &'a ModuleCache,
}

/// What a file was classified as: its kind in [`REGISTRY`], and for source code the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileKind {
    index: u8,
    language: Option<Language>,
}

impl FileKind {
    /// The kind with this id, if there is one (`--kind`, policy metadata).
    pub fn named(id: &str) -> Option<FileKind> {
        let index = REGISTRY.iter().position(|k| k.id() == id)?;
        Some(FileKind { index: index as u8, language: None })
    }

    /// The kind at `index` of [`REGISTRY`], of `language` for source code.
    pub(crate) fn at(index: usize, language: Option<Language>) -> FileKind {
        FileKind { index: index as u8, language }
    }

    pub fn kind(self) -> &'static dyn Kind {
        REGISTRY[self.index as usize]
    }

    pub fn id(self) -> &'static str {
        self.kind().id()
    }

    pub fn language(self) -> Option<Language> {
        self.language
    }

    /// The kind's name as reports spell it: the id, or `source(<language>)`. Called for every
    /// scanned file, so only source code allocates.
    pub fn name(self) -> Cow<'static, str> {
        match self.language {
            Some(lang) => Cow::Owned(format!("{}({})", self.id(), lang.name())),
            None => Cow::Borrowed(self.id()),
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// The ids of the kinds policies can be written for, in registry order.
pub fn policy_kinds() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().filter(|k| k.has_documents()).map(|k| k.id())
}

/// The kinds grouped by platform, in registry order: the README's policy sections.
pub fn platforms() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for kind in REGISTRY.iter().filter(|k| k.has_documents()) {
        match out.last_mut() {
            Some((platform, ids)) if *platform == kind.platform() => ids.push(kind.id()),
            _ => out.push((kind.platform(), vec![kind.id()])),
        }
    }
    out
}

/// Parse `bytes` as `kind` (see [`Kind::parse`]).
pub fn documents(
    kind: FileKind,
    bytes: &[u8],
    name: &str,
    fs_path: Option<&Path>,
    modules: &ModuleCache,
) -> Result<Option<Vec<Document>>, ParseError> {
    kind.kind().parse(&FileToParse { bytes, name, fs_path, modules })
}

/// Parse YAML, or JSON when the file starts with `{` (a JSON file is valid YAML, but the JSON
/// reader's regions are exact), giving local tags the meaning `tags` says.
fn yaml_or_json(bytes: &[u8], tags: yaml::LocalTags) -> Result<Option<Vec<Document>>, ParseError> {
    // `{{` / `{%` open a Go or Jinja template action (a Helm chart template), not JSON: the YAML
    // reader explains those.
    let mut start = bytes.iter().copied().filter(|b| !b.is_ascii_whitespace());
    let starts_like_json = start.next() == Some(b'{') && !matches!(start.next(), Some(b'{' | b'%'));
    if starts_like_json {
        json::parse_json(bytes).map(|d| Some(vec![d]))
    } else {
        yaml::parse_yaml_with_tags(bytes, tags).map(Some)
    }
}

/// No local tag means anything (every kind but CloudFormation).
fn no_tags(_: &str) -> Option<yaml::LocalTag> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_consistent() {
        let mut ids: Vec<&str> = REGISTRY.iter().map(|k| k.id()).collect();
        assert_eq!(REGISTRY.last().map(|k| k.id()), Some("text"), "text is the last fallback");
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), REGISTRY.len(), "kind ids are unique");
        for kind in REGISTRY {
            assert_eq!(FileKind::named(kind.id()).map(FileKind::id), Some(kind.id()));
            assert!(!kind.title().is_empty() && !kind.platform().is_empty() && !kind.detected_by().is_empty());
        }
    }
}
