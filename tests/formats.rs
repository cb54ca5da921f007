//! The GitHub annotation and JUnit reports through the real binary.

mod common;

use common::{tollgate, tree};
use tempfile::TempDir;

const KEY: &str = "AKIAZ3MSJV4WWKAO7QPQ";

fn run(dir: &TempDir, args: &[&str]) -> (i32, String) {
    let out = tollgate().current_dir(dir.path()).arg("scan").args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn github_annotations_carry_position_level_and_escaped_values() {
    let dir = tree(&[
        ("src/a,b.py", &format!("key = '{KEY}'\npassword = \"Xk9#mQ2vL8pR4tZw\"\n")),
        ("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [\n"),
    ]);
    let (code, out) = run(&dir, &["--format", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "::error file=src/a%2Cb.py,line=1,col=8,endLine=1,endColumn=28,title=aws-access-key-id (high)::AWS access key ID (AKIA************7QPQ)",
            "::warning file=src/a%2Cb.py,line=2,col=13,endLine=2,endColumn=29,title=generic-password-assignment (medium)::Hard-coded password assigned to a password variable (Xk9#********4tZw)",
            lines[2],
        ]
    );
    assert!(lines[2].starts_with("::warning file=broken.yaml,line="), "{}", lines[2]);
    assert!(!out.contains(KEY));
}

#[test]
fn junit_has_a_case_per_rule_and_file_with_failures_that_match_the_gate() {
    let dir = tree(&[
        ("a.py", &format!("key = '{KEY}'\nalso = 'AKIAQYLPMN5HHHFPZAM2'\npassword = \"Xk9#mQ2vL8pR4tZw\"\n")),
        ("b.py", &format!("key = \"{KEY}\" # <&>\n")),
    ]);
    let (code, out) = run(&dir, &["--format", "junit"]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!((root.attribute("tests"), root.attribute("failures")), (Some("3"), Some("2")));
    let skipped: usize = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .map(|s| s.attribute("skipped").unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(skipped, 1);
    let cases: Vec<(String, String, &str)> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|c| {
            let outcome = c.children().find(|n| n.is_element()).map_or("pass", |n| n.tag_name().name());
            (c.attribute("classname").unwrap().to_string(), c.attribute("name").unwrap().to_string(), outcome)
        })
        .collect();
    assert_eq!(
        cases,
        vec![
            ("aws-access-key-id".to_string(), "a.py".to_string(), "failure"),
            ("aws-access-key-id".to_string(), "b.py".to_string(), "failure"),
            ("generic-password-assignment".to_string(), "a.py".to_string(), "skipped"),
        ]
    );
    let failure = root.descendants().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("message"), Some("2 findings of aws-access-key-id: AWS access key ID"));
    assert!(failure.text().unwrap().contains("a.py:1:8 [high]"));

    // With the threshold at medium the password case fails too; a clean tree is one passing case.
    let (_, out) = run(&dir, &["--format", "junit", "--fail-on", "medium"]);
    assert!(roxmltree::Document::parse(&out).unwrap().root_element().attribute("failures") == Some("3"));
    let clean = tree(&[("ok.txt", "nothing here\n")]);
    let (code, out) = run(&clean, &["--format", "junit"]);
    assert_eq!(code, 0);
    let doc = roxmltree::Document::parse(&out).unwrap();
    assert_eq!(doc.root_element().attribute("tests"), Some("1"));
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
}

#[test]
fn progress_stays_off_when_stderr_is_not_a_terminal() {
    let dir = tree(&[("a.txt", "hello\n")]);
    let out = tollgate().current_dir(dir.path()).args(["scan"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "only the summary line: {stderr}");
    assert!(!stderr.contains('\u{1b}'), "no terminal control codes: {stderr}");
}
