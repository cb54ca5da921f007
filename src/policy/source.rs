//! Where policies come from: the built-in pack embedded at build time, a user's `--policy`
//! directory, and what their `# METADATA` blocks say before anything is compiled.

use super::PolicyMeta;
use super::annotation;
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::sync::OnceLock;

/// Built-in policy files, embedded at build time by `build.rs` from `policies/**/*.rego`.
const BUILTIN_POLICIES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));

/// One Rego file: where it came from (shown in errors and `explain`) and its text.
#[derive(Debug, Clone)]
pub struct RegoSource {
    pub name: String,
    pub text: String,
    /// What [`RegoSource::annotation`] read, once: selection asks for every policy's kinds for
    /// each file kind a scan meets, and the compile asks again.
    annotation: OnceLock<Result<Option<PolicyMeta>, String>>,
}

impl RegoSource {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> RegoSource {
        RegoSource { name: name.into(), text: text.into(), annotation: OnceLock::new() }
    }

    pub fn is_test(&self) -> bool {
        self.name.ends_with("_test.rego")
    }

    /// The metadata its `# METADATA` block states, read without compiling; `Ok(None)` when it
    /// has none (a library, or a policy that declares a `metadata` rule instead).
    pub fn annotation(&self) -> Result<Option<PolicyMeta>> {
        let read = || annotation::read(&self.text, &self.name).map_err(|e| format!("{e:#}"));
        self.annotation.get_or_init(read).clone().map_err(anyhow::Error::msg)
    }

    /// Does this file state the policy id `id`? Its `# METADATA` block says so, or (for the
    /// older `metadata` rule, which cannot be read without compiling) its text quotes the id.
    /// A test file states none: it quotes other ids (a `parts` list names checkov's).
    pub fn mentions_policy_id(&self, id: &str) -> bool {
        match self.annotation() {
            Ok(Some(meta)) => meta.id == id,
            _ => !self.is_test() && self.text.contains(&format!("\"{id}\"")),
        }
    }
}

/// The ids of the policies that list `id` among their `aliases` (case-insensitive), read from
/// the `# METADATA` blocks: a check that was merged into a cross-kind one (TG-GHA-015 into
/// TG-SHELL-001) is still named by its old id in configs and `explain`.
pub fn alias_targets(sources: &[RegoSource], id: &str) -> Vec<String> {
    sources
        .iter()
        .filter_map(|s| s.annotation().ok().flatten())
        .filter(|meta| meta.aliases.iter().any(|a| a.eq_ignore_ascii_case(id)))
        .map(|meta| meta.id)
        .collect()
}

/// Does `id` name only part of some policy (one of its `partial_aliases`, case-insensitive)?
pub fn is_partial_alias(sources: &[RegoSource], id: &str) -> bool {
    sources
        .iter()
        .filter_map(|s| s.annotation().ok().flatten())
        .any(|meta| meta.partial_aliases.iter().any(|a| a.eq_ignore_ascii_case(id)))
}

/// The built-in policies and libraries (and their tests).
pub fn builtin_sources() -> Vec<RegoSource> {
    BUILTIN_POLICIES.iter().map(|(name, text)| RegoSource::new(format!("policies/{name}"), text.to_string())).collect()
}

/// Every `*.rego` file under `dir`, recursively, sorted by path.
pub fn load_dir(dir: &Path) -> Result<Vec<RegoSource>> {
    fn walk(dir: &Path, out: &mut Vec<RegoSource>) -> Result<()> {
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read policy directory {}", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "rego") {
                let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
                out.push(RegoSource::new(path.display().to_string(), text));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    if out.is_empty() {
        bail!("policy directory {} has no *.rego files", dir.display());
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
