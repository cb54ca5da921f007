//! The command-line flags that narrow a scan, as users of other scanners reach for them:
//! `--check`/`--skip-check` choose rules and policies (checkov's spelling; they add to the
//! config's `enable`/`disable`), `--min-severity` hides lesser findings from every report and
//! from the gate (trivy's `--severity` works the same way), and `-v` says on standard error what
//! was loaded, excluded and skipped, so a scan that found nothing can be told from one that
//! looked at nothing.
//!
//! Every id and glob given here is checked before the scan starts ([`crate::scan::run`]), and an
//! error names the flag or the config key it came from: a typo never silently turns a check off.

use crate::model::{ScanReport, Severity};
use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use std::path::Path;

#[derive(Args, Debug, Default)]
pub(super) struct SelectionArgs {
    /// Run only these rule and policy ids (comma-separated or repeated); added to the config's
    /// `enable`.
    #[arg(long = "check", value_name = "ID", value_delimiter = ',')]
    pub checks: Vec<String>,

    /// Never run these rule and policy ids (comma-separated or repeated); added to the config's
    /// `disable`.
    #[arg(long = "skip-check", value_name = "ID", value_delimiter = ',')]
    pub skip_checks: Vec<String>,

    /// Report only findings of this severity or worse; the others are left out of every report
    /// and do not fail the gate either.
    #[arg(long, value_name = "SEVERITY", value_parser = severity_parser())]
    pub min_severity: Option<Severity>,

    /// Say on standard error which config, rules and policies were used, what was excluded and
    /// which files were skipped.
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
}

fn severity_parser() -> impl TypedValueParser<Value = Severity> {
    PossibleValuesParser::new(Severity::ALL.map(Severity::as_str))
        .map(|s| Severity::ALL.into_iter().find(|sev| sev.as_str() == s).expect("a listed severity"))
}

/// What `-v` tells before the scan: the config, and how many rules and policies will run.
pub(super) fn say_loaded(config: Option<&Path>, secret_rules: usize, policy_files: usize, excludes: &[String]) {
    match config {
        Some(path) => eprintln!("tollgate: config: {}", path.display()),
        None => eprintln!(
            "tollgate: config: none (no tollgate.toml in the scanned directory, the scan root or above it up to the repository top; no --config)"
        ),
    }
    eprintln!("tollgate: loaded {} and {}", count(secret_rules, "secret rule"), count(policy_files, "policy file"));
    if !excludes.is_empty() {
        eprintln!("tollgate: excluding {}", excludes.join(", "));
    }
}

/// What `-v` tells after the scan: what was skipped or hidden.
pub(super) fn say_skipped(report: &ScanReport, hidden: usize) {
    let stats = &report.stats;
    for path in &stats.skipped_too_large {
        eprintln!("tollgate: skipped {path}: larger than --max-file-size");
    }
    if stats.skipped_binary > 0 {
        eprintln!("tollgate: skipped {}", count(stats.skipped_binary, "binary file"));
    }
    let kinds: Vec<String> = stats.kinds.iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    eprintln!("tollgate: scanned {} ({})", count(stats.files_scanned, "file"), kinds.join(", "));
    if hidden > 0 {
        eprintln!("tollgate: {} below --min-severity not shown", count(hidden, "finding"));
    }
}

/// `1 file`, `2 files`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
