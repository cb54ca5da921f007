//! Hostile input: files and environments built to make a scanner hang, run out of memory, crash,
//! print a secret or send a token where it does not belong.
//!
//! Every case is generated here (nothing large is committed) and run through the real binary
//! under a [`Budget`]: a wall-clock limit that kills a hung process and a peak-RSS ceiling read
//! from the kernel when it exits. The budgets are far above what linear work needs even in a
//! debug build and far below what the quadratic or unbounded behaviour they guard against takes,
//! so they catch hangs and blow-ups, not ordinary slowness. One module per area.

#[path = "../common/mod.rs"]
mod common;
mod support;

pub use support::*;
mod decoding;
mod files;
mod lines;
mod parsers;
mod policies;
mod redaction;
mod upload;
