//! The blobs each commit of a stretch of history brings, in walk order: the diff step of the
//! history walk ([`super::chunks`] runs it on consecutive chunks of commits, on several threads,
//! and merges the chunks in order).
//!
//! Commits come parents first ([`super::commits`]). Each commit's tree is compared with its
//! first parent's tree (the empty tree for a root commit): subtrees with the same id are skipped
//! whole, so a commit costs what it changed, not the size of its tree. A blob that is new at a
//! path is noted with that path and the commit, once per chunk; its content is never read here.
//! Merges bring nothing new unless they change something themselves: what they take from their
//! other parents was seen when those commits were.
//!
//! Memory is a tree id per commit of the chunk, one id per blob the chunk brings, and the trees
//! being compared.

use super::commits::Commit;
use anyhow::{Context, Result};
use gix::ObjectId;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A blob to read and scan: where and when it first appeared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobJob {
    pub blob: ObjectId,
    /// The display path (see [`crate::discover::display_rel_bytes`]).
    pub path: String,
    /// The introducing commit's position in the walk (parents first).
    pub commit: u32,
}

/// The first sightings of blobs in `commits[chunk]`, in walk order: each blob once, at the first
/// path `excluded` keeps (the same blob at an excluded path is not a sighting, so a later path
/// can still claim it, as in one walk of the whole history). Blobs seen before the chunk are
/// listed again; the merge drops them.
pub fn sightings(
    repo: &gix::Repository,
    commits: &[Commit],
    chunk: Range<usize>,
    excluded: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Vec<BlobJob>> {
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut found = Vec::new();
    // Each commit's tree, so a child finds its parent's without reading the parent again
    // (parents come first); a parent before the chunk (the chunk's first commit's, a merge's
    // first parent on a long branch) costs one commit read.
    let mut trees: HashMap<ObjectId, ObjectId> = HashMap::with_capacity(chunk.len());
    let mut path = Vec::new();
    for position in chunk {
        let commit = &commits[position];
        let tree = tree_of(repo, commit.id)?;
        trees.insert(commit.id, tree);
        let parent_tree = match commit.parents.first() {
            Some(p) => Some(match trees.get(p) {
                Some(t) => *t,
                None => tree_of(repo, *p)?,
            }),
            None => None,
        };
        let mut note = |blob: ObjectId, raw_path: &[u8]| {
            if seen.contains(&blob) {
                return;
            }
            let display = crate::discover::display_rel_bytes(raw_path);
            if excluded(&display) {
                return;
            }
            seen.insert(blob);
            found.push(BlobJob { blob, path: display, commit: position as u32 });
        };
        path.clear();
        diff(repo, parent_tree, tree, &mut path, &mut note)?;
    }
    Ok(found)
}

fn tree_of(repo: &gix::Repository, commit: ObjectId) -> Result<ObjectId> {
    let commit = repo.find_commit(commit).with_context(|| format!("cannot read commit {commit}"))?;
    Ok(commit.tree_id().with_context(|| format!("commit {} has no tree", commit.id))?.detach())
}

/// Call `note` for each blob in `new` that `old` does not have at the same path.
fn diff(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: ObjectId,
    path: &mut Vec<u8>,
    note: &mut dyn FnMut(ObjectId, &[u8]),
) -> Result<()> {
    if old == Some(new) {
        return Ok(());
    }
    let new_tree = repo.find_tree(new).with_context(|| format!("cannot read tree {new}"))?;
    let old_tree = match old {
        Some(id) => Some(repo.find_tree(id).with_context(|| format!("cannot read tree {id}"))?),
        None => None,
    };
    let old_data = old_tree.as_ref().map_or(&[][..], |t| &t.data[..]);
    let (old_rest, new_rest) = past_common_entries(old_data, &new_tree.data, new.kind().len_in_bytes());
    let decode = |data, id: ObjectId| {
        gix::objs::TreeRef::from_bytes(data, id.kind()).with_context(|| format!("cannot decode tree {id}"))
    };
    let old_entries = match old {
        Some(id) => decode(old_rest, id)?.entries,
        None => Vec::new(),
    };
    let entries = decode(new_rest, new)?.entries;
    let depth = path.len();
    // Both lists are in git's tree order: one merge pass pairs the entries of the same name
    // (and the same kind: a file that became a directory is a new directory).
    let mut old_iter = old_entries.iter().peekable();
    for entry in entries {
        while old_iter.next_if(|o| **o < entry).is_some() {}
        // `Ord`, not `==`: equality would also compare the ids.
        let before = old_iter.next_if(|o| o.cmp(&&entry).is_eq()).map(|o| (o.mode, o.oid));
        if before.is_some_and(|(_, oid)| oid == entry.oid) {
            continue;
        }
        path.truncate(depth);
        if depth > 0 {
            path.push(b'/');
        }
        path.extend_from_slice(entry.filename);
        if entry.mode.is_tree() {
            let old_sub = before.filter(|(mode, _)| mode.is_tree()).map(|(_, oid)| (*oid).to_owned());
            diff(repo, old_sub, entry.oid.to_owned(), path, note)?;
        } else if entry.mode.is_blob() {
            // Symlinks (a target path) and submodules (a commit elsewhere) have no content here.
            note(entry.oid.to_owned(), path);
        }
    }
    path.truncate(depth);
    Ok(())
}

/// Both trees' data past the entries they begin with in common, byte for byte (the same mode,
/// name and id). A commit changes a few entries of each tree it touches; the root tree of a
/// large project holds hundreds, and decoding them all, twice per commit, made the walk the
/// slowest step of a history scan. An entry is `<mode> <name>\0<id>`, so its end is the first
/// NUL plus the id's length.
fn past_common_entries<'a>(old: &'a [u8], new: &'a [u8], id_len: usize) -> (&'a [u8], &'a [u8]) {
    let entry_len = |data: &[u8]| memchr::memchr(0, data).map(|nul| nul + 1 + id_len).filter(|&n| n <= data.len());
    let (mut old, mut new) = (old, new);
    while let (Some(a), Some(b)) = (entry_len(old), entry_len(new)) {
        if old[..a] != new[..b] {
            break;
        }
        (old, new) = (&old[a..], &new[b..]);
    }
    (old, new)
}

#[cfg(test)]
mod tests {
    use super::past_common_entries;

    fn entry(mode: &str, name: &str, id: u8) -> Vec<u8> {
        let mut e = format!("{mode} {name}\0").into_bytes();
        e.extend([id; 20]);
        e
    }

    #[test]
    fn common_leading_entries_are_skipped_whole() {
        let (a, b, c) = (entry("100644", "a", 1), entry("40000", "b", 2), entry("100644", "c", 3));
        let old = [a.clone(), b.clone(), c.clone()].concat();
        // `b` changed its id: what follows `a` is left to decode, on both sides.
        let new = [a.clone(), entry("40000", "b", 9), c.clone()].concat();
        let (o, n) = past_common_entries(&old, &new, 20);
        assert_eq!((o, n), (&old[a.len()..], &new[a.len()..]));
        // An id byte that is NUL does not cut an entry short.
        let (x, y) = (entry("100644", "x", 0), entry("100644", "y", 0));
        let both = [x.clone(), y.clone()].concat();
        let (o, n) = past_common_entries(&both, &x, 20);
        assert_eq!((o, n), (&y[..], &[][..]));
        // Nothing in common, or one side empty.
        assert_eq!(past_common_entries(&old, &[], 20), (&old[..], &[][..]));
        let other = entry("100644", "z", 4);
        assert_eq!(past_common_entries(&old, &other, 20), (&old[..], &other[..]));
    }
}
