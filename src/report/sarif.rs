//! SARIF 2.1.0 via `serde-sarif`, shaped for GitHub code scanning: one run; the driver lists
//! every rule that fired with its help and a string `security-severity`; results carry a
//! `%SRCROOT%`-relative URI, an exact region and `partialFingerprints`.

use super::{DiagnosticLevel, ScanReport};
use crate::catalog::RuleInfo;
use crate::finding::{Finding, Severity, SuppressionKind};
use crate::linehash::LINE_HASH_KEY;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use serde_json::{Value, json};
use serde_sarif::sarif;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

pub const SRCROOT: &str = "%SRCROOT%";
/// Key of tollgate's own fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "tollgate/v1";

/// Characters that may not appear raw in a URI path.
const URI_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

pub fn level(sev: Severity) -> sarif::ResultLevel {
    match sev {
        Severity::Critical | Severity::High => sarif::ResultLevel::Error,
        Severity::Medium => sarif::ResultLevel::Warning,
        Severity::Low | Severity::Info => sarif::ResultLevel::Note,
    }
}

pub fn write(report: &ScanReport, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(report)?)?;
    writeln!(out)?;
    Ok(())
}

/// The SARIF log for `report`.
pub fn build(report: &ScanReport) -> anyhow::Result<sarif::Sarif> {
    let rule_index: BTreeMap<&str, usize> = report.rules.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let driver = sarif::ToolComponent::builder()
        .name("tollgate")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
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
        .original_uri_base_ids(BTreeMap::from([(
            SRCROOT.to_string(),
            sarif::ArtifactLocation::builder().uri(root_uri).build(),
        )]))
        .build();
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
        sarif::ArtifactLocation::builder().uri(format!("file://{}", utf8_percent_encode(path, URI_PATH))).build()
    } else {
        sarif::ArtifactLocation::builder().uri(relative_uri(path)).uri_base_id(SRCROOT).build()
    }
}

/// A relative path as a relative URI reference. Besides the usual percent-encoding, a `:` in the
/// first segment is encoded (RFC 3986 §4.2): a root-level file named `javascript:alert(1).py` or
/// `http:x.py` would otherwise be a URI with a scheme, no longer under `%SRCROOT%`.
fn relative_uri(path: &str) -> String {
    let encoded = utf8_percent_encode(path, URI_PATH).to_string();
    let first_end = encoded.find('/').unwrap_or(encoded.len());
    let (first, rest) = encoded.split_at(first_end);
    if !first.contains(':') {
        return encoded;
    }
    format!("{}{rest}", first.replace(':', "%3A"))
}

/// `file:///abs/dir/` for a directory (trailing slash, as SARIF requires for base URIs).
fn dir_uri(dir: &Path) -> String {
    let mut uri = file_uri(dir);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// `file:///abs/path`, percent-encoded as every URI of the report.
pub fn file_uri(path: &Path) -> String {
    let mut s = path.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    format!("file://{}", utf8_percent_encode(&s, URI_PATH))
}

/// The file an artifact location names: its `uri`, or failing that the `uri` of the run's artifact
/// at its `index`; percent-decoded: a relative reference as a relative path, a `file:` URI (no
/// host, or `localhost`) as an absolute path. `None` for other schemes and hosts.
pub fn artifact_path(location: &Value, artifacts: &Value) -> Option<String> {
    let uri = match location.get("uri") {
        Some(uri) => uri.as_str()?,
        None => {
            let index = usize::try_from(location.get("index")?.as_u64()?).ok()?;
            artifacts.get(index)?.pointer("/location/uri")?.as_str()?
        }
    };
    // The scheme is read before decoding: `%3A` in a first segment is part of a name.
    let path = match uri_scheme(uri) {
        None => uri,
        Some(scheme) if scheme.eq_ignore_ascii_case("file") => {
            let rest = &uri[scheme.len() + 1..];
            match rest.strip_prefix("//") {
                Some(authority_and_path) => {
                    let slash = authority_and_path.find('/')?;
                    let host = &authority_and_path[..slash];
                    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
                        return None;
                    }
                    &authority_and_path[slash..]
                }
                None => rest.starts_with('/').then_some(rest)?,
            }
        }
        Some(_) => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    Some(percent_decode_str(path).decode_utf8().ok()?.into_owned())
}

/// The scheme of an absolute URI (RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`, `.`,
/// ending at a `:` before any `/`, `?` or `#`); `None` for a relative reference.
fn uri_scheme(uri: &str) -> Option<&str> {
    let end = uri.find([':', '/', '?', '#'])?;
    let scheme = &uri[..end];
    let valid = uri[end..].starts_with(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn relative_uris_never_gain_a_scheme() {
        assert_eq!(relative_uri("javascript:alert(1).py"), "javascript%3Aalert(1).py");
        assert_eq!(relative_uri("http:x.py"), "http%3Ax.py");
        assert_eq!(relative_uri("a:b/c:d.py"), "a%3Ab/c:d.py");
        assert_eq!(relative_uri("src/conf dir/app.py"), "src/conf%20dir/app.py");
        for path in ["javascript:alert(1).py", "http:x.py", "a:b/c:d.py", "C:/x", "x/y"] {
            assert_eq!(uri_scheme(&relative_uri(path)), None, "{path}");
        }
    }

    #[test]
    fn artifact_paths_read_uris_as_a_uri_parser_would() {
        let path = |uri: &str| artifact_path(&json!({"uri": uri}), &Value::Null);
        assert_eq!(path("src/a%20b.py").as_deref(), Some("src/a b.py"));
        assert_eq!(path("javascript%3Aalert(1).py").as_deref(), Some("javascript:alert(1).py"));
        assert_eq!(path("file:///repo/a.py").as_deref(), Some("/repo/a.py"));
        assert_eq!(path("file://localhost/repo/a.py").as_deref(), Some("/repo/a.py"));
        assert_eq!(path("file:/repo/a.py").as_deref(), Some("/repo/a.py"));
        assert_eq!(path("a.py?x#y").as_deref(), Some("a.py"));
        for other in
            ["javascript:alert(1).py", "http:x.py", "https://example.com/a.py", "file://host/a.py", "file:a.py"]
        {
            assert_eq!(path(other), None, "{other}");
        }
        let artifacts = json!([{"location": {"uri": "by%20index.py"}}]);
        assert_eq!(artifact_path(&json!({"index": 0}), &artifacts).as_deref(), Some("by index.py"));
    }
}
