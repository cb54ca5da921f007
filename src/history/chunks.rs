//! The history walk on several threads: consecutive chunks of commits are diffed in parallel and
//! merged in order, so each blob is sent once, with the path and commit of its first sighting.
//!
//! One thread diffing every commit was the slowest step of a history scan: on git.git it was
//! busy most of a core (more than half of it inflating trees) while the readers waited for
//! blobs. The commits are already in walk order (parents first), so the walk splits into
//! consecutive chunks that need nothing from each other: each worker thread, with its own
//! repository handle and object cache, lists a chunk's first sightings ([`blobs::sightings`]),
//! and the merge takes the chunks in order against the set of blobs seen so far. The first
//! sighting of a blob in the whole walk is its first sighting in the first chunk that has it, so
//! the jobs sent (blob, path, commit) are the ones a single walk sends, in the same order.
//!
//! Memory stays bounded: workers run at most [`AHEAD`] chunks per worker ahead of the merge, and
//! a chunk's list is what its commits brought (a few thousand jobs on git.git). The jobs still
//! go through the bounded queue to the readers, so slow readers hold the merge back, and the
//! merge the workers. A blob a chunk lists that an earlier chunk had is dropped by the merge:
//! the chunks' lists hold about 1.5 times the distinct blobs on git.git (twice with chunks of
//! 256 commits).

use super::blobs::{self, BlobJob};
use super::commits::Commit;
use anyhow::{Result, anyhow};
use gix::ObjectId;
use std::collections::{BTreeMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::SyncSender;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Commits per chunk: enough that the commit read a chunk's first parent costs, and the trees
/// its cache starts without, are lost in the chunk's work; few enough that a chunk's list stays
/// small and the chunks balance over the workers.
const CHUNK: usize = 1024;

/// Chunks in flight (being diffed, or done and waiting for the merge) per worker: a chunk that
/// takes long (a huge commit) does not stall the other workers.
const AHEAD: usize = 4;

/// Smallest object cache a worker gets (the walk's cache is split between the workers).
const MIN_CACHE_BYTES: usize = 8 << 20;

/// Send every first sighting of a blob in `commits` to `sink`, in batches of [`super::BATCH`],
/// except at paths `excluded` leaves out (the same blob at another path is still sent) and those
/// at paths `owned` leaves to another shard (every shard makes the same first sightings, so each
/// is sent by exactly one), diffing on `workers` threads. Stops early (without error) when the
/// readers hang up.
pub fn walk(
    repo: &gix::Repository,
    commits: &[Commit],
    excluded: &(dyn Fn(&str) -> bool + Sync),
    owned: &dyn Fn(&str) -> bool,
    sink: SyncSender<Vec<BlobJob>>,
    workers: usize,
) -> Result<()> {
    let mut batch = Vec::with_capacity(super::BATCH);
    let walked = {
        let mut send = |job| {
            batch.push(job);
            batch.len() < super::BATCH
                || sink.send(std::mem::replace(&mut batch, Vec::with_capacity(super::BATCH))).is_ok()
        };
        walk_in_chunks(repo, commits, excluded, owned, &mut send, workers, CHUNK)
    };
    if !batch.is_empty() {
        // The readers may have hung up already: nothing is lost that they still wanted.
        let _ = sink.send(batch);
    }
    walked
}

/// [`walk`] with `send` for the queue and the chunk size as a parameter (tests force tiny ones).
fn walk_in_chunks(
    repo: &gix::Repository,
    commits: &[Commit],
    excluded: &(dyn Fn(&str) -> bool + Sync),
    owned: &dyn Fn(&str) -> bool,
    send: &mut dyn FnMut(BlobJob) -> bool,
    workers: usize,
    chunk: usize,
) -> Result<()> {
    let count = commits.len().div_ceil(chunk);
    if count == 0 {
        return Ok(());
    }
    let workers = workers.clamp(1, count);
    let window = Window::new(count, workers * AHEAD);
    let cache = (super::TREE_CACHE_BYTES / workers).max(MIN_CACHE_BYTES);
    std::thread::scope(|s| {
        for _ in 0..workers {
            // A `Repository` is not shared between threads, and a clone has its own caches.
            let repo = super::bounded(repo.clone(), cache);
            let window = &window;
            s.spawn(move || {
                while let Some(i) = window.take() {
                    let range = i * chunk..((i + 1) * chunk).min(commits.len());
                    // A panic becomes the chunk's error: the merge waits for every chunk in turn.
                    let found = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        blobs::sightings(&repo, commits, range, excluded)
                    }))
                    .unwrap_or_else(|_| Err(anyhow!("the history walk panicked")));
                    window.put(i, found);
                }
            });
        }
        let merged = merge(&window, owned, send);
        // Whether the merge finished, failed or was hung up on, the workers stop taking chunks.
        window.stop();
        merged
    })
}

/// Take the chunks in order and send each blob the first time it is listed; `Ok` also when
/// `send` refuses (the readers hung up).
fn merge(window: &Window, owned: &dyn Fn(&str) -> bool, send: &mut dyn FnMut(BlobJob) -> bool) -> Result<()> {
    let mut seen: HashSet<ObjectId> = HashSet::new();
    for i in 0..window.count {
        for job in window.result(i)? {
            // A chunk lists only blobs at paths the filter keeps: the first listing is the one
            // a single walk would have sent.
            if !seen.insert(job.blob) || !owned(&job.path) {
                continue;
            }
            if !send(job) {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// The chunks handed out to workers and those done, waiting to be merged in order.
struct Window {
    state: Mutex<State>,
    /// Signalled when a chunk is done (the merge waits for the next one in order).
    done: Condvar,
    /// Signalled when the merge takes a chunk or stops (workers wait for room to run ahead).
    room: Condvar,
    /// Chunks in the walk.
    count: usize,
    /// Chunks handed out beyond those merged, at most.
    ahead: usize,
}

struct State {
    /// The next chunk to hand out.
    next: usize,
    /// Chunks the merge has taken.
    merged: usize,
    finished: BTreeMap<usize, Result<Vec<BlobJob>>>,
    stopped: bool,
}

impl Window {
    fn new(count: usize, ahead: usize) -> Window {
        let state = State { next: 0, merged: 0, finished: BTreeMap::new(), stopped: false };
        Window { state: Mutex::new(state), done: Condvar::new(), room: Condvar::new(), count, ahead }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding the lock; a poisoned one is still consistent.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next chunk to diff, once there is room for it; `None` when none is left or the
    /// merge stopped.
    fn take(&self) -> Option<usize> {
        let mut state = self.lock();
        loop {
            if state.stopped || state.next >= self.count {
                return None;
            }
            if state.next < state.merged + self.ahead {
                state.next += 1;
                return Some(state.next - 1);
            }
            state = self.room.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn put(&self, chunk: usize, found: Result<Vec<BlobJob>>) {
        self.lock().finished.insert(chunk, found);
        self.done.notify_one();
    }

    /// Chunk `chunk`'s list, waiting until it is done; chunks are taken in order.
    fn result(&self, chunk: usize) -> Result<Vec<BlobJob>> {
        let mut state = self.lock();
        loop {
            if let Some(found) = state.finished.remove(&chunk) {
                state.merged = chunk + 1;
                self.room.notify_all();
                return found;
            }
            state = self.done.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn stop(&self) {
        self.lock().stopped = true;
        self.room.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::process::Command;

    /// Run git in `dir` with a fixed identity and, if given, a fixed date.
    fn git_at(dir: &Path, args: &[&str], date: Option<&str>) -> String {
        let mut command = Command::new("git");
        command
            .current_dir(dir)
            .args(args)
            .env("GIT_AUTHOR_NAME", "Ada Lovelace")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_COMMITTER_NAME", "Ada Lovelace")
            .env("GIT_COMMITTER_EMAIL", "ada@example.com")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir);
        if let Some(date) = date {
            command.env("GIT_AUTHOR_DATE", date).env("GIT_COMMITTER_DATE", date);
        }
        let out = command.output().expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn git(dir: &Path, args: &[&str]) -> String {
        git_at(dir, args, None)
    }

    /// Commit `files` (an empty text deletes the file) at `date` (seconds), on the current branch.
    fn commit(dir: &Path, files: &[(&str, &str)], date: u32) {
        for (path, text) in files {
            let file = dir.join(path);
            if text.is_empty() {
                std::fs::remove_file(file).unwrap();
            } else {
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(file, text).unwrap();
            }
        }
        git(dir, &["add", "-A"]);
        let when = format!("@{} +0000", 1_700_000_000 + date);
        git_at(dir, &["commit", "-q", "--allow-empty", "-m", "c"], Some(&when));
    }

    /// A history whose blobs recur across commits far apart: the same text first at an excluded
    /// path, then at `a.txt`, then at `b/c.txt` and back after a deletion; a branch merged
    /// back brings what it added; a file that becomes a directory.
    fn history() -> tempfile::TempDir {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path();
        git(root, &["init", "-q", "-b", "main"]);
        commit(root, &[("vendor/x.txt", "same\n"), ("keep.txt", "k0\n")], 0);
        commit(root, &[("a.txt", "same\n")], 1);
        commit(root, &[("b/c.txt", "same\n"), ("keep.txt", "k1\n")], 2);
        commit(root, &[("a.txt", "")], 3);
        git(root, &["checkout", "-q", "-b", "side"]);
        commit(root, &[("side.txt", "side\n"), ("keep.txt", "k0\n")], 4);
        commit(root, &[("s/new.txt", "new\n")], 5);
        git(root, &["checkout", "-q", "main"]);
        commit(root, &[("a.txt", "same\n"), ("main.txt", "side\n"), ("d", "file\n")], 6);
        commit(root, &[("d", ""), ("d/e.txt", "file\n")], 7);
        git(root, &["merge", "-q", "--no-edit", "side"]);
        commit(root, &[("z.txt", "k1\n"), ("b/c.txt", "")], 9);
        dir
    }

    fn jobs(repo: &gix::Repository, commits: &[Commit], workers: usize, chunk: usize) -> Vec<BlobJob> {
        let excluded = |p: &str| p.starts_with("vendor/");
        let mut sent = Vec::new();
        walk_in_chunks(
            repo,
            commits,
            &excluded,
            &|_| true,
            &mut |job| {
                sent.push(job);
                true
            },
            workers,
            chunk,
        )
        .unwrap();
        sent
    }

    #[test]
    fn chunks_merged_in_order_send_what_one_walk_sends() {
        let dir = history();
        let repo = gix::discover(dir.path()).unwrap();
        let commits = super::super::commits::select(&repo, None).unwrap();
        assert!(commits.len() >= 9);
        // One chunk is the single walk of the whole history.
        let whole = jobs(&repo, &commits, 1, usize::MAX);
        let at = |path: &str| whole.iter().find(|j| j.path == path).map(|j| j.commit);
        // "same" is first kept at a.txt in commit 1 (vendor/ is excluded): not at b/c.txt later.
        assert_eq!(at("a.txt"), Some(1));
        assert_eq!(at("b/c.txt"), None);
        assert_eq!(at("vendor/x.txt"), None);
        let blobs: HashSet<ObjectId> = whole.iter().map(|j| j.blob).collect();
        assert_eq!(blobs.len(), whole.len(), "each blob once");
        for chunk in [1, 2, 3, 5] {
            for workers in [1, 2, 4] {
                assert_eq!(jobs(&repo, &commits, workers, chunk), whole, "chunks of {chunk} on {workers} workers");
            }
        }
    }

    #[test]
    fn a_hang_up_stops_the_walk_and_an_empty_history_sends_nothing() {
        let dir = history();
        let repo = gix::discover(dir.path()).unwrap();
        let commits = super::super::commits::select(&repo, None).unwrap();
        let mut sent = 0;
        let stop_after_two = &mut |_: BlobJob| {
            sent += 1;
            sent < 2
        };
        walk_in_chunks(&repo, &commits, &|_| false, &|_| true, stop_after_two, 2, 1).unwrap();
        assert_eq!(sent, 2);
        let mut none = |_: BlobJob| -> bool { panic!("nothing to send") };
        walk_in_chunks(&repo, &[], &|_| false, &|_| true, &mut none, 2, 1).unwrap();
    }
}
