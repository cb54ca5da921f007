//! Positions in a YAML file as the source map needs them: saphyr's markers as 1-based lines and
//! code-point columns, re-counted from `\n` alone when a file has a lone `\r`, and the line
//! lookups that trim a block scalar's region back to its last character.

use crate::finding::Region;

pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Line starts (in characters) counting only `\n` as a line break, for a file that has a lone
/// `\r`: YAML (and so saphyr) counts one as a line break, every other part of tollgate (the
/// line index, snippets, SARIF line hashes) does not, so saphyr's lines would point past the end
/// of such a file. Other files keep saphyr's positions, which agree.
pub(super) struct LfLines {
    starts: Vec<usize>,
}

impl LfLines {
    pub(super) fn if_needed(text: &str) -> Option<LfLines> {
        let bytes = text.as_bytes();
        memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n')).then(|| {
            let newlines = text.chars().enumerate().filter(|&(_, c)| c == '\n').map(|(i, _)| i + 1);
            LfLines { starts: std::iter::once(0).chain(newlines).collect() }
        })
    }

    /// `m` with its line and column counted from `\n`s (its character index is exact).
    pub(super) fn marker(&self, m: saphyr_parser::Marker) -> saphyr_parser::Marker {
        let line = self.starts.partition_point(|&s| s <= m.index());
        saphyr_parser::Marker::new(m.index(), line, m.index() - self.starts[line - 1])
    }
}

/// A position as saphyr reports it: 1-based line, 0-based column in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) struct Pos {
    pub(super) line: u32,
    pub(super) col: u32,
}

impl Pos {
    pub(super) fn of(m: saphyr_parser::Marker) -> Pos {
        Pos { line: to_u32(m.line()), col: to_u32(m.col()) }
    }
}

pub(super) fn region(start: Pos, end: Pos) -> Region {
    let end = end.max(start);
    Region { start_line: start.line, start_column: start.col + 1, end_line: end.line, end_column: end.col + 1 }
}

/// Line starts of the text, built on first use (only block scalars need them).
pub(super) struct Lines<'a> {
    text: &'a str,
    starts: Option<Vec<usize>>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines { text, starts: None }
    }

    /// The 1-based `line` without its line break.
    pub(super) fn line(&mut self, line: u32) -> Option<&'a str> {
        let text = self.text;
        let starts = self.starts.get_or_insert_with(|| {
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect()
        });
        let i = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *starts.get(i)?;
        let end = starts.get(i + 1).map_or(text.len(), |&s| s - 1);
        let l = text.get(start..end)?;
        Some(l.strip_suffix('\r').unwrap_or(l))
    }

    /// Move `end` back over trailing blank lines and indentation to just after the last
    /// non-blank character, never before `start`'s line.
    pub(super) fn trim_back(&mut self, start: Pos, mut end: Pos) -> Pos {
        while end.line > start.line {
            let Some(line) = self.line(end.line) else { break };
            let before = line.chars().take(end.col as usize);
            if !before.clone().all(char::is_whitespace) {
                break;
            }
            let Some(prev) = self.line(end.line - 1) else { break };
            end = Pos { line: end.line - 1, col: to_u32(prev.trim_end().chars().count()) };
        }
        end.max(start)
    }
}
