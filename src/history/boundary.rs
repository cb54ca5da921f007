//! A range scan reports what its commits brought, not what they inherited.
//!
//! The blob reader sends whole blobs: when the first commit of a range edits a file, the new blob
//! also holds every line the file had before the range, and a secret on one of those lines would
//! be reported as if the range had added it. Inside the selection, fingerprint deduplication
//! already credits the earlier commit; only at the range's edge (a commit whose first parent is
//! not selected) is the earlier state unread. So for each finding introduced at the edge, the
//! same path is scanned in that parent's tree, and the finding is dropped when the parent's
//! version has the same fingerprint. Few findings sit at an edge, and each (parent, path) is
//! scanned once.

use super::commits::Commit;
use crate::analyse::Engines;
use crate::model::Finding;
use crate::scan::files::{self as scan, Outcome, ScanOptions};
use anyhow::{Context, Result};
use gix::ObjectId;
use std::collections::{HashMap, HashSet};

/// `findings` without those whose secret was already at the same path before the range.
pub fn drop_inherited(
    repo: &gix::Repository,
    commits: &[Commit],
    findings: Vec<(Finding, u32)>,
    engines: &Engines,
    opts: &ScanOptions,
) -> Result<Vec<(Finding, u32)>> {
    let mut before: HashMap<(ObjectId, String), HashSet<String>> = HashMap::new();
    let mut scratch = engines.scratch();
    let mut kept = Vec::with_capacity(findings.len());
    for (finding, position) in findings {
        let commit = &commits[position as usize];
        let Some(parent) = commit.parents.first().filter(|_| !commit.first_parent_selected) else {
            kept.push((finding, position));
            continue;
        };
        let key = (*parent, finding.path.clone());
        if !before.contains_key(&key) {
            let fingerprints = fingerprints_at(repo, *parent, &finding.path, engines, &mut scratch, opts)?;
            before.insert(key.clone(), fingerprints);
        }
        if !before[&key].contains(&finding.fingerprint) {
            kept.push((finding, position));
        }
    }
    Ok(kept)
}

/// The fingerprints of the secret findings in `path` as it is in `commit` (none if absent).
fn fingerprints_at(
    repo: &gix::Repository,
    commit: ObjectId,
    path: &str,
    engines: &Engines,
    scratch: &mut crate::analyse::Scratch,
    opts: &ScanOptions,
) -> Result<HashSet<String>> {
    let tree = repo.find_commit(commit)?.tree().with_context(|| format!("cannot read the tree of {commit}"))?;
    let Some(entry) = tree.lookup_entry(path.split('/').map(str::as_bytes))? else {
        return Ok(HashSet::new());
    };
    if !entry.mode().is_blob() {
        return Ok(HashSet::new());
    }
    let blob = repo.find_blob(entry.object_id())?;
    Ok(match scan::analyse_bytes(path, None, &blob.data, engines, scratch, opts) {
        Outcome::Scanned { analysis, .. } => analysis.findings.into_iter().map(|f| f.fingerprint).collect(),
        _ => HashSet::new(),
    })
}
