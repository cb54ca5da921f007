//! The human report: findings grouped by file, each with its position, severity, rule and the
//! offending line (secret masked), then any diagnostics.
//!
//! Everything here comes from the repository (names, lines, parser messages) and goes to a
//! terminal, so each piece passes through [`terminal_safe`]: a control sequence in a file name
//! or a line is shown escaped, never acted on.

use crate::escape::terminal_safe;
use crate::model::{DiagnosticLevel, ScanReport, Severity};
use anstyle::{AnsiColor, Style};
use std::io::Write;

fn severity_style(sev: Severity) -> Style {
    let color = match sev {
        Severity::Critical => AnsiColor::BrightRed,
        Severity::High => AnsiColor::Red,
        Severity::Medium => AnsiColor::Yellow,
        Severity::Low => AnsiColor::Cyan,
        Severity::Info => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

pub fn write(report: &ScanReport, color: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let paint = |style: Style, text: &str| -> String {
        if color { format!("{}{text}{}", style.render(), style.render_reset()) } else { text.to_string() }
    };
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();

    let mut current: Option<&str> = None;
    for f in &report.findings {
        if current != Some(f.path.as_str()) {
            if current.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}", paint(bold.underline(), &terminal_safe(&f.path)))?;
            current = Some(&f.path);
        }
        let pos = format!("{}:{}", f.region.start_line, f.region.start_column);
        writeln!(
            out,
            "  {:<8} {} {}  {}",
            pos,
            paint(severity_style(f.severity), &format!("{:<8}", f.severity.as_str())),
            paint(bold, &terminal_safe(&f.rule_id)),
            terminal_safe(&f.message)
        )?;
        if !f.snippet.is_empty() {
            writeln!(out, "  {:<8} {}", "", paint(dim, &terminal_safe(f.snippet.trim())))?;
        }
        if let Some(c) = &f.commit {
            let introduced = format!("introduced in {} by {} <{}> on {}", c.id, c.author, c.email, c.date);
            writeln!(out, "  {:<8} {}", "", paint(dim, &terminal_safe(&introduced)))?;
        }
    }
    if let Some(baseline) = report.baseline.as_ref().filter(|b| !b.stale.is_empty()) {
        if !report.findings.is_empty() {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{} {} baseline {} no longer {} anything (fixed or moved); write the baseline again to drop {}:",
            paint(dim, "note:"),
            baseline.stale.len(),
            if baseline.stale.len() == 1 { "entry" } else { "entries" },
            if baseline.stale.len() == 1 { "matches" } else { "match" },
            if baseline.stale.len() == 1 { "it" } else { "them" },
        )?;
        for e in &baseline.stale {
            writeln!(out, "  {}  {}", terminal_safe(&e.path), terminal_safe(&e.rule))?;
        }
    }
    if !report.diagnostics.is_empty() {
        if !report.findings.is_empty() || report.baseline.as_ref().is_some_and(|b| !b.stale.is_empty()) {
            writeln!(out)?;
        }
        for d in &report.diagnostics {
            let (label, style) = match d.level {
                DiagnosticLevel::Error => ("error", severity_style(Severity::High)),
                DiagnosticLevel::Warning => ("warning", severity_style(Severity::Medium)),
            };
            let path = terminal_safe(&d.path);
            let at = match d.line {
                Some(line) => format!("{path}:{line}"),
                None => path.into_owned(),
            };
            writeln!(out, "{}: {at}: {}", paint(style, label), terminal_safe(&d.message))?;
        }
    }
    Ok(())
}
