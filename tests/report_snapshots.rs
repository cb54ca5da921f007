//! Every report format of one representative scan, pinned whole with `insta`: a wrong column,
//! message, region, level, rule text or summary count changes a snapshot and fails.
//!
//! The scan is `tests/data/mixed/` (secrets, Terraform with a variable from its module, a
//! Dockerfile, a Kubernetes manifest, a GitHub workflow, an inline suppression and a file that
//! does not parse) with `tests/data/mixed.baseline.json` (one finding accepted, one stale entry),
//! run through [`tollgate::scan::run`], the call the binary makes. What changes from run to run
//! or machine to machine (the absolute root, the version, the elapsed time) is replaced by a
//! placeholder before comparing. A last test checks the binary prints the same JSON.

mod common;

use clap::ValueEnum;
use common::{repo_root, tollgate};
use std::path::PathBuf;
use tollgate::report::{self, Format, WriteOptions};
use tollgate::sarif_location::dir_uri;
use tollgate::scan::{self, Input, ScanOutcome, ScanRequest};

fn tree() -> PathBuf {
    repo_root().join("tests/data/mixed")
}

fn request() -> ScanRequest {
    let mut request = ScanRequest::new(Input::Paths(vec![tree()]), tree());
    request.baseline = Some(baseline());
    request.threads = 1;
    request
}

/// The report in `format`, with the volatile parts replaced by placeholders.
fn written(outcome: &ScanOutcome, format: Format) -> String {
    let opts = WriteOptions { color: false, threshold: outcome.fail_on.threshold(), category: Some("tollgate") };
    let mut out = Vec::new();
    report::write(&outcome.report, format, opts, &mut out).expect("the report is written");
    normalise(&String::from_utf8(out).expect("reports are UTF-8"))
}

fn baseline() -> PathBuf {
    repo_root().join("tests/data/mixed.baseline.json")
}

fn normalise(text: &str) -> String {
    // The baseline first: the root's path is a prefix of it. The binary is given it relative.
    let text =
        text.replace(&baseline().display().to_string(), "[BASELINE]").replace("../mixed.baseline.json", "[BASELINE]");
    // SARIF's base URI is percent-encoded, the other reports show the path as is.
    let text = text.replace(&dir_uri(&tree()), "file://[ROOT]/").replace(&tree().display().to_string(), "[ROOT]");
    let text = text.replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
    // JSON `"elapsed": 0.012`, JUnit `time="0.012"`.
    let elapsed = regex::Regex::new(r#"("elapsed": |time=")[0-9]+(\.[0-9]+)?"#).unwrap();
    let text = elapsed.replace_all(&text, "${1}[ELAPSED]");
    // GitLab reports' `"start_time": "2026-12-06T23:56:21"` and `end_time`.
    let clock = regex::Regex::new(r#"("(?:start|end)_time": )"[0-9T:-]+""#).unwrap();
    clock.replace_all(&text, "${1}\"[TIME]\"").into_owned()
}

#[test]
fn every_report_format_of_a_mixed_scan() {
    let outcome = scan::run(&request()).expect("the scan runs");
    assert_eq!(outcome.verdict.exit_code(), 1, "findings at high fail the default gate");
    for format in Format::value_variants() {
        let name = format.to_possible_value().expect("a named format").get_name().to_string();
        insta::assert_snapshot!(format!("mixed_{name}"), written(&outcome, *format));
    }
}

#[test]
fn the_binary_prints_the_library_scan() {
    let outcome = scan::run(&request()).expect("the scan runs");
    let out = tollgate()
        .current_dir(tree())
        .args(["scan", ".", "-j", "1", "--format", "json", "--baseline", "../mixed.baseline.json"])
        .output()
        .expect("tollgate runs");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let binary = normalise(&String::from_utf8(out.stdout).expect("UTF-8"));
    assert_eq!(binary, written(&outcome, Format::Json));
}
