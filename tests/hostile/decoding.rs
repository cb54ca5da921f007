//! Base64 decoding on hostile input: nesting, blob counts and blob sizes must keep the work
//! linear in the file. Each case is a 4-5 MB file that would take minutes (or gigabytes) if
//! decoding were unbounded, and takes seconds in a debug build when it is bounded.

use super::*;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

const GITHUB: &str = "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";

/// A secret wrapped in base64 twenty-odd times (just under the longest blob decoded), on 60
/// lines (~4 MB): only `--max-decode-depth` levels of each are decoded, and the secret at the
/// bottom is not reached.
#[test]
fn deeply_nested_base64() {
    let mut blob = format!("token = {GITHUB}");
    while STANDARD.encode(&blob).len() < 60_000 {
        blob = STANDARD.encode(blob);
    }
    let text = format!("x = \"{blob}\"\n").repeat(60);
    let run = scan_tree(&[("nested.txt", text.into_bytes())], Budget::default());
    run.assert_within(Budget::default(), &[0]);
}

/// Hundreds of thousands of short blobs, each printable text holding a keyword: the per-file
/// cap on decodes bounds the scans.
#[test]
fn many_small_blobs() {
    let one = STANDARD.encode("password = hunter2hunter2 token");
    let text = format!("{one} ").repeat(4 << 20 >> 6);
    let run = scan_tree(&[("blobs.txt", text.into_bytes())], Budget::default());
    run.assert_within(Budget::default(), &[0, 1]);
}

/// One base64 run of 5 MB (an inlined image): too long to be a credential, skipped whole.
#[test]
fn one_huge_blob() {
    let bytes: Vec<u8> = (0..(3 << 20)).map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let text = format!("data:image/png;base64,{}\n", STANDARD.encode(bytes));
    let run = scan_tree(&[("inline.html", text.into_bytes())], Budget::default());
    run.assert_within(Budget::default(), &[0]);
}
