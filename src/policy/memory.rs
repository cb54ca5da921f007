//! A memory ceiling for one policy evaluation: the last line of defence against a policy that
//! grows memory faster than the time limit ([`super::limits`]) can stop it (a string doubled in
//! a chain of helper functions reaches gigabytes in milliseconds).
//!
//! regorus has no per-evaluation memory budget short of replacing the whole allocator with its
//! own mimalloc build, so the binary installs [`CountingAllocator`]: mimalloc plus a per-thread
//! count of the bytes allocated and not yet freed while an evaluation is running
//! ([`Window`]). Outside a window it only reads one thread-local flag. An allocation cannot fail
//! gracefully in Rust (a null return aborts the process), so a breach ends the process on the
//! spot with exit 2 and a message naming the file and the rule being evaluated: fail closed,
//! with a reason, instead of the OOM killer's silent exit 137.
//!
//! The allocator underneath is mimalloc rather than the C library's: a scan allocates and frees
//! a little for each of thousands of files on every thread, and glibc's malloc, returning and
//! re-faulting memory, cost ~10% of a secrets-only scan (0.35 -> 0.31 s on the cargo registry,
//! 2 threads; 33 -> 27 ms for a pre-commit run) for ~75 MB more peak memory.

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// Net bytes one evaluation may allocate on its thread.
pub const EVALUATION_LIMIT: usize = 1024 * 1024 * 1024;

/// mimalloc, counting what evaluations allocate (see the module doc).
pub struct CountingAllocator;

/// What the running evaluation has allocated, and what to name if it breaches the limit. The
/// names are raw pointers because the allocator must not allocate to keep them; they point into
/// strings that outlive the window ([`Window::open`] borrows them).
#[derive(Clone, Copy)]
struct Open {
    net: isize,
    file: (*const u8, usize),
    rule: (*const u8, usize),
}

thread_local! {
    // `const` and free of destructors, so the allocator may touch it at any point of a
    // thread's life.
    static OPEN: Cell<Option<Open>> = const { Cell::new(None) };
}

/// An evaluation in progress on this thread; closes when dropped.
pub struct Window<'a> {
    _names: std::marker::PhantomData<&'a str>,
}

impl<'a> Window<'a> {
    /// Count this thread's allocations against [`EVALUATION_LIMIT`] until the window drops.
    pub fn open(file: &'a str, rule: &'a str) -> Window<'a> {
        let open = Open { net: 0, file: (file.as_ptr(), file.len()), rule: (rule.as_ptr(), rule.len()) };
        let _ = OPEN.try_with(|o| o.set(Some(open)));
        Window { _names: std::marker::PhantomData }
    }
}

impl Drop for Window<'_> {
    fn drop(&mut self) {
        let _ = OPEN.try_with(|o| o.set(None));
    }
}

/// Add `delta` bytes to the open window, if any; end the process if it passes the limit.
#[inline]
fn count(delta: isize) {
    let _ = OPEN.try_with(|o| {
        if let Some(mut open) = o.get() {
            open.net += delta;
            if open.net > EVALUATION_LIMIT as isize {
                o.set(None);
                breach(open);
            }
            o.set(Some(open));
        }
    });
}

/// Say what happened without allocating, then leave at once (no unwinding, no destructors:
/// the heap is in the middle of an allocation).
#[cold]
fn breach(open: Open) -> ! {
    let write = |bytes: &[u8]| {
        // SAFETY: writing a valid buffer to stderr.
        unsafe { libc::write(2, bytes.as_ptr().cast(), bytes.len()) };
    };
    // SAFETY: the window's names borrow strings alive for the whole window (see `Window::open`).
    let (file, rule) = unsafe {
        (std::slice::from_raw_parts(open.file.0, open.file.1), std::slice::from_raw_parts(open.rule.0, open.rule.1))
    };
    write(b"tollgate: error: ");
    write(file);
    write(b": policy evaluation (");
    write(rule);
    write(b") allocated more than 1 GiB; stopping the scan (exit 2)\n");
    // SAFETY: ends the process without running anything else.
    unsafe { libc::_exit(2) }
}

// SAFETY: every call is forwarded to `MiMalloc`; the counting touches only a thread-local cell.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { MiMalloc.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { MiMalloc.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        unsafe { MiMalloc.realloc(ptr, layout, new_size) }
    }
}
