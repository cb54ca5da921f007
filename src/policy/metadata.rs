//! A policy's metadata: the one place that says what the policy checks, how bad it is and how
//! to fix it. `tollgate explain`, `tollgate policies`, the README tables and the SARIF rule
//! descriptors are all generated from it.
//!
//! A policy states it in its `# METADATA` comment block ([`super::annotation`], read without
//! compiling). A user policy may instead still declare a `metadata := {...}` object (the
//! older form, read by evaluating it: [`PolicyMeta::from_value`]); both end up here.

use crate::finding::Severity;
use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// File kinds a policy may apply to: the kinds of the registry that parse into documents
/// (see [`crate::kinds::REGISTRY`]).
pub static KINDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| crate::kinds::policy_kinds().collect());

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyMeta {
    /// Stable id, e.g. `TG-AWS-001`.
    pub id: String,
    /// One line: what is wrong.
    pub title: String,
    pub severity: Severity,
    /// Why it matters.
    pub description: String,
    /// How to fix it.
    pub remediation: String,
    /// File kinds the policy is evaluated on.
    pub kinds: Vec<String>,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Ids other scanners give the same check (`CKV_AWS_20`, `AVD-AWS-0086`), so their
    /// suppression comments (`#checkov:skip=CKV_AWS_20`) also silence this policy.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The blamed value is a credential (a literal password in `env:`): mask it in every
    /// output, as secret findings are, unless redaction is turned off.
    #[serde(default)]
    pub redact: bool,
    /// The Rego file it was loaded from.
    #[serde(skip_deserializing)]
    pub source: String,
    /// `data.<package>`, for evaluation.
    #[serde(skip)]
    pub package: String,
}

impl PolicyMeta {
    /// The metadata of a policy that declares it the older way, as a `metadata` rule, from that
    /// rule's value.
    pub fn from_value(value: &serde_json::Value, source: &str, package: &str) -> Result<PolicyMeta> {
        if !value.is_object() {
            bail!("{source}: `{package}` declares `deny` but neither a `# METADATA` block nor a `metadata` object");
        }
        let mut meta: PolicyMeta =
            serde_json::from_value(value.clone()).map_err(|e| anyhow::anyhow!("{source}: invalid `metadata`: {e}"))?;
        meta.validate().map_err(|e| anyhow::anyhow!("{source}: invalid `metadata`: {e}"))?;
        meta.source = source.to_string();
        meta.package = package.to_string();
        Ok(meta)
    }

    /// What the fields' types cannot say: an id and a title, and at least one known kind.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() || self.title.trim().is_empty() {
            bail!("`id` and `title` must not be empty");
        }
        if self.kinds.is_empty() {
            bail!("`kinds` must name at least one file kind ({})", KINDS.join(", "));
        }
        if let Some(k) = self.kinds.iter().find(|k| !KINDS.contains(&k.as_str())) {
            bail!("unknown kind `{k}` in `kinds` (expected one of {})", KINDS.join(", "));
        }
        Ok(())
    }
}
