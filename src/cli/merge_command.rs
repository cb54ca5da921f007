//! `tollgate merge OUT IN...`: the arguments, then [`crate::merge`], the summary line and the
//! exit code (0 pass, 1 the merged findings fail the gate, 2 error), as `scan` gives them.

use crate::gate::FailOn;
use crate::merge;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct MergeArgs {
    /// Where to write the merged report (`-`: standard output).
    #[arg(value_name = "OUT")]
    out: PathBuf,

    /// The reports to merge: SARIF logs, or tollgate JSON reports (all of one format), such as
    /// the reports of `scan --shard K/N` for K = 1..N.
    #[arg(value_name = "IN", required = true)]
    inputs: Vec<PathBuf>,

    /// Fail the gate (exit 1) when the merged findings include one of this severity or worse
    /// that is not suppressed [default: high].
    #[arg(long, value_name = "SEVERITY", value_parser = super::threshold_arg::ThresholdParser)]
    fail_on: Option<FailOn>,

    /// Do not print the summary line on standard error.
    #[arg(short, long)]
    quiet: bool,
}

pub(super) fn cmd_merge(args: MergeArgs) -> Result<i32> {
    let merged = merge::merge_files(&args.inputs)?;
    merge::write(&merged, &args.out)?;
    let fail_on = args.fail_on.unwrap_or(FailOn::High);
    if !args.quiet {
        eprintln!("{}", merged.summary_line(fail_on));
    }
    Ok(merged.verdict(fail_on).exit_code())
}
