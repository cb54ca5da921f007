//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, so
//! findings show as annotations on the pull request's changed lines without a SARIF upload.
//! Values are escaped as the Actions runner expects (`%`, CR and LF everywhere; `:` and `,` in
//! properties too), after [`terminal_safe_multiline`] has escaped the control characters a log viewer would
//! otherwise act on (ESC sequences colour, rewrite or link the log).

use crate::escape::terminal_safe_multiline;
use crate::model::{DiagnosticLevel, ScanReport, Severity};
use std::io::Write;

pub fn write(report: &ScanReport, out: &mut dyn Write) -> anyhow::Result<()> {
    for f in &report.findings {
        let level = match f.severity {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low | Severity::Info => "notice",
        };
        let r = f.region;
        // Columns only mean something on a single-line annotation.
        let position = if r.start_line == r.end_line {
            format!("line={},col={},endLine={},endColumn={}", r.start_line, r.start_column, r.end_line, r.end_column)
        } else {
            format!("line={},endLine={}", r.start_line, r.end_line)
        };
        writeln!(
            out,
            "::{level} file={},{position},title={}::{}",
            property(&f.path),
            property(&format!("{} ({})", f.rule_id, f.severity)),
            data(&match &f.commit {
                Some(c) => format!("{} (introduced in commit {})", f.message, c.describe()),
                None => f.message.clone(),
            })
        )?;
    }
    for d in &report.diagnostics {
        let level = match d.level {
            DiagnosticLevel::Error => "error",
            DiagnosticLevel::Warning => "warning",
        };
        let line = d.line.map(|l| format!(",line={l}")).unwrap_or_default();
        writeln!(out, "::{level} file={}{line},title=tollgate::{}", property(&d.path), data(&d.message))?;
    }
    for e in report.baseline.iter().flat_map(|b| &b.stale) {
        writeln!(
            out,
            "::notice file={},title=stale baseline entry::{}",
            property(&e.path),
            data(&format!("{} no longer matches a finding; write the baseline again to drop it", e.rule))
        )?;
    }
    Ok(())
}

/// Escape a command's message.
fn data(s: &str) -> String {
    terminal_safe_multiline(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a command property (`file=`, `title=`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_runner() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(data("evil\x1b]0;x\x07.py"), "evil\\u{1b}]0;x\\u{7}.py");
    }
}
