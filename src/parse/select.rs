//! Which parser reads which kind of file, and the per-directory Terraform module contexts.

use super::{Document, ParseError};
use crate::classify::FileKind;
use std::path::Path;

/// Terraform module contexts (literal `var.*` and `local.*` values of one directory), built
/// once per directory on first use and shared by every worker.
#[derive(Default)]
pub struct ModuleCache {}

/// Parse `bytes` as `kind`. `Ok(None)` when the kind has no document form (source code, text,
/// Terraform variable files).
pub fn documents(
    kind: FileKind,
    bytes: &[u8],
    _fs_path: Option<&Path>,
    _modules: &ModuleCache,
) -> Result<Option<Vec<Document>>, ParseError> {
    let json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    match kind {
        FileKind::Cloudformation
        | FileKind::Kubernetes
        | FileKind::DockerCompose
        | FileKind::GithubActions
        | FileKind::GitlabCi
        | FileKind::CodebuildBuildspec
        | FileKind::CodedeployAppspec => {
            if json {
                super::json::parse_json(bytes).map(|d| Some(vec![d]))
            } else {
                super::yaml::parse_yaml(bytes).map(Some)
            }
        }
        FileKind::Terraform | FileKind::Dockerfile | FileKind::Source(_) | FileKind::Text => Ok(None),
    }
}
