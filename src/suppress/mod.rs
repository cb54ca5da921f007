//! Accepted findings: inline comments next to the code ([`inline`]) and the baseline file
//! ([`baseline`]). This is the one module that sets [`Finding::suppression`]: markers while a
//! file's findings are made ([`mark_inline`], the file's text is at hand only then), the baseline
//! once the whole scan is in ([`apply_baseline`], [`record_baseline`]).
//!
//! Suppressed findings are not dropped: reports list them (SARIF `suppressions`) and the summary
//! counts them; they only stop failing the gate.

pub mod baseline;
pub mod inline;

pub use baseline::Baseline;
pub use inline::{Markers, Peers};

use crate::locate::Block;
use crate::model::{Finding, ScanReport, SuppressionKind};
use crate::source::LineIndex;
use anyhow::{Context, Result};
use std::path::Path;

/// A policy finding with what inline suppression needs to know about where it sits.
pub struct Placed<'e> {
    pub finding: Finding,
    /// The ids other scanners give its policy (their markers suppress it too).
    pub aliases: &'e [String],
    /// Those of `aliases` that name part of the policy only: see [`Peers`].
    pub partial: &'e [String],
    /// The violation's parts, each a list of partial aliases (empty: none).
    pub parts: Vec<Vec<String>>,
    /// The located nodes enclosing the blamed one (resource, job, ...); see
    /// [`crate::locate::policy_region`].
    pub blocks: Vec<Block>,
}

/// Accept the findings of one file that a comment in it accepts: `secrets` (which have no
/// enclosing blocks) and `policies`. `is_rule_id` tells a rule id from a reason's first word.
pub fn mark_inline(
    bytes: &[u8],
    lines: &LineIndex,
    is_rule_id: &dyn Fn(&str) -> bool,
    secrets: &mut [Finding],
    policies: &mut [Placed],
) {
    let markers = Markers::parse(bytes, lines, is_rule_id);
    for f in secrets {
        f.suppression = markers.suppression(f, &[], &[]);
    }
    for p in policies {
        let peers = Peers { aliases: p.aliases, partial: p.partial, parts: &p.parts };
        p.finding.suppression = markers.suppression_of(&p.finding, &peers, &p.blocks);
    }
}

/// Split sorted findings into those that count against the gate and those accepted in source.
pub fn split_accepted(findings: Vec<Finding>) -> (Vec<Finding>, Vec<Finding>) {
    let (suppressed, counting) = findings.into_iter().partition(|f| f.suppression.is_some());
    (counting, suppressed)
}

/// Accept the findings `baseline` lists; see [`Baseline::apply`].
pub fn apply_baseline(report: &mut ScanReport, baseline: &Baseline) {
    let scanned = report.files.iter().map(String::as_str).collect();
    let outcome = baseline.apply(&mut report.findings, &mut report.suppressed, &scanned);
    report.suppressed.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.baseline = Some(outcome);
}

/// Record every current finding in a baseline at `path`, including what an older baseline
/// accepted (its stale entries go), and accept them all.
pub fn record_baseline(report: &mut ScanReport, path: &Path) -> Result<()> {
    let mut baseline = Baseline::from_findings(
        report.findings.iter().chain(
            report
                .suppressed
                .iter()
                .filter(|f| f.suppression.as_ref().is_some_and(|s| s.kind == SuppressionKind::Baseline)),
        ),
    );
    std::fs::write(path, baseline.to_json()).with_context(|| format!("cannot write baseline {}", path.display()))?;
    baseline.source = path.display().to_string();
    apply_baseline(report, &baseline);
    Ok(())
}
