//! Naming where a history finding came from: one finding per fingerprint (the first), the
//! introducing commit's id, author and date, and the repository's URI for SARIF.
//!
//! A secret that stays in a file through fifty edits is in fifty blobs, each scanned once; the
//! findings share a fingerprint (rule, secret, path: never the commit), and only the earliest
//! commit's is reported, as the one that leaked it. The same secret at another path stays a
//! separate finding, as it does in a directory scan.

use super::commits::Commit;
use crate::model::{CommitInfo, Finding};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Of the findings sharing a fingerprint, the one from the earliest commit (then the first in
/// the file), with that commit's walk position.
pub fn first_sightings(findings: impl Iterator<Item = (Finding, u32)>) -> Vec<(Finding, u32)> {
    let mut first: HashMap<String, (Finding, u32)> = HashMap::new();
    for (finding, commit) in findings {
        match first.entry(finding.fingerprint.clone()) {
            Entry::Vacant(slot) => {
                slot.insert((finding, commit));
            }
            Entry::Occupied(mut slot) => {
                let (kept, kept_commit) = slot.get();
                if (commit, finding.region) < (*kept_commit, kept.region) {
                    slot.insert((finding, commit));
                }
            }
        }
    }
    first.into_values().collect()
}

/// Give each finding its commit's id, author and date (each commit read once).
pub fn attach(repo: &gix::Repository, commits: &[Commit], findings: Vec<(Finding, u32)>) -> Result<Vec<Finding>> {
    let mut known: HashMap<u32, Box<CommitInfo>> = HashMap::new();
    let mut out = Vec::with_capacity(findings.len());
    for (mut finding, position) in findings {
        let info = match known.entry(position) {
            Entry::Occupied(e) => e.get().clone(),
            Entry::Vacant(e) => e.insert(Box::new(describe(repo, &commits[position as usize])?)).clone(),
        };
        finding.commit = Some(info);
        out.push(finding);
    }
    Ok(out)
}

fn describe(repo: &gix::Repository, commit: &Commit) -> Result<CommitInfo> {
    let found = repo.find_commit(commit.id).with_context(|| format!("cannot read commit {}", commit.id))?;
    let author = found.author().with_context(|| format!("commit {} has no readable author", commit.id))?;
    let date =
        author.time().ok().and_then(|t| t.format(gix::date::time::format::ISO8601_STRICT).ok()).unwrap_or_default();
    Ok(CommitInfo { id: commit.id.to_string(), author: author.name.to_string(), email: author.email.to_string(), date })
}

/// The `origin` remote's URL without any credentials in it, else the repository's directory as
/// a `file://` URI.
pub fn repository_uri(repo: &gix::Repository) -> String {
    let config = repo.config_snapshot();
    if let Some(url) = config.string("remote.origin.url") {
        return without_userinfo(&url.to_string());
    }
    let dir = repo.workdir().unwrap_or_else(|| repo.git_dir());
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    format!("file://{}", dir.display())
}

/// `https://user:token@host/x` → `https://host/x`: a token in a clone URL must not reach a report.
fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_leave_the_url() {
        assert_eq!(without_userinfo("https://x:ghp_abc@github.com/o/r.git"), "https://github.com/o/r.git");
        assert_eq!(without_userinfo("https://github.com/o/r@v1"), "https://github.com/o/r@v1");
        assert_eq!(without_userinfo("git@github.com:o/r.git"), "git@github.com:o/r.git");
    }
}
