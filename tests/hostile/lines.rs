//! Long lines and many workers: work per finding or per node must not grow with the length of
//! the line it sits on (a minified file is one line of megabytes), the keyword-hit buffer must
//! not grow with the file, and `-j` must not spawn whatever it is asked for.
//!
//! Each long-line case puts thousands of findings or nodes on one line of megabytes, with
//! multi-byte characters so columns are not byte offsets: per-item work linear in the line made
//! these minutes long; per-item work independent of it takes about a second in a debug build.

use super::*;
use std::time::Duration;

/// Long-line cases: generous for a debug build, far below the quadratic behaviour.
const BUDGET: Budget = Budget { wall: Duration::from_secs(30), rss_mib: 1024 };

fn findings(run: &Run) -> Vec<serde_json::Value> {
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("a JSON report");
    report["findings"].as_array().expect("findings").clone()
}

/// 2,000 secrets on one 4 MB line: each finding's region and snippet were built from the whole
/// line before it.
#[test]
fn secrets_on_one_long_line() {
    let padding = "é x ".repeat(400);
    let mut line = String::new();
    for i in 0..2000 {
        line.push_str(&format!("password=\"Zx{i:05}qLm\" {padding}"));
    }
    line.push('\n');
    let run = scan_tree(&[("keys.txt", line.into_bytes())], BUDGET);
    let found = findings(&run);
    assert!(found.len() > 1000, "the secrets are found: {}", found.len());
    let last = found.last().unwrap();
    let column = last["region"]["start_column"].as_u64().unwrap() as usize;
    // Columns count characters: 1,622 per repeat before the last secret, plus `password="`.
    assert_eq!(column % 1622, 11, "column {column} counts code points");
    let snippet = last["snippet"].as_str().unwrap();
    assert!(snippet.chars().count() <= 200 && snippet.contains("password="), "snippet clipped around it: {snippet}");
}

/// A one-line exec-form `RUN [...]` with 40,000 arguments: each argument's source-map region
/// counted characters from the line start.
#[test]
fn dockerfile_exec_form_on_one_line() {
    let args: String = (0..40_000).map(|i| format!(",\"é{i}\"")).collect();
    let dockerfile = format!("FROM alpine:3.19\nRUN [\"sh\"{args}]\nUSER root\n");
    scan_tree(&[("Dockerfile", dockerfile.into_bytes())], BUDGET);
}

/// A minified CloudFormation template: every policy finding's snippet was the whole line
/// decoded, and showed the line's start rather than the finding.
#[test]
fn minified_json_snippets_are_windowed() {
    let padding = "é".repeat(200_000);
    let ingress: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"{{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":"0.0.0.0/0","Description":"rule {i} {}"}}"#,
                "ü".repeat(3000)
            )
        })
        .collect();
    let template = format!(
        r#"{{"AWSTemplateFormatVersion":"2010-09-09","Description":"{padding}","Resources":{{"SG":{{"Type":"AWS::EC2::SecurityGroup","Properties":{{"GroupDescription":"x","SecurityGroupIngress":[{}]}}}}}}}}"#,
        ingress.join(",")
    );
    let run = scan_tree(&[("template.json", template.into_bytes())], BUDGET);
    let found = findings(&run);
    assert!(!found.is_empty(), "the open ingress is found");
    for f in &found {
        let snippet = f["snippet"].as_str().unwrap();
        assert!(snippet.chars().count() <= 170, "snippet clipped: {snippet}");
        assert!(
            snippet.starts_with('…') && !snippet.contains("AWSTemplateFormatVersion"),
            "snippet near the finding: {snippet}"
        );
    }
}

/// 16 MiB of `A` (with the size limit raised): a keyword hit at every byte, 24 bytes each, was
/// collected for the whole file before any was used (~600 MiB here, 12 GB for 400 MB).
#[test]
fn keyword_hits_do_not_grow_with_the_file() {
    let dir = tree_bytes(&[("big.txt", vec![b'A'; 16 << 20])]);
    let budget = Budget { wall: Duration::from_secs(60), rss_mib: 256 };
    let run = run(&["scan", ".", "--max-file-size", "32M", "--format", "json"], dir.path(), budget);
    run.assert_within(budget, &[0, 1]);
}

/// `-j 20000` panicked spawning threads and `-j 5000` hung: a request above 4 per CPU is lowered
/// with a note, and `-j 0` is a usage error.
#[test]
fn worker_threads_are_capped() {
    let dir = tree_bytes(&[("a.txt", b"hello\n".to_vec())]);
    let budget = Budget { wall: Duration::from_secs(30), rss_mib: 512 };
    for j in ["5000", "20000"] {
        let run = run(&["scan", ".", "-j", j], dir.path(), budget);
        run.assert_within(budget, &[0]);
        assert!(run.stderr.contains(&format!("-j {j} is more than 4 per CPU")), "a note: {}", run.stderr);
    }
    let run = run(&["scan", ".", "-j", "0"], dir.path(), budget);
    run.assert_within(budget, &[2]);
}
