//! JUnit XML, for CI systems that show test reports (AWS CodeBuild report groups, GitLab
//! `artifacts:reports:junit`, Jenkins): one test suite per rule, one test case per rule and
//! file. Findings at or above the gate's threshold are failures; findings below it are listed
//! as skipped, so the report agrees with the exit code. Files that could not be checked are
//! errors. A clean scan is one passing test case, so the report is never empty. Text from the
//! repository passes through [`terminal_safe`] (CI pages show it, and a log may print it).
//!
//! Only attributes the common JUnit XSD (the Ant/Jenkins one that strict readers validate
//! against) allows are written: `skipped` is counted per `testsuite`, not on `testsuites`, and
//! a test case names its file in `name` (the XSD has no `testcase@file`).

use crate::escape::terminal_safe;
use crate::model::{DiagnosticLevel, Finding, ScanReport, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

pub fn write(report: &ScanReport, threshold: Option<Severity>, out: &mut dyn Write) -> anyhow::Result<()> {
    // rule -> file -> findings, in report order.
    let mut by_rule: BTreeMap<&str, BTreeMap<&str, Vec<&Finding>>> = BTreeMap::new();
    for f in &report.findings {
        by_rule.entry(&f.rule_id).or_default().entry(&f.path).or_default().push(f);
    }
    let titles: BTreeMap<&str, &str> = report.rules.iter().map(|r| (r.id.as_str(), r.title.as_str())).collect();
    let fails = |f: &&Finding| f.fails_gate(threshold);

    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for (rule, files) in &by_rule {
        let (mut suite_failures, mut suite_skipped) = (0, 0);
        let mut cases = String::new();
        for (path, findings) in files {
            let details: String = findings
                .iter()
                .map(|f| {
                    format!(
                        "{}:{}:{} [{}] {}{}\n",
                        terminal_safe(path),
                        f.region.start_line,
                        f.region.start_column,
                        f.severity,
                        terminal_safe(&f.message),
                        f.commit
                            .as_ref()
                            .map(|c| format!(" (commit {})", terminal_safe(&c.describe())))
                            .unwrap_or_default()
                    )
                })
                .collect();
            let title = titles.get(rule).copied().unwrap_or(rule);
            let message =
                format!("{} finding{} of {rule}: {title}", findings.len(), if findings.len() == 1 { "" } else { "s" });
            let _ = write!(cases, "    <testcase name=\"{}\" classname=\"{}\">", xml(path), xml(rule));
            if findings.iter().any(fails) {
                suite_failures += 1;
                let worst = findings.iter().map(|f| f.severity).max().unwrap_or(Severity::Info);
                let _ = write!(
                    cases,
                    "\n      <failure type=\"{worst}\" message=\"{}\">{}</failure>\n    ",
                    xml(&message),
                    xml(&details)
                );
            } else {
                suite_skipped += 1;
                let _ = write!(
                    cases,
                    "\n      <skipped message=\"{}\"/>\n      <system-out>{}</system-out>\n    ",
                    xml(&format!("{message} (below the fail-on threshold)")),
                    xml(&details)
                );
            }
            cases.push_str("</testcase>\n");
        }
        tests += files.len();
        failures += suite_failures;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"{suite_skipped}\">\n{cases}  </testsuite>",
            xml(rule),
            files.len()
        );
    }

    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.level == DiagnosticLevel::Error).collect();
    let clean = by_rule.is_empty();
    if !errors.is_empty() || clean {
        let mut cases = String::new();
        for d in &errors {
            let path = terminal_safe(&d.path);
            let message = terminal_safe(&d.message);
            let at = d.line.map(|l| format!("{path}:{l}")).unwrap_or_else(|| path.to_string());
            let _ = writeln!(
                cases,
                "    <testcase name=\"{}\" classname=\"tollgate\">\n      <error message=\"{}\">{}</error>\n    </testcase>",
                xml(&path),
                xml(&message),
                xml(&format!("{at}: {message}"))
            );
        }
        if clean {
            let _ = writeln!(
                cases,
                "    <testcase name=\"{} file{} scanned\" classname=\"tollgate\"/>",
                report.stats.files_scanned,
                if report.stats.files_scanned == 1 { "" } else { "s" }
            );
        }
        let n = errors.len() + usize::from(clean);
        tests += n;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"tollgate\" tests=\"{n}\" failures=\"0\" errors=\"{}\" skipped=\"0\">\n{cases}  </testsuite>",
            errors.len()
        );
    }

    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"tollgate\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\" time=\"{:.3}\">",
        errors.len(),
        report.stats.elapsed.as_secs_f64()
    )?;
    out.write_all(suites.as_bytes())?;
    writeln!(out, "</testsuites>")?;
    Ok(())
}

/// Escape text for an XML attribute or element, dropping characters XML 1.0 cannot carry.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
