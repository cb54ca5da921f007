//! The scan options that choose *what* of a git repository to scan instead of the work tree: its
//! history (`--history`, `--range`, `--since-commit`) or only what a change adds (`--since`,
//! `--whole-files`, `--staged --changed-lines`), and the glue from them to [`crate::history`]
//! and [`crate::changes`] (through [`crate::scan::run`]).

use crate::history::{HistoryOptions, RevRange};
use crate::scan::ChangeScope;
use anyhow::Result;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Default)]
pub(super) struct GitScopeArgs {
    /// Scan the git history of the repository at PATH (default `.`; a bare repository works):
    /// every blob reachable from any branch, tag or other reference, each distinct blob once,
    /// with the secret rules only. Each finding names the commit that introduced it.
    #[arg(long, conflicts_with_all = ["staged", "since"])]
    pub history: bool,

    /// With --history: only the commits `git log RANGE` would list (`A..B`, `A..` for
    /// `A..HEAD`, or one revision and its ancestors).
    #[arg(long, value_name = "RANGE", requires = "history", conflicts_with = "since_commit")]
    pub range: Option<String>,

    /// With --history: only the commits after REV, up to HEAD (the same as `--range REV..`).
    #[arg(long, value_name = "REV", requires = "history")]
    pub since_commit: Option<String>,

    /// Scan only the files changed between REV (the merge base of REV and HEAD) and the work
    /// tree, untracked files included, and report only findings on lines the change added or
    /// modified. For a pull request, REV is its base branch (see the README's recipes).
    #[arg(long, value_name = "REV", conflicts_with = "staged")]
    pub since: Option<String>,

    /// With --since: report every finding in a changed file, not only those on changed lines.
    #[arg(long, requires = "since")]
    pub whole_files: bool,

    /// With --staged: report only findings on lines the commit adds or modifies.
    #[arg(long, requires = "staged")]
    pub changed_lines: bool,
}

impl GitScopeArgs {
    /// The history to scan, when --history is given; `paths` are the positional paths.
    pub fn history_options(&self, paths: &[PathBuf]) -> Result<Option<HistoryOptions>> {
        if !self.history {
            return Ok(None);
        }
        let repository = match paths {
            [] => PathBuf::from("."),
            [one] => one.clone(),
            _ => anyhow::bail!("--history scans one repository: name at most one path"),
        };
        let spec = self.range.clone().or_else(|| self.since_commit.as_ref().map(|rev| format!("{rev}..HEAD")));
        let range = spec.as_deref().map(RevRange::parse).transpose()?;
        Ok(Some(HistoryOptions { repository, range, range_spec: spec }))
    }

    /// The repository's top directory of a bare or non-bare repository at `path`: the history
    /// scan's root.
    pub fn history_root(path: &Path) -> Result<PathBuf> {
        let repo =
            gix::discover(path).map_err(|e| anyhow::anyhow!("{} is not in a git repository: {e}", path.display()))?;
        Ok(repo.workdir().unwrap_or_else(|| repo.git_dir()).to_path_buf())
    }

    /// What of a change to report on, when --since is given (or --staged --changed-lines).
    pub fn changes(&self, staged: bool) -> Option<ChangeScope> {
        match (&self.since, staged && self.changed_lines) {
            (Some(rev), _) => Some(ChangeScope::Since { rev: rev.clone(), whole_files: self.whole_files }),
            (None, true) => Some(ChangeScope::Staged),
            (None, false) => None,
        }
    }
}
