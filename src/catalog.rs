//! Describing the engines' rules for reports and `tollgate explain`: a [`RuleInfo`] (a model
//! type, so reports need not know the engines) from a secret rule or a policy's metadata.

use crate::model::{Engine, RuleInfo};
use crate::policy::PolicyMeta;
use crate::secrets::Rule;

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
}
