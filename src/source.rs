//! A file's bytes plus a lazily built line index that turns byte offsets into 1-based
//! line/column positions and back, and the clipping that turns part of a line into display text.
//!
//! The scan hot loop works on raw bytes and never needs lines; only files that produce findings
//! pay for the index. Columns count code points, so a column is not a byte distance once a line
//! holds multi-byte characters. Counting them from the line start on every lookup makes a
//! minified file (one line of megabytes, thousands of findings or nodes on it) quadratic, so
//! the index also keeps a running code-point count every [`STRIDE`] bytes: a lookup counts at
//! most one stride by hand. An ASCII file (the common case) needs no checkpoints at all.

use crate::model::Region;
use std::ops::Range;

/// Bytes between code-point checkpoints: a lookup scans at most this many bytes, and the
/// checkpoints cost 8 bytes per stride (3% of a non-ASCII file).
const STRIDE: usize = 256;

/// Byte offsets of line starts, and code-point checkpoints, built once per file that needs
/// positions.
pub struct LineIndex {
    starts: Vec<usize>,
    /// `checkpoints[k]` is the number of code points in `text[..k * STRIDE]`; empty when the
    /// text is ASCII, where a code point is a byte.
    checkpoints: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &[u8]) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            let mut seen = 0;
            let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
            checkpoints.push(0);
            for chunk in text.chunks(STRIDE) {
                seen += count_code_points(chunk);
                checkpoints.push(seen);
            }
            checkpoints
        };
        LineIndex { starts, checkpoints, len: text.len() }
    }

    /// 0-based line number containing `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Code points in `text[..offset]`, in at most [`STRIDE`] steps.
    fn code_points_before(&self, text: &[u8], offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let k = offset / STRIDE;
        self.checkpoints[k] + count_code_points(&text[k * STRIDE..offset])
    }

    /// The byte range of the 0-based `line`, without its line terminator.
    pub fn line_range(&self, text: &[u8], line: usize) -> Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// [`LineIndex::line_range`], or `None` past the last line.
    pub fn line_range_checked(&self, text: &[u8], line: usize) -> Option<Range<usize>> {
        (line < self.starts.len()).then(|| self.line_range(text, line))
    }

    /// 1-based (line, column) of `offset`; columns count code points (invalid UTF-8 bytes count
    /// one each), so they match what an editor shows.
    pub fn position(&self, text: &[u8], offset: usize) -> (u32, u32) {
        let line = self.line_of(offset);
        let col = self.code_points_before(text, offset) - self.code_points_before(text, self.starts[line]);
        (line as u32 + 1, col as u32 + 1)
    }

    /// The byte offset of 1-based `line` and `column` (the inverse of [`LineIndex::position`]),
    /// clamped to the end of the line; `None` when there is no such line.
    pub fn offset(&self, text: &[u8], line: u32, column: u32) -> Option<usize> {
        let range = self.line_range_checked(text, (line as usize).checked_sub(1)?)?;
        let wanted = (column as usize).saturating_sub(1);
        if self.checkpoints.is_empty() {
            return Some(range.start.saturating_add(wanted).min(range.end));
        }
        let target = self.code_points_before(text, range.start).saturating_add(wanted);
        // The last checkpoint at or before both the line start and the target code point, then
        // at most one stride by hand.
        let first = range.start / STRIDE;
        let k = first + self.checkpoints[first..].partition_point(|&c| c <= target).saturating_sub(1);
        let mut at = (k * STRIDE).clamp(range.start, range.end);
        let mut seen = self.code_points_before(text, at);
        while at < range.end {
            if !is_continuation(text[at]) {
                if seen == target {
                    break;
                }
                seen += 1;
            }
            at += 1;
        }
        Some(at.min(range.end))
    }

    /// The region covering `start..end` (end exclusive).
    pub fn region(&self, text: &[u8], start: usize, end: usize) -> Region {
        debug_assert!(text.len() == self.len, "a line index is for the text it was built from");
        let (start_line, start_column) = self.position(text, start);
        let (end_line, end_column) = self.position(text, end.max(start));
        Region { start_line, start_column, end_line, end_column }
    }
}

fn is_continuation(b: u8) -> bool {
    (b & 0xC0) == 0x80
}

/// Code points in `bytes`: every byte that is not a UTF-8 continuation byte starts one.
fn count_code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| !is_continuation(b)).count()
}

/// Worst-case bytes of one decoded character: a valid code point or one replacement character
/// for an invalid sequence each take at most 4 bytes.
const MAX_CHAR_BYTES: usize = 4;

/// The last `keep` characters of `text[from..to]` decoded as lossy UTF-8, and whether more
/// characters precede them. Decodes only the bytes it shows, so it costs O(`keep`) however
/// long the line, and gives exactly what decoding the whole range and keeping its tail would:
/// a byte that is not a continuation byte, or that follows three of them, always starts a
/// character of the lossy decoding.
pub fn text_before(text: &[u8], from: usize, to: usize, keep: usize) -> (String, bool) {
    let mut start = to.saturating_sub((keep + 1) * MAX_CHAR_BYTES).max(from);
    let mut skipped = 0;
    while start > from && start < to && skipped < MAX_CHAR_BYTES - 1 && is_continuation(text[start]) {
        start += 1;
        skipped += 1;
    }
    let decoded = String::from_utf8_lossy(&text[start..to]);
    let count = decoded.chars().count();
    if count > keep {
        let cut = decoded.char_indices().nth(count - keep).map_or(decoded.len(), |(i, _)| i);
        (decoded[cut..].to_string(), true)
    } else {
        (decoded.into_owned(), start > from)
    }
}

/// The first `keep` characters of `text[from..to]` decoded as lossy UTF-8, and whether more
/// characters follow them; O(`keep`) however long the line.
pub fn text_after(text: &[u8], from: usize, to: usize, keep: usize) -> (String, bool) {
    let end = to.min(from.saturating_add((keep + 1) * MAX_CHAR_BYTES));
    let decoded = String::from_utf8_lossy(&text[from.min(end)..end]);
    match decoded.char_indices().nth(keep) {
        Some((cut, _)) => (decoded[..cut].to_string(), true),
        None => (decoded.into_owned(), end < to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_code_points() {
        let text = "ab\nçé=KEY\r\nlast".as_bytes();
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        let key = text.windows(3).position(|w| w == b"KEY").unwrap();
        assert_eq!(idx.position(text, key), (2, 4));
        assert_eq!(idx.offset(text, 2, 4), Some(key));
        assert_eq!(&text[idx.line_range(text, 1)], "çé=KEY".as_bytes());
        assert_eq!(&text[idx.line_range(text, 2)], b"last");
    }

    /// A small deterministic generator, so a failure reproduces.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// Random text of ASCII, 2/3/4-byte characters, stray continuation and invalid lead bytes,
    /// LF and CRLF, with lines long enough to cross many checkpoints.
    fn random_text(rng: &mut XorShift, len: usize) -> Vec<u8> {
        const PIECES: [&[u8]; 12] = [
            b"a",
            b"key=",
            b" ",
            "é".as_bytes(),
            "€".as_bytes(),
            "𝄞".as_bytes(),
            b"\x80",
            b"\xff",
            b"\xe2\x82",
            b"\n",
            b"\r\n",
            b"xyzzy",
        ];
        let mut text = Vec::with_capacity(len + 8);
        while text.len() < len {
            // Newlines rarely, so most lines are several strides long.
            let piece = match rng.next() % 1000 {
                998 => 9,
                999 => 10,
                n => (n % 9) as usize,
            };
            text.extend_from_slice(PIECES[piece]);
            if rng.next().is_multiple_of(7) {
                text.extend_from_slice(PIECES[11]);
            }
        }
        text
    }

    /// The definition: count code points from the line start, every time.
    fn naive_position(text: &[u8], offset: usize) -> (u32, u32) {
        let line_start = text[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = text[..offset].iter().filter(|&&b| b == b'\n').count();
        (line as u32 + 1, count_code_points(&text[line_start..offset]) as u32 + 1)
    }

    #[test]
    fn positions_equal_the_naive_count_on_random_text() {
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        for len in [0, 1, 255, 256, 257, 1000, 5000, 20_000] {
            let text = random_text(&mut rng, len);
            let idx = LineIndex::new(&text);
            for offset in (0..=text.len()).step_by(1 + len / 2000) {
                let want = naive_position(&text, offset);
                assert_eq!(idx.position(&text, offset), want, "offset {offset} of {len}");
                // Back again, from the position of every character start within the line's text.
                let in_line = offset <= idx.line_range(&text, want.0 as usize - 1).end;
                if in_line && (offset == text.len() || !is_continuation(text[offset])) {
                    assert_eq!(idx.offset(&text, want.0, want.1), Some(offset), "offset {offset} of {len}");
                }
            }
        }
    }

    #[test]
    fn ascii_text_needs_no_checkpoints() {
        let text = b"one\r\ntwo three\nfour";
        let idx = LineIndex::new(text);
        assert!(idx.checkpoints.is_empty());
        assert_eq!(idx.position(text, 9), (2, 5));
        assert_eq!(idx.offset(text, 2, 5), Some(9));
        assert_eq!(idx.offset(text, 2, 500), Some(14), "clamped to the line's end, before CRLF");
        assert_eq!(idx.offset(text, 4, 1), None);
    }

    #[test]
    fn clipped_text_equals_clipping_the_whole_decoded_range() {
        let mut rng = XorShift(42);
        let mut text = random_text(&mut rng, 4000);
        // A run of stray continuation bytes: each one is a replacement character of its own.
        text.splice(1000..1000, std::iter::repeat_n(0x80, 700));
        let whole = |from: usize, to: usize| String::from_utf8_lossy(&text[from..to]).chars().collect::<Vec<char>>();
        for _ in 0..2000 {
            let a = (rng.next() as usize) % text.len();
            let b = (rng.next() as usize) % text.len();
            let (from, to) = (a.min(b), a.max(b));
            let keep = (rng.next() % 90) as usize;
            let chars = whole(from, to);
            let tail: String = chars[chars.len().saturating_sub(keep)..].iter().collect();
            assert_eq!(text_before(&text, from, to, keep), (tail, chars.len() > keep), "{from}..{to} keep {keep}");
            let head: String = chars.iter().take(keep).collect();
            assert_eq!(text_after(&text, from, to, keep), (head, chars.len() > keep), "{from}..{to} keep {keep}");
        }
    }
}
