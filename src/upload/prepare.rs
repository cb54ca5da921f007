//! Turning a SARIF file into the `sarif` field of GitHub's upload API: check it against GitHub's
//! documented limits first (a rejected upload is only reported minutes later, by the processing
//! status, or not at all), add `primaryLocationLineHash` fingerprints, then gzip and base64 it.
//! Source files are read through [`Checkout`], so a hostile log cannot make the upload read
//! outside the repository.

use super::checkout::Checkout;
use super::redact::untrusted;
use crate::linehash;
use anyhow::{Context, Result, bail};
use base64::Engine;
use flate2::{Compression, write::GzEncoder};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

/// GitHub's documented limits ("SARIF support for code scanning"; the upload API's description):
/// a file over any of them is rejected.
const MAX_RUNS: usize = 20;
const MAX_RESULTS_PER_RUN: usize = 25_000;
const MAX_RULES_PER_RUN: usize = 25_000;
const MAX_EXTENSIONS_PER_RUN: usize = 100;
const MAX_LOCATIONS_PER_RESULT: usize = 1_000;
const MAX_THREAD_FLOW_LOCATIONS_PER_RESULT: usize = 10_000;
const MAX_TAGS_PER_RULE: usize = 20;
/// GitHub rejects gzipped SARIF over "10 MB" without saying which megabyte. The larger reading,
/// 10 MiB, is the one that never refuses a file GitHub would accept; a file between the two
/// readings gets GitHub's own 413 answer, which is reported with the same advice.
const MAX_GZIPPED_BYTES: usize = 10 * 1024 * 1024;

/// A SARIF log ready to send.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Base64 of the gzipped SARIF, line hashes added: the API's `sarif` field.
    pub payload: String,
    /// Results over all runs.
    pub results: usize,
    /// Size of the gzipped SARIF (before base64).
    pub gzipped_bytes: usize,
    /// Files named by results that were not read for line fingerprints, and why (one line each,
    /// safe to print); those results go without `primaryLocationLineHash`.
    pub unhashed: Vec<String>,
}

/// Check `sarif` against GitHub's limits, add line hashes from the files under `checkout_root`,
/// and compress it. Errors explain which limit is broken and where.
pub fn prepare(sarif: &[u8], checkout_root: &Path) -> Result<Prepared> {
    let mut doc: Value = serde_json::from_slice(sarif).context("not valid JSON")?;
    match doc.get("version").and_then(Value::as_str) {
        Some("2.1.0") => {}
        Some(other) => bail!("SARIF version {other}: GitHub code scanning accepts only SARIF 2.1.0"),
        None => bail!("not a SARIF log: no \"version\": \"2.1.0\""),
    }
    let results = check_limits(&doc)?;
    let checkout = Checkout::new(checkout_root)
        .with_context(|| format!("cannot open the checkout root {}", checkout_root.display()))?;
    let unhashed = RefCell::new(Vec::new());
    linehash::add_line_hashes(&mut doc, |path| {
        checkout
            .read(path)
            .inspect_err(|why| unhashed.borrow_mut().push(format!("{}: {why}", untrusted(path, 200))))
            .ok()
    });

    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    serde_json::to_writer(&mut gz, &doc)?;
    let gzipped = gz.finish()?;
    if gzipped.len() > MAX_GZIPPED_BYTES {
        bail!(
            "the SARIF is {:.1} MiB gzipped; GitHub accepts at most 10 MB: report fewer results \
             (exclude generated or vendored code, or raise the severity threshold)",
            gzipped.len() as f64 / (1024.0 * 1024.0)
        );
    }
    let payload = base64::engine::general_purpose::STANDARD.encode(&gzipped);
    Ok(Prepared { payload, results, gzipped_bytes: gzipped.len(), unhashed: unhashed.into_inner() })
}

/// Every limit GitHub enforces on a file's shape; returns the number of results.
fn check_limits(doc: &Value) -> Result<usize> {
    let runs = doc.get("runs").and_then(Value::as_array).context("not a SARIF log: no \"runs\" array")?;
    if runs.len() > MAX_RUNS {
        bail!("the SARIF has {} runs; GitHub accepts at most {MAX_RUNS} per file", runs.len());
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for (i, run) in runs.iter().enumerate() {
        let n = i + 1;
        let driver = run.pointer("/tool/driver");
        let name = |v: Option<&Value>| v.and_then(|d| d.get("name")).and_then(Value::as_str).unwrap_or("?").to_string();
        let category = run.pointer("/automationDetails/id");
        // The same key codeql-action uses (`createRunKey`): GitHub rejects a file with two runs of
        // one tool and category since July 2025.
        let key = serde_json::json!([
            driver.and_then(|d| d.get("name")),
            driver.and_then(|d| d.get("fullName")),
            driver.and_then(|d| d.get("version")),
            driver.and_then(|d| d.get("semanticVersion")),
            driver.and_then(|d| d.get("guid")),
            category,
        ])
        .to_string();
        if let Some(first) = seen.insert(key, n) {
            let category = category.and_then(Value::as_str).map_or("none".to_string(), |c| format!("`{c}`"));
            bail!(
                "runs {first} and {n} have the same tool (`{}`) and category (automationDetails.id {category}); \
                 GitHub rejects several runs of one tool and category in a file: give each run its own \
                 runs[].automationDetails.id, or upload them separately",
                name(driver)
            );
        }

        let results = array(run, "results");
        if results.len() > MAX_RESULTS_PER_RUN {
            bail!(
                "run {n} has {} results; GitHub rejects runs with more than 25,000 (and shows only the top 5,000): \
                 report fewer results (exclude generated or vendored code, or raise the severity threshold)",
                results.len()
            );
        }
        for (j, result) in results.iter().enumerate() {
            let locations = array(result, "locations").len();
            if locations > MAX_LOCATIONS_PER_RESULT {
                bail!("run {n}, result {}: {locations} locations; GitHub accepts at most 1,000", j + 1);
            }
            let flow_locations: usize = array(result, "codeFlows")
                .iter()
                .flat_map(|flow| array(flow, "threadFlows"))
                .map(|thread| array(thread, "locations").len())
                .sum();
            if flow_locations > MAX_THREAD_FLOW_LOCATIONS_PER_RESULT {
                bail!(
                    "run {n}, result {}: {flow_locations} thread flow locations; GitHub accepts at most 10,000",
                    j + 1
                );
            }
        }
        total += results.len();

        let extensions = run.pointer("/tool/extensions").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        if extensions.len() > MAX_EXTENSIONS_PER_RUN {
            bail!("run {n} has {} tool extensions; GitHub accepts at most {MAX_EXTENSIONS_PER_RUN}", extensions.len());
        }
        let rules: Vec<&Value> = driver.into_iter().chain(extensions).flat_map(|c| array(c, "rules")).collect();
        if rules.len() > MAX_RULES_PER_RUN {
            bail!("run {n} has {} rules; GitHub accepts at most 25,000", rules.len());
        }
        for rule in rules {
            check_rule(rule, n)?;
        }
    }
    Ok(total)
}

/// GitHub reads a rule's `security-severity` only as a string holding a number from 0.0 to 10.0;
/// anything else fails the processing of the whole upload.
fn check_rule(rule: &Value, run: usize) -> Result<()> {
    let id = rule.get("id").and_then(Value::as_str).unwrap_or("?");
    let tags = rule.pointer("/properties/tags").and_then(Value::as_array).map_or(0, Vec::len);
    if tags > MAX_TAGS_PER_RULE {
        bail!("rule `{id}` (run {run}) has {tags} tags; GitHub accepts at most {MAX_TAGS_PER_RULE}");
    }
    let Some(severity) = rule.pointer("/properties/security-severity") else {
        return Ok(());
    };
    let valid = severity.as_str().and_then(|s| s.trim().parse::<f64>().ok()).is_some_and(|v| (0.0..=10.0).contains(&v));
    if !valid {
        let found = if severity.is_string() { format!("{severity}") } else { format!("{severity} (not a string)") };
        bail!(
            "rule `{id}` (run {run}): properties.security-severity must be a string holding a number from 0.0 to \
             10.0, like \"7.5\"; found {found}"
        );
    }
    Ok(())
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use serde_json::json;
    use std::io::Read;

    fn run(name: &str, results: usize) -> Value {
        json!({"tool": {"driver": {"name": name, "rules": [
            {"id": "r1", "properties": {"security-severity": "8.0", "tags": ["security"]}}
        ]}}, "results": vec![json!({"ruleId": "r1", "message": {"text": "m"}}); results]})
    }

    fn log(runs: Vec<Value>) -> Vec<u8> {
        serde_json::to_vec(&json!({"version": "2.1.0", "runs": runs})).unwrap()
    }

    fn error(sarif: &[u8]) -> String {
        format!("{:#}", prepare(sarif, Path::new("/")).unwrap_err())
    }

    #[test]
    fn payload_is_base64_of_gzipped_json_with_line_hashes() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("a.py"), "x = 1\nkey = 'secret'\n").unwrap();
        let mut doc = json!({"version": "2.1.0", "runs": [run("tollgate", 1)]});
        doc["runs"][0]["results"][0]["locations"] = json!([{"physicalLocation": {
            "artifactLocation": {"uri": "a.py", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 2}}}]);
        let prepared = prepare(&serde_json::to_vec(&doc).unwrap(), dir.path()).unwrap();
        assert_eq!(prepared.results, 1);
        let gz = base64::engine::general_purpose::STANDARD.decode(&prepared.payload).unwrap();
        assert_eq!(gz.len(), prepared.gzipped_bytes);
        let mut text = String::new();
        GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
        let sent: Value = serde_json::from_str(&text).unwrap();
        let expected = linehash::line_hashes("x = 1\nkey = 'secret'\n")[1].clone();
        doc["runs"][0]["results"][0]["partialFingerprints"] = json!({"primaryLocationLineHash": expected});
        assert_eq!(sent, doc);
    }

    #[test]
    fn rejects_what_github_would_reject() {
        assert!(error(b"{not json").contains("not valid JSON"));
        assert!(error(br#"{"version": "2.0.0", "runs": []}"#).contains("accepts only SARIF 2.1.0"));
        assert!(error(&log(vec![run("t", 0); 21])).contains("21 runs; GitHub accepts at most 20"));
        assert!(error(&log(vec![run("t", 25_001)])).contains("run 1 has 25001 results"));
        assert!(prepare(&log(vec![run("t", 25_000)]), Path::new("/")).is_ok());

        let dup = error(&log(vec![run("a", 0), run("t", 0), run("t", 0)]));
        assert!(
            dup.contains("runs 2 and 3 have the same tool (`t`) and category (automationDetails.id none)"),
            "{dup}"
        );
        let mut cat = vec![run("t", 0), run("t", 0)];
        cat[0]["automationDetails"] = json!({"id": "iac/"});
        assert!(prepare(&log(cat.clone()), Path::new("/")).is_ok());
        cat[1]["automationDetails"] = json!({"id": "iac/"});
        assert!(error(&log(cat)).contains("category (automationDetails.id `iac/`)"));

        let mut numeric = run("t", 0);
        numeric["tool"]["driver"]["rules"][0]["properties"]["security-severity"] = json!(7.5);
        let msg = error(&log(vec![numeric]));
        assert!(msg.contains("rule `r1` (run 1)") && msg.contains("7.5 (not a string)"), "{msg}");
        let mut out_of_range = run("t", 0);
        out_of_range["tool"]["extensions"] =
            json!([{"name": "ext", "rules": [{"id": "x1", "properties": {"security-severity": "11"}}]}]);
        assert!(error(&log(vec![out_of_range])).contains("rule `x1`"));

        let mut tags = run("t", 0);
        tags["tool"]["driver"]["rules"][0]["properties"]["tags"] = json!(vec!["t"; 21]);
        assert!(error(&log(vec![tags])).contains("21 tags"));
    }
}
