//! What reports say about a rule or policy, whatever engine it belongs to: one [`RuleInfo`]
//! per id, with the secret rules' [`Confidence`] and [`Category`]. The engines build these
//! (see [`crate::catalog`]); reports only read them.

use crate::model::finding::{Engine, Severity};
use serde::{Deserialize, Serialize};

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

/// How likely a rule's finding is to be a real credential (ordered: `>=` means "at least as
/// sure").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
#[derive(clap::ValueEnum)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl std::fmt::Display for Confidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The family of service a credential belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Cloud providers' own credentials (AWS, Azure, GCP, Alibaba, IBM, Oracle, ...).
    Cloud,
    /// Hosting, edge, CDN, infrastructure-as-code and secrets-management platforms.
    Infrastructure,
    /// Source hosting (GitHub, GitLab, Bitbucket, ...).
    Vcs,
    /// Build and CI/CD services, code-quality services.
    Ci,
    /// Package and artifact registries.
    PackageRegistry,
    /// AI / ML model providers.
    Ai,
    /// Monitoring, logging, error tracking, incident response.
    Observability,
    /// Databases and backend-as-a-service.
    Database,
    /// Payment processors, banking, crypto exchanges.
    Payments,
    /// Email, SMS, chat and push messaging.
    Messaging,
    /// Identity providers and auth services.
    Identity,
    /// Social networks and their developer APIs.
    Social,
    /// Other software-as-a-service APIs.
    Saas,
    /// Private keys and key files.
    PrivateKey,
    /// Heuristic rules: credentials recognised by context, not by a provider format.
    Generic,
    /// None of the above.
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Cloud => "cloud",
            Category::Infrastructure => "infrastructure",
            Category::Vcs => "vcs",
            Category::Ci => "ci",
            Category::PackageRegistry => "package-registry",
            Category::Ai => "ai",
            Category::Observability => "observability",
            Category::Database => "database",
            Category::Payments => "payments",
            Category::Messaging => "messaging",
            Category::Identity => "identity",
            Category::Social => "social",
            Category::Saas => "saas",
            Category::PrivateKey => "private-key",
            Category::Generic => "generic",
            Category::Other => "other",
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
