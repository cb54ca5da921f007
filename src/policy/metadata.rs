//! A policy's metadata: the one place that says what the policy checks, how bad it is and how
//! to fix it. `tollgate explain`, `tollgate policies`, the README tables and the SARIF rule
//! descriptors are all generated from it.
//!
//! A policy states it in its `# METADATA` comment block ([`super::annotation`], read without
//! compiling). A user policy may instead still declare a `metadata := {...}` object (the
//! older form, read by evaluating it: [`PolicyMeta::from_value`]); both end up here.

use super::{PolicySet, RegoSource, select};
use crate::model::Severity;
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
    /// The aliases that name only part of this check (checkov's `CKV_AWS_24` is SSH only, of a
    /// check over every restricted port): such an id suppresses a finding only through the
    /// violation's `parts` ([`super::Violation::parts`], [`crate::suppress::inline`]). Each is
    /// also in `aliases`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_aliases: Vec<String>,
    /// The blamed value is a credential (a literal password in `env:`): mask it in every
    /// output, as secret findings are, unless redaction is turned off.
    #[serde(default)]
    pub redact: bool,
    /// What the policy inspects (`resource:aws_db_instance`, `facet:ingress`, `kind:jenkins`):
    /// it is evaluated only on documents holding one of them ([`super::inputs`]). Read from the
    /// `# METADATA` block only; empty means every document of its kinds.
    #[serde(skip_deserializing)]
    pub inputs: Vec<String>,
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

    /// What the fields' types cannot say: an id and a title, at least one known kind, partial
    /// aliases that are aliases.
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
        if let Some(a) = self.partial_aliases.iter().find(|p| !self.aliases.iter().any(|a| a.eq_ignore_ascii_case(p))) {
            bail!("`partial_aliases` lists `{a}`, which is not in `aliases`");
        }
        let inputs: Vec<super::inputs::Selector> = self
            .inputs
            .iter()
            .map(|input| super::inputs::Selector::parse(input))
            .collect::<Result<_>>()
            .map_err(|e| anyhow::anyhow!("`inputs`: {e}"))?;
        super::inputs::check_covers(&inputs, &self.kinds).map_err(|e| anyhow::anyhow!("`inputs`: {e}"))?;
        Ok(())
    }
}

/// Every policy's metadata in `sources`, sorted by id, read from the `# METADATA` blocks without
/// compiling (what `tollgate policies` and `explain` show). A module without a block that
/// mentions `deny` may be a policy stating its metadata as a rule, which only evaluating it can
/// tell: then the whole set is compiled instead.
pub fn catalog(sources: &[RegoSource]) -> Result<Vec<PolicyMeta>> {
    let mut policies: Vec<PolicyMeta> = Vec::new();
    // A module that never mentions `deny` is a library, whatever comment block it opens with.
    for src in sources.iter().filter(|s| !s.is_test() && s.text.contains("deny")) {
        let Some(mut meta) = src.annotation()? else {
            return Ok(PolicySet::new(sources)?.policies().to_vec());
        };
        if let Some(other) = policies.iter().find(|p| p.id == meta.id) {
            bail!("{}: policy id {} is already used by {}", src.name, meta.id, other.source);
        }
        meta.package = select::package_of(&src.text).map(|p| format!("data.{p}")).unwrap_or_default();
        policies.push(meta);
    }
    policies.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(policies)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, text: &str) -> RegoSource {
        RegoSource::new(name, text)
    }

    fn annotated(id: &str, body: &str) -> String {
        format!(
            "# METADATA\n# title: T {id}\n# description: d\n# custom:\n#   id: {id}\n#   severity: low\n\
             #   remediation: r\n#   kinds: [dockerfile]\npackage p.{}\n{body}\n",
            id.to_lowercase().replace('-', "_")
        )
    }

    #[test]
    fn the_catalog_reads_blocks_without_compiling() {
        // The Rego below does not even parse: only the block is read.
        let sources = vec![
            src("b.rego", &annotated("B-2", "deny contains v if {")),
            src("a.rego", &annotated("A-1", "deny contains v if {")),
            src("lib.rego", "# METADATA\n# description: a library's own annotation\npackage lib.x\nf := 1\n"),
            src("a_test.rego", "package p_test\ndeny_test := 1"),
        ];
        let ids: Vec<String> =
            catalog(&sources).unwrap().into_iter().map(|p| format!("{} {}", p.id, p.package)).collect();
        assert_eq!(ids, ["A-1 data.p.a_1", "B-2 data.p.b_2"]);
        let deny = "deny contains 1 if false";
        let dup = vec![src("a.rego", &annotated("A-1", deny)), src("c.rego", &annotated("A-1", deny))];
        assert!(format!("{:#}", catalog(&dup).unwrap_err()).contains("already used by a.rego"));
    }

    #[test]
    fn a_policy_with_a_metadata_rule_is_compiled_to_be_read() {
        let rule = "package q\nmetadata := {\"id\": \"Q-1\", \"title\": \"t\", \"severity\": \"high\", \
                    \"description\": \"d\", \"remediation\": \"r\", \"kinds\": [\"kubernetes\"]}\n\
                    deny contains v if { v := {\"msg\": \"m\"}; false }\n";
        let sources = vec![src("q.rego", rule), src("a.rego", &annotated("A-1", "deny contains 1 if false"))];
        let ids: Vec<String> = catalog(&sources).unwrap().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["A-1", "Q-1"]);
    }
}
