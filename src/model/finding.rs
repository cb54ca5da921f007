//! The one result type every engine produces.
//!
//! A [`Finding`] says *what* (rule id, severity, message), *where* (display path and an exact
//! [`Region`], computed in [`crate::locate`]) and carries a stable [`Finding::fingerprint`] that
//! does not depend on the line, so baselines and GitHub alerts survive code moving up or down a
//! file (see [`crate::fingerprint`]). Whether it counts against the gate is its
//! [`Finding::suppression`], set only by [`crate::suppress`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How bad a finding is. Ordered from least to most severe so `>=` means "at least as bad".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] =
        [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// The CVSS-like score GitHub code scanning reads from `properties.security-severity`
    /// (>= 9.0 critical, >= 7.0 high, >= 4.0 medium, > 0 low).
    pub fn security_severity(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "3.0",
            Severity::Info => "0.0",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "note" => Ok(Severity::Info),
            "low" => Ok(Severity::Low),
            "medium" | "moderate" => Ok(Severity::Medium),
            "high" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            other => Err(format!("unknown severity `{other}` (expected critical, high, medium, low or info)")),
        }
    }
}

/// A span in a file. Lines and columns are 1-based; columns count Unicode code points (SARIF
/// `columnKind: unicodeCodePoints`); `end_column` is exclusive, as in SARIF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Region {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Which engine produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    Secret,
    Policy,
}

/// One problem at one place.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub engine: Engine,
    pub severity: Severity,
    pub message: String,
    /// Path relative to the scan root, with `/` separators (or absolute when outside the root).
    pub path: String,
    pub region: Region,
    /// The source line(s) of the region, with the secret masked unless redaction is off.
    pub snippet: String,
    /// The secret as it will be shown: masked unless redaction is off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub fingerprint: String,
    /// GitHub's `primaryLocationLineHash` of the first line (see [`crate::linehash`]; set by [`crate::locate`]), computed
    /// from the content scanned, so a SARIF log of staged blobs carries the right one.
    #[serde(skip)]
    pub line_hash: Option<String>,
    /// Why the finding does not count against the gate, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<Suppression>,
    /// The commit that brought the file's content into the repository, for findings of a history
    /// scan (`scan --history`); `None` for files read from disk or the index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<Box<CommitInfo>>,
}

/// The commit that introduced a blob at a path: the first commit, in topological order, whose
/// tree has that blob at that path and whose first parent's tree does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitInfo {
    /// The full hexadecimal commit id.
    pub id: String,
    pub author: String,
    pub email: String,
    /// The author date, ISO 8601 with the author's offset.
    pub date: String,
}

impl CommitInfo {
    /// `abc1234 (Name, 2024-01-02T03:04:05+00:00)`, for one-line reports.
    pub fn describe(&self) -> String {
        format!("{} ({}, {})", &self.id[..self.id.len().min(12)], self.author, self.date)
    }
}

/// A finding someone has accepted: it is still reported (SARIF `suppressions`, the JSON
/// `suppressed` list, the summary count) but does not fail the gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The marker or the baseline that accepted it, with the reason given, if any.
    pub justification: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// A comment in the file (`tollgate:ignore`, `gitleaks:allow`, `#checkov:skip=...`).
    InSource,
    /// An entry of the `--baseline` file.
    Baseline,
}

impl Finding {
    /// Whether this finding fails a gate whose threshold is `threshold` (`None`: never): the one
    /// rule the gate and the reports that show it (JUnit failures) share.
    pub fn fails_gate(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|t| self.severity >= t)
    }

    /// The order reports list findings in: by path, position, rule, then fingerprint (two
    /// findings of one rule at one place, such as two secrets a history held at one line, must
    /// not come out in the order the workers finished; `tollgate merge` sorts the same way).
    pub fn sort_key(&self) -> (&str, Region, &str, &str) {
        (&self.path, self.region, &self.rule_id, &self.fingerprint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_orders_and_parses() {
        assert!(Severity::Critical > Severity::High);
        assert_eq!("HIGH".parse::<Severity>().unwrap(), Severity::High);
        assert!("severe".parse::<Severity>().is_err());
    }
}
