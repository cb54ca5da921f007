//! Facets: kind-independent views of a parsed file that every policy receives beside the raw
//! document, so one policy covers a concern across every kind (one `curl | sh` check, not one
//! per pipeline format).
//!
//! `input.facets` always holds all five lists, each possibly empty:
//!
//! ```text
//! {"scripts": [...], "images": [...], "env": [...], "ingress": [...], "iam_statements": [...]}
//! ```
//!
//! Every item carries `path`, the JSON path (keys and indexes) into `input.document` of the
//! node it came from; that node has a source region, so a policy that blames `item.path` (or
//! one of the item's `*_path` fields) gets the exact line and column. Each kind adds its items
//! in its `facets()` (see [`crate::kinds::Kind::facets`]); the shapes here are the contract
//! the policies are written against (documented per kind in `docs/kinds/`).

pub mod env;
pub mod iam;
pub mod image;
pub mod network;
pub mod walk;

use crate::syntax::Seg;
use serde::Serialize;

/// A JSON path into `input.document`, serialised as a list of keys and indexes.
pub type JsonPath = Vec<Seg>;

/// Everything the facets of one document hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facets {
    /// Every shell script the file runs.
    pub scripts: Vec<Script>,
    /// Every container image reference.
    pub images: Vec<Image>,
    /// Every environment variable (or equivalent) with a literal value.
    pub env: Vec<EnvVar>,
    /// Every network exposure rule, one item per (rule, cidr).
    pub ingress: Vec<Ingress>,
    /// Every IAM policy statement.
    pub iam_statements: Vec<IamStatement>,
}

impl Facets {
    pub fn is_empty(&self) -> bool {
        self.scripts.is_empty()
            && self.images.is_empty()
            && self.env.is_empty()
            && self.ingress.is_empty()
            && self.iam_statements.is_empty()
    }

    /// The facets as the JSON value policies see under `input.facets`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_else(|_| serde_json::json!({}))
    }
}

/// A shell script the file runs: one `run:` block, one entry of a GitLab `script:` list, one
/// Dockerfile `RUN`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Script {
    pub path: JsonPath,
    pub script: String,
    /// `sh`, `bash`, `pwsh`, `powershell`, `cmd`, `python`, or `None` when the file does not say.
    pub shell: Option<String>,
    /// What it is, e.g. `github-actions run`, `dockerfile RUN`.
    pub origin: String,
}

/// A container image reference, split into its parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    pub path: JsonPath,
    /// As written.
    pub image: String,
    pub registry: Option<String>,
    pub repository: String,
    /// `None` when absent.
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// The reference holds a variable that cannot be resolved (`$BASE:${TAG}`): the text is
    /// kept as written.
    pub dynamic: bool,
    pub origin: String,
}

/// An environment variable (or equivalent) with a literal value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnvVar {
    /// Path of the value.
    pub path: JsonPath,
    /// Path of the name node; may equal `path`.
    pub name_path: JsonPath,
    pub name: String,
    pub value: String,
    /// The value refers to a secret store, parameter or expression (`${{ secrets.X }}`,
    /// `valueFrom`, `{{resolve:...}}`, `$VAR`) rather than holding the secret itself.
    pub secret_ref: bool,
    pub origin: String,
}

/// One network exposure: a rule and one of its source CIDRs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ingress {
    pub path: JsonPath,
    /// Always `ingress`.
    pub direction: String,
    /// `None` (with `to_port`) means every port.
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    /// `tcp`, `udp`, `icmp`, `all`, ...
    pub protocol: String,
    pub cidr: Option<String>,
    pub cidr_path: Option<JsonPath>,
    /// `allow` or `deny`.
    pub action: String,
    /// e.g. `aws_security_group.web`, `AWS::EC2::SecurityGroup WebSG`.
    pub resource: String,
    pub origin: String,
}

/// One IAM policy statement, single strings normalised to one-element lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IamStatement {
    /// Path of the statement.
    pub path: JsonPath,
    /// `Allow` or `Deny`.
    pub effect: String,
    pub actions: Vec<String>,
    pub not_actions: Vec<String>,
    pub resources: Vec<String>,
    pub not_resources: Vec<String>,
    pub principals: Option<Principals>,
    pub not_principals: Option<Principals>,
    pub condition: Option<serde_json::Value>,
    /// `identity`, `resource` or `trust`.
    pub policy_type: String,
    pub action_path: Option<JsonPath>,
    pub resource_path: Option<JsonPath>,
    pub principal_path: Option<JsonPath>,
    pub origin: String,
}

/// A statement's `Principal` (or `NotPrincipal`), by principal type.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Principals {
    #[serde(rename = "AWS")]
    pub aws: Vec<String>,
    #[serde(rename = "Service")]
    pub service: Vec<String>,
    #[serde(rename = "Federated")]
    pub federated: Vec<String>,
    #[serde(rename = "CanonicalUser")]
    pub canonical_user: Vec<String>,
    /// `"Principal": "*"` (or `{"AWS": "*"}`): everyone.
    #[serde(rename = "*")]
    pub everyone: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_facets_have_every_list() {
        assert_eq!(
            Facets::default().to_json(),
            json!({"scripts": [], "images": [], "env": [], "ingress": [], "iam_statements": []})
        );
    }

    #[test]
    fn paths_serialise_as_keys_and_indexes() {
        let facets = Facets {
            scripts: vec![Script {
                path: vec!["jobs".into(), "build".into(), "steps".into(), 2.into(), "run".into()],
                script: "make".into(),
                shell: None,
                origin: "github-actions run".into(),
            }],
            ..Facets::default()
        };
        assert_eq!(facets.to_json()["scripts"][0]["path"], json!(["jobs", "build", "steps", 2, "run"]));
        assert_eq!(facets.to_json()["scripts"][0]["shell"], json!(null));
    }
}
