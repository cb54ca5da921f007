//! Keeps the pages of pack files a history scan has mapped within a budget.
//!
//! gix maps each pack file whole, and a history scan reads every blob once, so by its end every
//! page of the repository's packs is resident in the process: on git.git, 500 MB of pack beside
//! 200 MB of heap. Those pages are clean copies of files the kernel may reclaim, but until it
//! does they count against the process's resident memory and a container's memory limit. Like
//! git's `core.packedGitLimit`, the scan bounds them: a watcher reads the process's file-backed
//! resident size (`RssFile` in `/proc/self/status`) a few times a second and, when it is over the
//! budget, tells the kernel that the pages of the read-only pack and index mappings are not
//! needed (`madvise(MADV_DONTNEED)`). The pages stay in the page cache: a blob read after that
//! maps them again with a minor fault, and reads the same bytes.
//!
//! Linux only; elsewhere the watcher does nothing.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// File-backed resident memory the scan may keep before it drops its pack mappings' pages.
pub const BUDGET_BYTES: u64 = 128 << 20;

/// How often the watcher looks.
const PERIOD: Duration = Duration::from_millis(200);

/// Watch until `stop` is sent to or hung up, dropping the pack mappings' pages whenever the
/// process's file-backed resident memory exceeds `budget` bytes.
pub fn watch(stop: &Receiver<()>, budget: u64) {
    loop {
        match stop.recv_timeout(PERIOD) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
        }
        if resident_file_bytes().is_some_and(|bytes| bytes > budget) {
            release_pack_pages();
        }
    }
}

/// `RssFile` of this process, in bytes.
#[cfg(target_os = "linux")]
fn resident_file_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    kib_field(status.lines(), "RssFile:").map(|kib| kib * 1024)
}

/// The value of the first `name  N kB` line of a /proc file (`status`, `smaps`).
#[cfg(target_os = "linux")]
fn kib_field<'a>(mut lines: impl Iterator<Item = &'a str>, name: &str) -> Option<u64> {
    lines.find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(not(target_os = "linux"))]
fn resident_file_bytes() -> Option<u64> {
    None
}

/// Drop the resident pages of every read-only mapping of a pack or pack index.
#[cfg(target_os = "linux")]
fn release_pack_pages() {
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else { return };
    for (start, end) in maps.lines().filter_map(pack_mapping) {
        // SAFETY: the range is a whole mapping the kernel listed, page-aligned. It maps a pack
        // file read-only and is never written, so its pages are clean copies of the file:
        // dropping them changes no byte any reader sees; the next read faults the same bytes
        // back from the page cache. A mapping unmapped since the listing makes the call fail
        // with ENOMEM, which is ignored.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn release_pack_pages() {}

/// The address range of a `/proc/self/maps` line if it maps a pack or pack index read-only.
fn pack_mapping(line: &str) -> Option<(usize, usize)> {
    let mut fields = line.split_whitespace();
    let range = fields.next()?;
    let perms = fields.next()?;
    // The path is the rest of the line from its first `/` (no field before it has one; the
    // path may hold spaces).
    let path = &line[line.find('/')?..];
    let in_pack_dir = path.contains("/objects/pack/pack-") && (path.ends_with(".pack") || path.ends_with(".idx"));
    if !in_pack_dir || perms.contains('w') {
        return None;
    }
    let (start, end) = range.split_once('-')?;
    Some((usize::from_str_radix(start, 16).ok()?, usize::from_str_radix(end, 16).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_read_only_pack_and_index_mappings_are_released() {
        let pack = "7f0000000000-7f0000400000 r--s 00000000 fd:01 123 /r/.git/objects/pack/pack-ab12.pack";
        assert_eq!(pack_mapping(pack), Some((0x7f00_0000_0000, 0x7f00_0040_0000)));
        let index = "7f0000400000-7f0000401000 r--p 00000000 fd:01 124 /r/objects/pack/pack-ab12.idx";
        assert_eq!(pack_mapping(index), Some((0x7f00_0040_0000, 0x7f00_0040_1000)));
        let writable = "7f0000000000-7f0000400000 rw-s 00000000 fd:01 123 /r/.git/objects/pack/pack-ab12.pack";
        assert_eq!(pack_mapping(writable), None);
        let binary = "55d000000000-55d000100000 r-xp 00000000 fd:01 9 /usr/bin/tollgate";
        assert_eq!(pack_mapping(binary), None);
        let spaced = "7f0000000000-7f0000400000 r--s 00000000 fd:01 123 /my repo/.git/objects/pack/pack-ab12.pack";
        assert_eq!(pack_mapping(spaced), Some((0x7f00_0000_0000, 0x7f00_0040_0000)));
        let anonymous = "7f0000000000-7f0000400000 rw-p 00000000 00:00 0";
        assert_eq!(pack_mapping(anonymous), None);
    }

    /// A pack mapped as gix maps it (read-only, shared) loses its resident pages on release and
    /// reads the same bytes after.
    #[cfg(target_os = "linux")]
    #[test]
    fn released_pages_read_back_the_same_bytes() {
        use std::os::fd::AsRawFd;
        let dir = tempfile::tempdir().unwrap();
        let pack_dir = dir.path().join("objects/pack");
        std::fs::create_dir_all(&pack_dir).unwrap();
        let path = pack_dir.join("pack-0123.pack");
        let len = 4 << 20;
        let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        // SAFETY: a fresh read-only mapping of a file of `len` bytes, unmapped below; the slice
        // does not outlive it.
        unsafe {
            let at = libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_SHARED, file.as_raw_fd(), 0);
            assert_ne!(at, libc::MAP_FAILED);
            let mapped = std::slice::from_raw_parts(at as *const u8, len);
            assert_eq!(mapped, &bytes[..], "read through the mapping: every page resident");
            assert!(mapping_rss_kib(at as usize) >= 4096 - 64, "resident before the release");
            release_pack_pages();
            assert_eq!(mapping_rss_kib(at as usize), 0, "released");
            assert_eq!(mapped, &bytes[..], "the same bytes after the release");
            libc::munmap(at, len);
        }
    }

    /// `Rss` of the mapping that starts at `start`, from `/proc/self/smaps`, in KiB.
    #[cfg(target_os = "linux")]
    fn mapping_rss_kib(start: usize) -> u64 {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let header = format!("{start:x}-");
        kib_field(smaps.lines().skip_while(|l| !l.starts_with(&header)), "Rss:").expect("the mapping is listed")
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_process_file_backed_size_is_read() {
        // The test binary itself is a file-backed mapping, so the size is never zero.
        assert!(resident_file_bytes().is_some_and(|bytes| bytes > 0));
    }
}
