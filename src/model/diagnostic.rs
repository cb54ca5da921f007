//! A problem with the scan itself (a file that could not be read or parsed, a policy that
//! failed), as opposed to a [`crate::model::Finding`], a problem with the code.

use serde::Serialize;

/// A problem with the scan itself (a file that could not be read or parsed), not with the code.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub level: DiagnosticLevel,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagnosticLevel {
    /// The file could not be checked: the gate fails closed.
    Error,
    Warning,
}

impl Diagnostic {
    pub fn error(path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { path: path.to_string(), line: None, level: DiagnosticLevel::Error, message: message.into() }
    }

    /// A file left unscanned for being over the size limit: named in every report (a warning,
    /// so it does not fail the gate), not only counted.
    pub fn too_large(path: &str, limit: u64) -> Diagnostic {
        Diagnostic {
            path: path.to_string(),
            line: None,
            level: DiagnosticLevel::Warning,
            message: format!("not scanned: larger than --max-file-size ({limit} bytes)"),
        }
    }
}
