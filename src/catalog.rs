//! What reports and `tollgate explain` say about a rule or policy, whatever engine it belongs
//! to: one [`RuleInfo`] per id.

use crate::finding::{Engine, Severity};
use crate::policy::PolicyMeta;
use crate::secrets::Rule;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub id: String,
    pub engine: Engine,
    /// One line: what it finds.
    pub title: String,
    /// Why it matters (may be several sentences).
    pub description: String,
    pub remediation: Option<String>,
    pub severity: Severity,
    pub tags: Vec<String>,
    pub help_uri: Option<String>,
}

impl RuleInfo {
    pub fn from_secret_rule(rule: &Rule) -> RuleInfo {
        let spec = &rule.spec;
        RuleInfo {
            id: spec.id.clone(),
            engine: Engine::Secret,
            title: spec.description.clone(),
            description: format!(
                "A hard-coded {} was found in the repository. Anyone who can read the code, its history or a build log can use it.",
                spec.description
            ),
            remediation: Some(spec.remediation.clone().unwrap_or_else(|| {
                "Revoke and rotate the credential, remove it from the code (and history), and load it at run time from a secrets manager or the CI's secret store.".to_string()
            })),
            severity: spec.severity,
            tags: spec.tags.clone(),
            help_uri: spec.help_uri.clone(),
        }
    }

    pub fn from_policy(p: &PolicyMeta) -> RuleInfo {
        RuleInfo {
            id: p.id.clone(),
            engine: Engine::Policy,
            title: p.title.clone(),
            description: p.description.clone(),
            remediation: Some(p.remediation.clone()),
            severity: p.severity,
            tags: p.kinds.iter().chain(&p.tags).cloned().collect(),
            help_uri: p.references.first().cloned(),
        }
    }

    /// Camel-case name derived from the id (`aws-access-key-id` -> `AwsAccessKeyId`), as SARIF
    /// `rule.name` conventionally is.
    pub fn sarif_name(&self) -> String {
        self.id
            .split(['-', '_', '.'])
            .filter(|p| !p.is_empty())
            .map(|p| {
                let mut c = p.chars();
                c.next()
                    .map_or(String::new(), |f| f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase())
            })
            .collect()
    }
}
