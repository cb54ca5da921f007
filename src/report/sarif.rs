//! SARIF 2.1.0 via `serde-sarif`, shaped for GitHub code scanning: one run, whose
//! `automationDetails.id` (`CATEGORY/`) keeps several tollgate runs on one repository apart; the
//! driver names its home page and lists every rule that fired with a readable name, its help, a
//! string `security-severity` and a `precision`; results carry a `%SRCROOT%`-relative URI, an
//! exact region and `partialFingerprints`.

use crate::model::{DiagnosticLevel, Finding, RuleInfo, ScanReport, Severity, SuppressionKind};
use crate::sarif_location::{FINGERPRINT_KEY, LINE_HASH_KEY, SRCROOT, absolute_path_uri, dir_uri, relative_uri};
use crate::secrets::Confidence;
use serde_json::json;
use serde_sarif::sarif;
use std::collections::BTreeMap;
use std::io::Write;

pub fn level(sev: Severity) -> sarif::ResultLevel {
    match sev {
        Severity::Critical | Severity::High => sarif::ResultLevel::Error,
        Severity::Medium => sarif::ResultLevel::Warning,
        Severity::Low | Severity::Info => sarif::ResultLevel::Note,
    }
}

/// The run's category when none is given.
pub const DEFAULT_CATEGORY: &str = "tollgate";

pub fn write(report: &ScanReport, category: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(report, category)?)?;
    writeln!(out)?;
    Ok(())
}

/// The SARIF log for `report`, its run filed under `category` (GitHub reads the part of
/// `automationDetails.id` before the last `/` as the category).
pub fn build(report: &ScanReport, category: Option<&str>) -> anyhow::Result<sarif::Sarif> {
    let rule_index: BTreeMap<&str, usize> = report.rules.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let driver = sarif::ToolComponent::builder()
        .name("tollgate")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_HOMEPAGE"))
        .rules(report.rules.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    // Suppressed findings are results too, marked as such, so the record of what was accepted
    // (and why) travels with the log; GitHub shows them as closed, not as open alerts.
    let mut findings: Vec<&Finding> = report.findings.iter().chain(&report.suppressed).collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let results: Vec<sarif::Result> = findings.iter().map(|f| result(f, rule_index[f.rule_id.as_str()])).collect();

    let notifications: Vec<sarif::Notification> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut loc = sarif::PhysicalLocation::builder().artifact_location(artifact(&d.path)).build();
            if let Some(line) = d.line {
                loc.region = Some(sarif::Region::builder().start_line(i64::from(line)).build());
            }
            sarif::Notification::builder()
                .level(json!(match d.level {
                    DiagnosticLevel::Error => sarif::NotificationLevel::Error,
                    DiagnosticLevel::Warning => sarif::NotificationLevel::Warning,
                }))
                .message(message(&d.message))
                .locations(vec![sarif::Location::builder().physical_location(loc).build()])
                .build()
        })
        .collect();
    let execution_ok = !report.diagnostics.iter().any(|d| d.level == DiagnosticLevel::Error);
    let invocation = sarif::Invocation::builder()
        .execution_successful(execution_ok)
        .tool_execution_notifications(notifications)
        .build();

    let root_uri = dir_uri(&report.root);
    let mut run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .column_kind(json!("unicodeCodePoints"))
        .automation_details(
            sarif::RunAutomationDetails::builder().id(run_id(category, report.shard.as_deref())).build(),
        )
        .original_uri_base_ids(BTreeMap::from([(
            SRCROOT.to_string(),
            sarif::ArtifactLocation::builder().uri(root_uri).build(),
        )]))
        .build();
    if let Some(shard) = &report.shard {
        run.properties = Some(
            sarif::PropertyBag::builder()
                .additional_properties(BTreeMap::from([("shard".to_string(), json!(shard))]))
                .build(),
        );
    }
    if let Some(h) = &report.history {
        let mut provenance = sarif::VersionControlDetails::builder().repository_uri(&h.repository_uri).build();
        provenance.revision_id = h.revision_id.clone();
        provenance.branch = h.branch.clone();
        provenance.mapped_to = Some(sarif::ArtifactLocation::builder().uri_base_id(SRCROOT).build());
        run.version_control_provenance = Some(vec![provenance]);
    }
    Ok(sarif::Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build())
}

/// `CATEGORY/`, or for one shard of a matrix `CATEGORY/shard-K-of-N`: GitHub files both under
/// CATEGORY (the part before the last `/`), and `tollgate merge` joins the shards' runs into one
/// `CATEGORY/` run.
fn run_id(category: Option<&str>, shard: Option<&str>) -> String {
    let category = category.unwrap_or(DEFAULT_CATEGORY).trim_end_matches('/');
    match shard {
        Some(shard) => format!("{category}/shard-{}", shard.replace('/', "-of-")),
        None => format!("{category}/"),
    }
}

fn message(text: &str) -> sarif::Message {
    sarif::Message::builder().text(text).build()
}

fn descriptor(info: &RuleInfo) -> sarif::ReportingDescriptor {
    let mut help_text = info.description.clone();
    let mut help_md = info.description.clone();
    if let Some(fix) = &info.remediation {
        help_text.push_str(&format!("\n\nRemediation: {fix}"));
        help_md.push_str(&format!("\n\n**Remediation:** {fix}"));
    }
    let mut props = BTreeMap::new();
    props.insert("security-severity".to_string(), json!(info.severity.security_severity()));
    props.insert("severity".to_string(), json!(info.severity.as_str()));
    if let Some(confidence) = info.confidence {
        props.insert("confidence".to_string(), json!(confidence.as_str()));
    }
    props.insert("precision".to_string(), json!(precision(info)));
    if let Some(category) = info.category {
        props.insert("category".to_string(), json!(category.as_str()));
    }
    if !info.references.is_empty() {
        props.insert("references".to_string(), json!(info.references));
    }
    let mut tags = vec!["security".to_string()];
    tags.extend(info.tags.iter().cloned());
    let mut d = sarif::ReportingDescriptor::builder()
        .id(&info.id)
        .name(info.sarif_name())
        .short_description(sarif::MultiformatMessageString::builder().text(&info.title).build())
        .full_description(sarif::MultiformatMessageString::builder().text(&info.description).build())
        .help(sarif::MultiformatMessageString::builder().text(help_text).markdown(help_md).build())
        .default_configuration(sarif::ReportingConfiguration::builder().level(json!(level(info.severity))).build())
        .properties(sarif::PropertyBag::builder().tags(tags).additional_properties(props).build())
        .build();
    d.help_uri = info.references.first().cloned();
    d
}

/// GitHub's `precision` (very-high, high, medium, low) orders alerts. A policy checks a parsed
/// value, so it is as sure as a check can be; a secret rule is as sure as its confidence.
fn precision(info: &RuleInfo) -> &'static str {
    match info.confidence {
        None => "very-high",
        Some(Confidence::High) => "high",
        Some(Confidence::Medium) => "medium",
        Some(Confidence::Low) => "low",
    }
}

fn result(f: &Finding, rule_index: usize) -> sarif::Result {
    let r = f.region;
    let mut region = sarif::Region::builder()
        .start_line(i64::from(r.start_line))
        .start_column(i64::from(r.start_column))
        .end_line(i64::from(r.end_line))
        .end_column(i64::from(r.end_column))
        .build();
    if !f.snippet.is_empty() {
        region.snippet = Some(sarif::ArtifactContent::builder().text(&f.snippet).build());
    }
    let location = sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder().artifact_location(artifact(&f.path)).region(region).build(),
        )
        .build();
    let mut fingerprints = BTreeMap::from([(FINGERPRINT_KEY.to_string(), f.fingerprint.clone())]);
    if let Some(hash) = &f.line_hash {
        fingerprints.insert(LINE_HASH_KEY.to_string(), hash.clone());
    }
    let mut result = sarif::Result::builder()
        .rule_id(&f.rule_id)
        .rule_index(rule_index as i64)
        .level(level(f.severity))
        .message(message(&f.message))
        .locations(vec![location])
        .partial_fingerprints(fingerprints)
        .build();
    if let Some(c) = &f.commit {
        // Where in history the finding entered; SARIF has no standard result field for it.
        let props = BTreeMap::from([
            ("commitSha".to_string(), json!(c.id)),
            ("author".to_string(), json!(c.author)),
            ("email".to_string(), json!(c.email)),
            ("date".to_string(), json!(c.date)),
        ]);
        result.properties = Some(sarif::PropertyBag::builder().additional_properties(props).build());
    }
    if let Some(s) = &f.suppression {
        let kind = match s.kind {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::Baseline => "external",
        };
        result.suppressions = Some(vec![
            sarif::Suppression::builder()
                .kind(json!(kind))
                .status(json!("accepted"))
                .justification(&s.justification)
                .build(),
        ]);
    }
    result
}

/// A display path as a SARIF artifact location: relative ones against `%SRCROOT%`; a file outside
/// the scan root (its display path is absolute) gets an absolute `file://` URI and no base, which
/// SARIF allows and GitHub makes relative with the upload's `checkout_uri` where it can.
fn artifact(path: &str) -> sarif::ArtifactLocation {
    if path.starts_with('/') {
        sarif::ArtifactLocation::builder().uri(absolute_path_uri(path)).build()
    } else {
        sarif::ArtifactLocation::builder().uri(relative_uri(path)).uri_base_id(SRCROOT).build()
    }
}
