//! What reports and `tollgate explain` say about a rule or policy, whatever engine it belongs
//! to: one [`RuleInfo`] per id.

use crate::finding::{Engine, Severity};
use crate::policy::PolicyMeta;
use crate::secrets::{Category, Confidence, Rule};
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
    /// Documentation links; the first is the SARIF `helpUri`.
    pub references: Vec<String>,
    /// Secret rules only: how sure a finding is (`high`, `medium`, `low`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Secret rules only: the family of service (`cloud`, `ai`, `payments`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
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
            references: spec.references.clone(),
            confidence: Some(spec.confidence()),
            category: Some(spec.category()),
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
            references: p.references.clone(),
            confidence: None,
            category: None,
        }
    }

    /// The title's words in Pascal case (`AWS access key ID` -> `AwsAccessKeyId`), as SARIF
    /// `rule.name` conventionally is: readable where the id is a code (`TG-AWS-001`).
    pub fn sarif_name(&self) -> String {
        self.title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .map(|p| {
                let mut c = p.chars();
                c.next()
                    .map_or(String::new(), |f| f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase())
            })
            .collect()
    }
}
