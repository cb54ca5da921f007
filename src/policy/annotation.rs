//! The `# METADATA` comment block a policy opens with, read as YAML without compiling the Rego.
//!
//! This is the OPA annotation convention (the one trivy-checks uses): comment lines before the
//! `package` line, the first of them `# METADATA`, the rest YAML once each line's `#` and one
//! space are stripped.
//!
//! ```rego
//! # METADATA
//! # title: Security group allows a restricted port from the internet
//! # description: Why it matters ...
//! # related_resources:
//! #   - https://docs.aws.amazon.com/...
//! # custom:
//! #   id: TG-AWS-001
//! #   severity: high
//! #   remediation: How to fix it ...
//! #   kinds: [terraform, cloudformation]   # the file kinds whose documents it reads
//! #   aliases: [CKV_AWS_24, AVD-AWS-0107]  # optional: other scanners' ids for the same check
//! #   partial_aliases: [CKV_AWS_24]        # optional: those naming only part of it (per `parts`)
//! #   redact: true                         # optional: the blamed value is a credential
//! #   inputs: [resource:aws_security_group] # optional: evaluate only where present
//! package tollgate.aws.ec2.security_group_restricted_ports
//! ```
//!
//! Reading it needs no Rego compile, so per-kind selection ([`super::select`]), `tollgate
//! policies`, `explain` and SARIF rule text all come from the same few lines of text. A block
//! that is not valid YAML or misses a field is an error naming the file and the field.

use super::metadata::PolicyMeta;
use crate::model::Severity;
use crate::syntax::yaml::parse_yaml;
use anyhow::{Result, anyhow};
use serde::Deserialize;

/// The line that opens a block.
const MARKER: &str = "# METADATA";

/// A `# METADATA` block found before the `package` line: its YAML and the 1-based line of its
/// first YAML line (for error messages).
#[derive(Debug, PartialEq)]
pub struct Block {
    pub yaml: String,
    pub first_line: usize,
}

/// The block before `package`, if the file has one.
pub fn find(text: &str) -> Option<Block> {
    let mut lines = text.lines().enumerate();
    let opening = loop {
        let (n, line) = lines.next()?;
        let line = line.trim_end();
        if line == MARKER {
            break n;
        }
        // Only blank lines and other comments may come before the block.
        if !line.is_empty() && !line.starts_with('#') {
            return None;
        }
    };
    let mut yaml = String::new();
    for (_, line) in lines {
        let Some(comment) = line.trim_start().strip_prefix('#') else { break };
        yaml.push_str(comment.strip_prefix(' ').unwrap_or(comment).trim_end());
        yaml.push('\n');
    }
    Some(Block { yaml, first_line: opening + 2 })
}

/// The policy metadata the `# METADATA` block of `text` states; `Ok(None)` without a block.
/// `source` names the file in errors.
pub fn read(text: &str, source: &str) -> Result<Option<PolicyMeta>> {
    let Some(block) = find(text) else { return Ok(None) };
    let invalid = |detail: String| anyhow!("{source}: invalid `# METADATA` block: {detail}");
    let documents = parse_yaml(block.yaml.as_bytes()).map_err(|e| {
        // Lines in the error are the file's, not the block's.
        let at = e.line.map(|l| format!("line {}: ", l as usize + block.first_line - 1)).unwrap_or_default();
        invalid(format!("{at}{}", e.message))
    })?;
    let [document] = documents.as_slice() else {
        return Err(invalid("expected one YAML mapping (title, description, custom: ...)".to_string()));
    };
    let annotation: Annotation = serde_path_to_error::deserialize(document.value.clone()).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." { String::new() } else { format!("`{field}`: ") };
        invalid(format!("{field}{}", e.inner()))
    })?;
    let Annotation { title, description, related_resources, custom, scope } = annotation;
    if let Some(scope) = scope.filter(|s| s != "package") {
        return Err(invalid(format!("`scope`: only `package` is supported here, not `{scope}`")));
    }
    let meta = PolicyMeta {
        id: custom.id,
        title,
        severity: custom.severity,
        description,
        remediation: custom.remediation,
        kinds: custom.kinds,
        references: related_resources.into_iter().map(RelatedResource::into_uri).collect(),
        tags: custom.tags,
        aliases: custom.aliases,
        partial_aliases: custom.partial_aliases,
        redact: custom.redact,
        inputs: custom.inputs,
        source: source.to_string(),
        package: String::new(),
    };
    meta.validate().map_err(|e| invalid(e.to_string()))?;
    Ok(Some(meta))
}

/// The block's shape: OPA's annotation fields plus ours under `custom`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotation {
    /// OPA's annotation scope; a block before `package` is package-scoped, the only kind read.
    #[serde(default)]
    scope: Option<String>,
    /// One line: what is wrong.
    title: String,
    /// Why it matters.
    description: String,
    /// Documentation links; the first is the SARIF `helpUri`.
    #[serde(default)]
    related_resources: Vec<RelatedResource>,
    custom: Custom,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Custom {
    id: String,
    severity: Severity,
    /// How to fix it.
    remediation: String,
    /// The file kinds whose documents the policy reads (its input).
    kinds: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    /// Aliases that name only part of the check: see [`PolicyMeta::partial_aliases`].
    #[serde(default)]
    partial_aliases: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    redact: bool,
    /// What it inspects (`resource:TYPE`, `facet:NAME`, `kind:KIND`): see [`super::inputs`].
    #[serde(default)]
    inputs: Vec<String>,
}

/// OPA writes a related resource either as a bare URL or as `{ref: URL, description: ...}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RelatedResource {
    Uri(String),
    Ref {
        #[serde(rename = "ref")]
        uri: String,
        #[serde(default)]
        #[allow(dead_code)]
        description: Option<String>,
    },
}

impl RelatedResource {
    fn into_uri(self) -> String {
        match self {
            RelatedResource::Uri(uri) | RelatedResource::Ref { uri, .. } => uri,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "# Leading prose is allowed.\n\
        # METADATA\n\
        # title: Open port\n\
        # description: >-\n\
        #   Two folded\n\
        #   lines.\n\
        # related_resources:\n\
        #   - https://a.example\n\
        #   - ref: https://b.example\n\
        #     description: B\n\
        # custom:\n\
        #   id: TG-TEST-001\n\
        #   severity: high\n\
        #   remediation: Close it.\n\
        #   kinds: [terraform, cloudformation]\n\
        #   redact: true\n\
        package tollgate.test.open\n\
        # METADATA\n\
        # title: a rule-scoped block is not the policy's\n\
        deny contains 1 if false\n";

    #[test]
    fn reads_the_block_before_package() {
        let meta = read(POLICY, "open.rego").unwrap().unwrap();
        assert_eq!(meta.id, "TG-TEST-001");
        assert_eq!(meta.title, "Open port");
        assert_eq!(meta.description, "Two folded lines.");
        assert_eq!(meta.severity, Severity::High);
        assert_eq!(meta.kinds, ["terraform", "cloudformation"]);
        assert_eq!(meta.references, ["https://a.example", "https://b.example"]);
        assert!(meta.redact && meta.aliases.is_empty());
        assert_eq!(meta.source, "open.rego");
    }

    #[test]
    fn no_block_is_none() {
        assert!(read("package lib.x\nf(x) := x\n", "lib.rego").unwrap().is_none());
        // A block after the package line belongs to a rule, not to the policy.
        assert!(read("package p\n# METADATA\n# title: t\nallow := true\n", "p.rego").unwrap().is_none());
        assert!(read("", "empty.rego").unwrap().is_none());
    }

    fn error(text: &str) -> String {
        format!("{:#}", read(text, "policies/x/policy.rego").unwrap_err())
    }

    #[test]
    fn malformed_blocks_name_the_file_and_the_field() {
        let wrong_severity = POLICY.replace("severity: high", "severity: urgent");
        let e = error(&wrong_severity);
        assert!(e.starts_with("policies/x/policy.rego: invalid `# METADATA` block"), "{e}");
        assert!(e.contains("`custom.severity`") && e.contains("urgent"), "{e}");

        let e = error(&POLICY.replace("#   remediation: Close it.\n", ""));
        assert!(e.contains("`custom`") && e.contains("remediation"), "{e}");

        let e = error(&POLICY.replace("#   redact: true", "#   redcat: true"));
        assert!(e.contains("`custom.redcat`: unknown field"), "{e}");

        let e = error(&POLICY.replace("[terraform, cloudformation]", "[terraform, helm]"));
        assert!(e.contains("unknown kind `helm`"), "{e}");

        let partial = "#   aliases: [CKV_AWS_24]\n#   partial_aliases: [CKV_AWS_25]\n#   redact: true";
        let e = error(&POLICY.replace("#   redact: true", partial));
        assert!(e.contains("`partial_aliases` lists `CKV_AWS_25`, which is not in `aliases`"), "{e}");
        let ok = POLICY.replace("#   redact: true", &partial.replace("[CKV_AWS_25]", "[ckv_aws_24]"));
        assert_eq!(read(&ok, "x.rego").unwrap().unwrap().partial_aliases, ["ckv_aws_24"]);

        let e = error(&POLICY.replace("[terraform, cloudformation]", "[]"));
        assert!(e.contains("at least one file kind"), "{e}");

        // A YAML error is placed on the file's line: line 3 is `# title: ...`.
        let e = error(&POLICY.replace("# title: Open port", "# title: Open: port"));
        assert!(e.contains("block: line 3: "), "{e}");
    }

    #[test]
    fn finds_the_yaml_and_its_line() {
        let block = find("# METADATA\n# title: t\n#\n#   x\npackage p\n").unwrap();
        assert_eq!(block, Block { yaml: "title: t\n\n  x\n".to_string(), first_line: 2 });
    }
}
