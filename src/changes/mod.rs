//! The diff-aware gate: which lines a change adds, and keeping only the findings on them.
//!
//! A gate on a pull request should block what the pull request brings, not what the repository
//! already had: otherwise every old finding blocks every change on day one. `scan --since REV`
//! scans the files changed since REV (more exactly, since the merge base of REV and `HEAD`, as a
//! pull request's diff is) and keeps a finding only where its region meets a line the change
//! added or modified; `--whole-files` keeps every finding in a changed file. `--staged
//! --changed-lines` does the same for the commit being made.
//!
//! The lines come from `git diff -U0` (one `git` process for the whole change; see
//! [`unified`]): the hunk headers give, for each file, the ranges of lines on the new side.
//! Untracked files (not ignored) count as added whole. Paths are in the display form every
//! report uses, so a finding's path looks up its file's lines directly.

pub mod unified;

use crate::discover::PathFilter;
use crate::model::ScanReport;
use crate::model::{Finding, Region};
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which lines of a file a change added or modified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lines {
    /// The whole file is new (untracked, or added).
    All,
    /// Inclusive 1-based line ranges on the new side, in order. Empty for a file whose change
    /// only removed lines (or changed its mode).
    Ranges(Vec<(u32, u32)>),
}

impl Lines {
    fn meets(&self, region: Region) -> bool {
        match self {
            Lines::All => true,
            Lines::Ranges(ranges) => {
                ranges.iter().any(|&(from, to)| from <= region.end_line && region.start_line <= to)
            }
        }
    }
}

/// The files a change touches (that still exist) and the lines it added to each.
#[derive(Debug, Clone, Default)]
pub struct ChangedLines {
    /// By path relative to the repository's top, `/`-separated, in display form.
    pub files: BTreeMap<String, Lines>,
}

impl ChangedLines {
    /// What the work tree changes since the merge base of `rev` and `HEAD`, untracked files
    /// included.
    pub fn since(top: &Path, rev: &str) -> Result<ChangedLines> {
        let mut args = diff_args();
        args.extend(["--merge-base", rev, "--"]);
        let patch = crate::git::git(top, &args)?;
        let mut changed = ChangedLines { files: unified::added_lines(&patch)? };
        let untracked = crate::git::git(top, &["ls-files", "-z", "--others", "--exclude-standard"])?;
        for raw in untracked.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            changed.files.insert(crate::discover::display_rel_bytes(raw), Lines::All);
        }
        Ok(changed)
    }

    /// What the index changes since `HEAD` (the commit being made).
    pub fn staged(top: &Path) -> Result<ChangedLines> {
        let mut args = diff_args();
        args.extend(["--cached", "--"]);
        Ok(ChangedLines { files: unified::added_lines(&crate::git::git(top, &args)?)? })
    }

    /// The changed files to scan: those still on disk under `top`, inside one of `under` (as
    /// `git diff -- PATHS` would list them), and not left out by the walk's exclusions.
    pub fn files_to_scan(&self, top: &Path, under: &[PathBuf], excluded: &PathFilter) -> Vec<PathBuf> {
        self.files
            .keys()
            .filter(|rel| !excluded.excludes(rel))
            .map(|rel| top.join(rel))
            .filter(|p| p.is_file() && under.iter().any(|u| p.starts_with(u)))
            .collect()
    }

    /// Does `finding` sit on a line the change added? Its path is relative to `root`, the
    /// changed files' to `top`.
    fn keeps(&self, finding: &Finding, prefix: &str) -> bool {
        let key = format!("{prefix}{}", finding.path);
        self.files.get(&key).is_some_and(|lines| lines.meets(finding.region))
    }

    /// Drop the findings (counted or suppressed) that are not on a changed line; returns how
    /// many were dropped.
    pub fn retain_in(&self, report: &mut ScanReport, top: &Path) -> usize {
        // Reported paths are relative to the scan root; the diff's to the repository's top.
        let prefix = match report.root.strip_prefix(top) {
            Ok(rel) if !rel.as_os_str().is_empty() => format!("{}/", crate::discover::display_path(rel, Path::new(""))),
            _ => String::new(),
        };
        let before = report.findings.len() + report.suppressed.len();
        report.findings.retain(|f| self.keeps(f, &prefix));
        report.suppressed.retain(|f| self.keeps(f, &prefix));
        before - report.findings.len() - report.suppressed.len()
    }
}

/// `git diff` as this module parses it, whatever the user's configuration says: no colour, no
/// external diff tool, no renames (a renamed file's lines are all new where it now lives), fixed
/// prefixes and no context lines.
fn diff_args() -> Vec<&'static str> {
    vec![
        "-c",
        "core.quotePath=true",
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        "--no-textconv",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "-U0",
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(start_line: u32, end_line: u32) -> Region {
        Region { start_line, start_column: 1, end_line, end_column: 2 }
    }

    #[test]
    fn a_region_meets_a_range_it_overlaps() {
        let lines = Lines::Ranges(vec![(3, 4), (10, 10)]);
        assert!(lines.meets(region(4, 4)));
        assert!(lines.meets(region(1, 3)));
        assert!(lines.meets(region(8, 12)));
        assert!(!lines.meets(region(5, 9)));
        assert!(!Lines::Ranges(Vec::new()).meets(region(1, 1)));
        assert!(Lines::All.meets(region(100, 100)));
    }
}
