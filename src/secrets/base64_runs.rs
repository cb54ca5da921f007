//! Where base64 blobs may be in a text: maximal runs of base64 characters long enough to decode.
//!
//! Every scanned byte passes through here (the decoding of [`super::decode`] starts from these
//! runs), so the search works on bit masks, 64 bytes at a time: one mask of which bytes are in
//! either base64 alphabet (SSE2 compares on x86-64, a table elsewhere), then a few shifts and
//! ANDs that say whether a run of [`MIN_RUN`] such bytes ends in those 64. Source code is full
//! of short runs (identifiers, numbers) and they cost nothing more than the mask; only a long
//! run is measured byte by byte. A byte-at-a-time search cost as much as the keyword prefilter.

/// What a byte is to base64: [`BASE64`] if it is in either alphabet, and which kind.
pub const BASE64: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
const STANDARD_ONLY: u8 = 8;
const URL_SAFE_ONLY: u8 = 16;
pub const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c.is_ascii_uppercase() {
            BASE64 | UPPER
        } else if c.is_ascii_lowercase() {
            BASE64 | LOWER
        } else if c.is_ascii_digit() {
            BASE64
        } else if c == b'+' || c == b'/' {
            BASE64 | STANDARD_ONLY
        } else if c == b'-' || c == b'_' {
            BASE64 | URL_SAFE_ONLY
        } else {
            0
        };
        b += 1;
    }
    class
};

/// Shortest run reported (15 bytes of text; shorter runs are mostly identifiers).
pub const MIN_RUN: usize = 20;

pub fn is_base64(b: u8) -> bool {
    CLASS[b as usize] & BASE64 != 0
}

/// The spans of `text` that may be base64 blobs: maximal runs of base64 characters (with up to
/// two `=` of padding) of `MIN_RUN..=max` bytes, mixing upper and lower case, and not mixing the
/// standard (`+/`) and URL-safe (`-_`) alphabets.
pub fn runs(text: &[u8], max: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    // The mask of the 64 bytes before `at` (0 after a run: the byte ending it breaks any run).
    let mut before = 0u64;
    std::iter::from_fn(move || {
        while at < text.len() {
            let mask = base64_mask(&text[at..]);
            let long = long_run_ends(before, mask);
            if long == 0 {
                before = mask;
                at += 64;
                continue;
            }
            // The first run of MIN_RUN ends here, so it starts MIN_RUN - 1 bytes back: the byte
            // before that is not base64, or the run would have been seen ending a byte earlier
            // (in this block or the last: after a run, the block starts on the byte ending it).
            let start = at + long.trailing_zeros() as usize + 1 - MIN_RUN;
            // Measure the run and learn its kinds of byte in one pass.
            let mut kinds = 0;
            let mut end = start;
            while let Some(&b) = text.get(end) {
                let class = CLASS[b as usize];
                if class & BASE64 == 0 {
                    break;
                }
                kinds |= class;
                end += 1;
            }
            at = end;
            before = 0;
            if end - start > max {
                continue;
            }
            let mixes_case = kinds & (UPPER | LOWER) == UPPER | LOWER;
            let one_alphabet = kinds & (STANDARD_ONLY | URL_SAFE_ONLY) != STANDARD_ONLY | URL_SAFE_ONLY;
            if mixes_case && one_alphabet {
                end += text[end..].iter().take(2).take_while(|&&b| b == b'=').count();
                return Some((start, end));
            }
        }
        None
    })
}

/// Bit `j` set where a run of at least [`MIN_RUN`] base64 bytes ends at byte `j` of `mask`'s 64
/// (`before` holds the 64 bytes before them, for runs that started there).
fn long_run_ends(before: u64, mask: u64) -> u64 {
    let w = (u128::from(mask) << 64) | u128::from(before);
    // `run_k` has bit j set where bytes j-k+1..=j are all base64.
    let run_2 = w & (w << 1);
    let run_4 = run_2 & (run_2 << 2);
    let run_8 = run_4 & (run_4 << 4);
    let run_16 = run_8 & (run_8 << 8);
    let run_20 = run_16 & (run_4 << 16);
    const _: () = assert!(MIN_RUN == 20, "long_run_ends is written for runs of 20");
    (run_20 >> 64) as u64
}

/// Bit `j` set where byte `j` of `text` (its first 64 bytes) is in either base64 alphabet.
fn base64_mask(text: &[u8]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    if text.len() >= 64 {
        return sse2::mask64(text[..64].try_into().expect("64 bytes"));
    }
    text.iter().take(64).enumerate().fold(0, |mask, (j, &b)| mask | (u64::from(is_base64(b)) << j))
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    /// The base64 mask of 64 bytes, 16 at a time. SSE2 is part of every x86-64 CPU.
    pub fn mask64(bytes: &[u8; 64]) -> u64 {
        (0..4).fold(0, |mask, i| {
            let chunk: &[u8; 16] = bytes[i * 16..i * 16 + 16].try_into().expect("16 bytes");
            mask | (u64::from(mask16(chunk)) << (i * 16))
        })
    }

    fn mask16(chunk: &[u8; 16]) -> u16 {
        // SAFETY: SSE2 is in the x86-64 baseline, and the load reads exactly the 16 bytes of
        // `chunk` (unaligned loads are allowed).
        unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            // Signed compares: bytes of 0x80 and above are negative and fall outside every range.
            let within = |lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(v, _mm_set1_epi8((lo - 1) as i8)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8((hi + 1) as i8)),
                )
            };
            let is = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let letters_digits = _mm_or_si128(_mm_or_si128(within(b'A', b'Z'), within(b'a', b'z')), within(b'0', b'9'));
            let symbols = _mm_or_si128(_mm_or_si128(is(b'+'), is(b'/')), _mm_or_si128(is(b'-'), is(b'_')));
            _mm_movemask_epi8(_mm_or_si128(letters_digits, symbols)) as u16
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, a byte at a time.
    fn reference(text: &[u8], max: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            if !is_base64(text[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < text.len() && is_base64(text[i]) {
                i += 1;
            }
            let run = &text[start..i];
            let kinds = run.iter().fold(0, |k, &b| k | CLASS[b as usize]);
            let ok = (MIN_RUN..=max).contains(&run.len())
                && kinds & (UPPER | LOWER) == UPPER | LOWER
                && kinds & (STANDARD_ONLY | URL_SAFE_ONLY) != STANDARD_ONLY | URL_SAFE_ONLY;
            if ok {
                let pad = text[i..].iter().take(2).take_while(|&&b| b == b'=').count();
                out.push((start, i + pad));
            }
        }
        out
    }

    #[test]
    fn the_mask_search_finds_what_a_byte_walk_finds() {
        // Runs of every length around MIN_RUN, at every offset around the 64-byte blocks, in
        // texts made of a few kinds of byte (xorshift, so the test is the same every run).
        let alphabet = b"aB3+/-_= \n\xc3\x80.:";
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for case in 0..4000 {
            let len = 1 + case % 300;
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    // Mostly letters and digits, so long runs are common.
                    let pick = (state % 40) as usize;
                    if pick < 30 { alphabet[pick % 3] } else { alphabet[pick % alphabet.len()] }
                })
                .collect();
            for max in [MIN_RUN, 40, 4096] {
                assert_eq!(
                    runs(&text, max).collect::<Vec<_>>(),
                    reference(&text, max),
                    "{:?}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }

    #[test]
    fn sse2_and_table_masks_agree_on_every_byte() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for block in bytes.chunks(64) {
            let table = block.iter().enumerate().fold(0u64, |m, (j, &b)| m | (u64::from(is_base64(b)) << j));
            assert_eq!(base64_mask(block), table);
        }
    }

    #[test]
    fn a_run_is_long_enough_at_exactly_min_run() {
        let short = format!("x {} y", "aB".repeat(MIN_RUN / 2).split_at(MIN_RUN - 1).0);
        assert_eq!(runs(short.as_bytes(), 4096).count(), 0);
        let exact = format!("x {} y", "aB".repeat(MIN_RUN / 2));
        assert_eq!(runs(exact.as_bytes(), 4096).collect::<Vec<_>>(), vec![(2, 2 + MIN_RUN)]);
    }
}
