//! Baselines: the findings a team has already accepted, recorded by fingerprint so that only new
//! ones fail the gate.
//!
//! An entry is (fingerprint, rule, path). The fingerprint hashes the rule id, the normalised
//! secret or blamed JSON path, and the file path, never the line: code moving up or down keeps
//! its entry, while a *different* secret on the same line has a different fingerprint and is
//! reported. The file holds no secret values and no timestamps, and is sorted, so it diffs well
//! in review. A SARIF log written by tollgate is accepted as a baseline too (its
//! `partialFingerprints` carry the same fingerprints).

use crate::model::{BaselineEntry, BaselineOutcome, Finding, Suppression, SuppressionKind};
use crate::sarif_location::{FINGERPRINT_KEY, artifact_path};
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

/// The version of the baseline file format.
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    tool: String,
    version: u32,
    findings: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// Where it was read from, for the report.
    pub source: String,
    pub entries: Vec<BaselineEntry>,
}

impl Baseline {
    /// Entries for `findings`, deduplicated and sorted.
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Baseline {
        let entries: BTreeSet<BaselineEntry> = findings
            .into_iter()
            .map(|f| BaselineEntry {
                path: f.path.clone(),
                rule: f.rule_id.clone(),
                fingerprint: f.fingerprint.clone(),
            })
            .collect();
        Baseline { source: String::new(), entries: entries.into_iter().collect() }
    }

    /// Read a baseline file, or a SARIF log written by tollgate.
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read baseline {}", path.display()))?;
        let doc: serde_json::Value =
            serde_json::from_str(&text).with_context(|| format!("baseline {} is not valid JSON", path.display()))?;
        let entries = if doc.get("runs").is_some() {
            from_sarif(&doc).with_context(|| format!("baseline {}", path.display()))?
        } else {
            let file: BaselineFile = serde_json::from_value(doc)
                .with_context(|| format!("baseline {} is not a tollgate baseline", path.display()))?;
            if file.tool != "tollgate" || file.version != FORMAT_VERSION {
                bail!(
                    "baseline {} is `{}` version {}; this tollgate reads tollgate version {FORMAT_VERSION}",
                    path.display(),
                    file.tool,
                    file.version
                );
            }
            file.findings
        };
        Ok(Baseline { source: path.display().to_string(), entries })
    }

    /// The file's contents: pretty JSON, one entry per finding, sorted.
    pub fn to_json(&self) -> String {
        let file =
            BaselineFile { tool: "tollgate".to_string(), version: FORMAT_VERSION, findings: self.entries.clone() };
        let mut s = serde_json::to_string_pretty(&file).expect("a baseline serialises");
        s.push('\n');
        s
    }

    /// Move every finding the baseline accepts from `findings` to `suppressed`. Entries count as
    /// stale only for files in `scanned`, so scanning part of a tree (`--staged`, one file) does
    /// not call the rest of the baseline stale.
    pub fn apply(
        &self,
        findings: &mut Vec<Finding>,
        suppressed: &mut Vec<Finding>,
        scanned: &HashSet<&str>,
    ) -> BaselineOutcome {
        let known: HashSet<&str> = self.entries.iter().map(|e| e.fingerprint.as_str()).collect();
        let mut matched_fps: HashSet<String> = suppressed.iter().map(|f| f.fingerprint.clone()).collect();
        let mut matched = 0;
        let mut kept = Vec::with_capacity(findings.len());
        for mut f in findings.drain(..) {
            if known.contains(f.fingerprint.as_str()) {
                matched += 1;
                matched_fps.insert(f.fingerprint.clone());
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::Baseline,
                    justification: format!("accepted in baseline {}", self.source),
                });
                suppressed.push(f);
            } else {
                kept.push(f);
            }
        }
        *findings = kept;
        let stale = self
            .entries
            .iter()
            .filter(|e| scanned.contains(e.path.as_str()) && !matched_fps.contains(&e.fingerprint))
            .cloned()
            .collect();
        BaselineOutcome { file: self.source.clone(), matched, stale }
    }
}

/// Entries from a tollgate SARIF log: each result's tollgate fingerprint, rule and file.
fn from_sarif(doc: &serde_json::Value) -> Result<Vec<BaselineEntry>> {
    let results = doc["runs"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|run| run["results"].as_array().into_iter().flatten().map(move |r| (r, &run["artifacts"])));
    let mut entries = BTreeSet::new();
    let mut foreign = 0;
    for (r, artifacts) in results {
        let Some(fingerprint) = r["partialFingerprints"][FINGERPRINT_KEY].as_str() else {
            foreign += 1;
            continue;
        };
        let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        entries.insert(BaselineEntry {
            path: artifact_path(location, artifacts).unwrap_or_default(),
            rule: r["ruleId"].as_str().unwrap_or("").to_string(),
            fingerprint: fingerprint.to_string(),
        });
    }
    if entries.is_empty() && foreign > 0 {
        bail!(
            "its SARIF results carry no `{FINGERPRINT_KEY}` fingerprints: only SARIF written by tollgate can be a baseline"
        );
    }
    Ok(entries.into_iter().collect())
}
