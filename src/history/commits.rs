//! Which commits a history scan reads, in the order that decides who introduced a blob.
//!
//! The selection is every commit reachable from any reference (branches, tags, remotes, notes,
//! stash, and `HEAD` when detached), or a range: `A..B` is what `git log A..B` lists (reachable
//! from `B`, not from `A`), `A..` is `A..HEAD`, and a single revision is everything reachable
//! from it. Tags are peeled; a tag of a tree or a blob names no commit and is left out.
//!
//! The order is topological with parents first (Kahn's algorithm over the selected commits),
//! ties broken by commit time and then id, so it is the same on every run and every machine.
//! Walking parents before children is what lets the blob reader attribute each blob to the
//! *first* commit that has it at a path. Only ids and parent ids are kept: ~60 bytes a commit,
//! a few MB even for a history of a hundred thousand commits.

use anyhow::{Context, Result, bail};
use gix::ObjectId;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// A revision range, as `scan --history --range` or `--since-commit` give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevRange {
    /// Commits reachable from here are scanned...
    pub tip: String,
    /// ...unless they are also reachable from here.
    pub exclude: Option<String>,
}

impl RevRange {
    /// `A..B`, `A..` (up to `HEAD`), `..B` (from `HEAD`) or a single revision.
    pub fn parse(spec: &str) -> Result<RevRange> {
        if spec.contains("...") {
            bail!("`{spec}`: a symmetric range (A...B) is not supported; use A..B");
        }
        let nonempty = |s: &str| if s.is_empty() { "HEAD".to_string() } else { s.to_string() };
        Ok(match spec.split_once("..") {
            Some((from, to)) => RevRange { tip: nonempty(to), exclude: Some(nonempty(from)) },
            None if spec.is_empty() => bail!("an empty revision range"),
            None => RevRange { tip: spec.to_string(), exclude: None },
        })
    }
}

/// One selected commit and its parents (which may lie outside the selection).
pub struct Commit {
    pub id: ObjectId,
    pub parents: Vec<ObjectId>,
    /// Is the first parent among the selected commits? Not for a root commit, nor for the first
    /// commits of a range (their parent is where the range starts).
    pub first_parent_selected: bool,
}

/// The selected commits, parents before children.
pub fn select(repo: &gix::Repository, range: Option<&RevRange>) -> Result<Vec<Commit>> {
    let (tips, hidden): (Vec<ObjectId>, Vec<ObjectId>) = match range {
        Some(r) => (vec![resolve(repo, &r.tip)?], r.exclude.iter().map(|x| resolve(repo, x)).collect::<Result<_>>()?),
        None => (reference_tips(repo)?, Vec::new()),
    };
    if tips.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let walk = repo.rev_walk(tips).with_hidden(hidden).all().context("cannot walk the history")?;
    for info in walk {
        let info = info.context("cannot read a commit while walking the history")?;
        found.push((
            info.commit_time.unwrap_or(0),
            Commit { id: info.id, parents: info.parent_ids.to_vec(), first_parent_selected: false },
        ));
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    Ok(topological(found))
}

/// The commit `spec` names (a tag is peeled to its commit).
fn resolve(repo: &gix::Repository, spec: &str) -> Result<ObjectId> {
    let id = repo.rev_parse_single(spec).with_context(|| format!("cannot resolve revision `{spec}`"))?;
    let commit = id.object()?.peel_to_commit().with_context(|| format!("`{spec}` does not name a commit"))?;
    Ok(commit.id)
}

/// The commit behind every reference and `HEAD`, without duplicates.
fn reference_tips(repo: &gix::Repository) -> Result<Vec<ObjectId>> {
    let mut tips = Vec::new();
    if let Ok(head) = repo.head_id() {
        tips.push(head.detach());
    }
    let refs = repo.references().context("cannot list references")?;
    for reference in refs.all().context("cannot list references")? {
        let Ok(mut reference) = reference else { continue };
        let Ok(id) = reference.peel_to_id() else { continue };
        // A tag may name a tree or a blob (git's own history tags a public key).
        if let Ok(commit) = id.object().and_then(|o| o.peel_to_commit()) {
            tips.push(commit.id);
        }
    }
    tips.sort();
    tips.dedup();
    Ok(tips)
}

/// Kahn's algorithm: a commit comes out once every selected parent has; among the ready ones,
/// the oldest (then the smallest id) first.
fn topological(found: Vec<(i64, Commit)>) -> Vec<Commit> {
    let index: HashMap<ObjectId, usize> = found.iter().enumerate().map(|(i, (_, c))| (c.id, i)).collect();
    let mut waiting = vec![0usize; found.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); found.len()];
    for (i, (_, c)) in found.iter().enumerate() {
        for p in &c.parents {
            if let Some(&pi) = index.get(p) {
                waiting[i] += 1;
                children[pi].push(i);
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<(i64, ObjectId, usize)>> = waiting
        .iter()
        .enumerate()
        .filter(|&(_, &w)| w == 0)
        .map(|(i, _)| Reverse((found[i].0, found[i].1.id, i)))
        .collect();
    let mut order = Vec::with_capacity(found.len());
    while let Some(Reverse((_, _, i))) = ready.pop() {
        order.push(i);
        for &child in &children[i] {
            waiting[child] -= 1;
            if waiting[child] == 0 {
                ready.push(Reverse((found[child].0, found[child].1.id, child)));
            }
        }
    }
    let mut slots: Vec<Option<Commit>> = found
        .into_iter()
        .map(|(_, mut c)| {
            c.first_parent_selected = c.parents.first().is_some_and(|p| index.contains_key(p));
            Some(c)
        })
        .collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_like_git_log() {
        let r = RevRange::parse("v1..main").unwrap();
        assert_eq!((r.tip.as_str(), r.exclude.as_deref()), ("main", Some("v1")));
        assert_eq!(RevRange::parse("v1..").unwrap().tip, "HEAD");
        assert_eq!(RevRange::parse("main").unwrap().exclude, None);
        assert!(RevRange::parse("a...b").is_err());
    }

    #[test]
    fn parents_come_before_children_whatever_the_clock_says() {
        let id = |n: u8| ObjectId::from_bytes_or_panic(&[n; 20]);
        // 2 is a child of 1 but its clock ran behind; 3 merges 1 and 2.
        let found = vec![
            (30, Commit { id: id(3), parents: vec![id(1), id(2)], first_parent_selected: false }),
            (5, Commit { id: id(2), parents: vec![id(1)], first_parent_selected: false }),
            (10, Commit { id: id(1), parents: vec![], first_parent_selected: false }),
        ];
        let order: Vec<ObjectId> = topological(found).into_iter().map(|c| c.id).collect();
        assert_eq!(order, vec![id(1), id(2), id(3)]);
    }
}
