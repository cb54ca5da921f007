//! A file's bytes plus a lazily built line index that turns byte offsets into 1-based
//! line/column positions.
//!
//! The scan hot loop works on raw bytes and never needs lines; only files that produce findings
//! pay for the index.

use crate::finding::Region;

/// Byte offsets of line starts, built once per file that needs positions.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &[u8]) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 0-based line number containing `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of the 0-based `line`, without its line terminator.
    pub fn line_range(&self, text: &[u8], line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// [`LineIndex::line_range`], or `None` past the last line.
    pub fn line_range_checked(&self, text: &[u8], line: usize) -> Option<std::ops::Range<usize>> {
        (line < self.starts.len()).then(|| self.line_range(text, line))
    }

    /// 1-based (line, column) of `offset`; columns count code points (invalid UTF-8 bytes count
    /// one each), so they match what an editor shows.
    pub fn position(&self, text: &[u8], offset: usize) -> (u32, u32) {
        let line = self.line_of(offset);
        let col = count_code_points(&text[self.starts[line]..offset]);
        (line as u32 + 1, col as u32 + 1)
    }

    /// The region covering `start..end` (end exclusive).
    pub fn region(&self, text: &[u8], start: usize, end: usize) -> Region {
        let (start_line, start_column) = self.position(text, start);
        let (end_line, end_column) = self.position(text, end.max(start));
        Region { start_line, start_column, end_line, end_column }
    }
}

/// Code points in `bytes`: every byte that is not a UTF-8 continuation byte starts one.
fn count_code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
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
        assert_eq!(&text[idx.line_range(text, 1)], "çé=KEY".as_bytes());
        assert_eq!(&text[idx.line_range(text, 2)], b"last");
    }
}
