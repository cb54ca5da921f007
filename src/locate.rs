//! Where a finding is: every [`Region`] a finding carries is computed here, so "where does a
//! finding get its line and column?" has one answer.
//!
//! - A secret is a byte span of the file ([`secret_region`]): its region is that span in lines
//!   and code-point columns ([`LineIndex::region`]).
//! - A policy violation blames a JSON path into the parsed document ([`policy_region`]): the
//!   region is the source map's span for the path, else for its nearest ancestor that has one,
//!   else the first line; a violation that also names the text it is about (one command of a
//!   multi-line script) is narrowed to that text's first occurrence within the span, or within
//!   the text around it that the violation names too (its script line), so of two equal
//!   expressions on different lines each finding gets its own. The located
//!   ancestors that enclose the finding come with it, for inline suppression
//!   ([`crate::suppress`]).
//! - The snippet shown with a policy finding ([`snippet`]) and the GitHub line hash of every
//!   finding's first line ([`attach_line_hashes`]) follow from the region.
//!
//! Parsers build the source maps ([`crate::parse`]); this module only reads them.

use crate::linehash;
use crate::model::{Finding, Region};
use crate::source::{self, LineIndex};
use crate::syntax::{Seg, SourceMap};

/// A located node enclosing a policy finding's blamed node: a resource, a job, a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub start_line: u32,
    pub end_line: u32,
    /// Path segments from the document root (`Resources/Bucket` is 2): a marker anywhere inside
    /// counts only for blocks at least two levels deep, so never for a whole section.
    pub depth: usize,
}

/// The region of the secret at bytes `start..end` of `text`.
pub fn secret_region(text: &[u8], lines: &LineIndex, start: usize, end: usize) -> Region {
    lines.region(text, start, end)
}

/// Where a policy violation is: the region of the node `path` blames in a document whose spans
/// are `map`, narrowed to `text` when the violation names one (inside `within`, the text around
/// it, when that is found), and the located nodes enclosing it (resource, job, ...), outermost
/// first.
pub fn policy_region(
    bytes: &[u8],
    lines: &LineIndex,
    map: &SourceMap,
    path: &[Seg],
    text: Option<&str>,
    within: Option<&str>,
) -> (Region, Vec<Block>) {
    // Every finding gets a real position: the blamed node, else its nearest located ancestor,
    // else the first line of the file.
    let region =
        map.locate(path).map_or(Region { start_line: 1, start_column: 1, end_line: 1, end_column: 1 }, |(r, _)| r);
    // `within` is the script's own text, which a folded or escaped scalar does not show as
    // written: when it is not found, `text` alone narrows the node's span.
    let around = within.and_then(|w| narrow(bytes, lines, region, w));
    let region = match (text, around) {
        (Some(t), Some(around)) => {
            narrow_inside(bytes, lines, around, t).or_else(|| narrow(bytes, lines, region, t)).unwrap_or(region)
        }
        (Some(t), None) => narrow(bytes, lines, region, t).unwrap_or(region),
        (None, around) => around.unwrap_or(region),
    };
    // Ancestors (not the whole document) that contain the finding: a suppression comment on one
    // of them covers it. `resource/aws_s3_bucket` maps to the first bucket, hence the check.
    let blocks = (1..path.len())
        .filter_map(|depth| {
            let r = map.get(&path[..depth])?;
            (r.start_line..=r.end_line).contains(&region.start_line).then_some(Block {
                start_line: r.start_line,
                end_line: r.end_line,
                depth,
            })
        })
        .collect();
    (region, blocks)
}

/// Set each finding's `line_hash`: GitHub's fingerprint of the text at its first line, from
/// the content scanned (so a report of staged blobs carries the staged text's hash).
pub fn attach_line_hashes(bytes: &[u8], findings: &mut [Finding]) {
    if findings.is_empty() {
        return;
    }
    let hashes = linehash::line_hashes(&String::from_utf8_lossy(bytes));
    for f in findings {
        f.line_hash = hashes.get(f.region.start_line as usize - 1).cloned();
    }
}

/// Lines up to this many bytes are shown and searched whole; a longer line (a minified file)
/// is only ever looked at around the region, so each finding on it costs the same as on a short
/// line instead of the line's length.
const LONG_LINE: usize = 4096;

/// Characters of a long line shown before the region's start, and in all.
const LONG_LINE_BEFORE: usize = 40;
const SNIPPET_MAX: usize = 160;

/// The region of the first occurrence of `needle` within the lines `region` spans (a policy
/// pointing at one command inside a multi-line script), if it occurs there. When those lines are
/// long, only the region itself (plus the needle's length) is searched.
fn narrow(bytes: &[u8], lines: &LineIndex, region: Region, needle: &str) -> Option<Region> {
    let first = lines.line_range_checked(bytes, (region.start_line as usize).checked_sub(1)?)?;
    let last = lines.line_range_checked(bytes, (region.end_line as usize).checked_sub(1)?)?;
    let (from, to) = if last.end - first.start <= 16 * LONG_LINE {
        (first.start, last.end)
    } else {
        let from = lines.offset(bytes, region.start_line, region.start_column)?;
        let to = lines.offset(bytes, region.end_line, region.end_column)?;
        (from, to.saturating_add(needle.len()).min(last.end))
    };
    let at = from + memchr::memmem::find(bytes.get(from..to)?, needle.as_bytes())?;
    Some(lines.region(bytes, at, at + needle.len()))
}

/// The region of the first occurrence of `needle` inside `region` itself (not from the start of
/// its first line, as [`narrow`] searches).
fn narrow_inside(bytes: &[u8], lines: &LineIndex, region: Region, needle: &str) -> Option<Region> {
    let from = lines.offset(bytes, region.start_line, region.start_column)?;
    let to = lines.offset(bytes, region.end_line, region.end_column)?;
    let at = from + memchr::memmem::find(bytes.get(from..to)?, needle.as_bytes())?;
    Some(lines.region(bytes, at, at + needle.len()))
}

/// The line `region` starts on, trimmed and clipped for display: the line's start, or on a long
/// line the characters around the region's start.
pub fn snippet(bytes: &[u8], lines: &LineIndex, region: Region) -> String {
    let Some(range) = (region.start_line as usize).checked_sub(1).and_then(|l| lines.line_range_checked(bytes, l))
    else {
        return String::new();
    };
    if range.len() > LONG_LINE {
        let at = lines.offset(bytes, region.start_line, region.start_column).unwrap_or(range.start);
        let (before, clipped_before) = source::text_before(bytes, range.start, at, LONG_LINE_BEFORE);
        let (after, clipped_after) = source::text_after(bytes, at, range.end, SNIPPET_MAX - before.chars().count());
        let text = format!("{before}{after}");
        let shown = if clipped_before { text.trim_end() } else { text.trim() };
        let mark = |clipped: bool| if clipped { "…" } else { "" };
        return format!("{}{shown}{}", mark(clipped_before), mark(clipped_after));
    }
    let text = String::from_utf8_lossy(&bytes[range]);
    let trimmed = text.trim();
    match trimmed.char_indices().nth(SNIPPET_MAX) {
        Some((cut, _)) => format!("{}…", &trimmed[..cut]),
        None => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(start_line: u32, start_column: u32, end_line: u32, end_column: u32) -> Region {
        Region { start_line, start_column, end_line, end_column }
    }

    fn path(segs: &[&str]) -> Vec<Seg> {
        segs.iter().map(|s| Seg::from(*s)).collect()
    }

    const TEXT: &[u8] = b"job:\n  steps:\n    run: |\n      make\n      curl -s x | sh\n";

    fn map() -> SourceMap {
        let mut map = SourceMap::default();
        map.insert(path(&["job"]), region(1, 1, 5, 21));
        map.insert(path(&["job", "steps"]), region(2, 3, 5, 21));
        map.insert(path(&["job", "steps", "run"]), region(3, 5, 5, 21));
        map
    }

    #[test]
    fn a_blamed_path_without_a_span_takes_its_nearest_located_ancestor() {
        let lines = LineIndex::new(TEXT);
        let (r, blocks) = policy_region(TEXT, &lines, &map(), &path(&["job", "steps", "run", "x"]), None, None);
        assert_eq!(r, region(3, 5, 5, 21));
        // Every located ancestor containing the finding, outermost first.
        let starts: Vec<(u32, usize)> = blocks.iter().map(|b| (b.start_line, b.depth)).collect();
        assert_eq!(starts, [(1, 1), (2, 2), (3, 3)]);
    }

    #[test]
    fn a_path_nothing_locates_is_the_first_line_never_zero() {
        let lines = LineIndex::new(TEXT);
        let (r, blocks) = policy_region(TEXT, &lines, &SourceMap::default(), &path(&["other"]), None, None);
        assert_eq!(r, region(1, 1, 1, 1));
        assert!(blocks.is_empty());
    }

    #[test]
    fn a_named_text_narrows_the_region_to_its_first_occurrence_in_the_span() {
        let lines = LineIndex::new(TEXT);
        let blamed = path(&["job", "steps", "run"]);
        let (r, _) = policy_region(TEXT, &lines, &map(), &blamed, Some("curl -s x | sh"), None);
        assert_eq!(r, region(5, 7, 5, 21));
        // Text that is not within the span leaves the region as the source map has it.
        let (r, _) = policy_region(TEXT, &lines, &map(), &blamed, Some("wget"), None);
        assert_eq!(r, region(3, 5, 5, 21));
        assert_eq!(snippet(TEXT, &lines, region(5, 7, 5, 21)), "curl -s x | sh");
    }

    #[test]
    fn the_text_around_picks_which_occurrence_is_blamed() {
        const TWICE: &[u8] = b"job:\n  steps:\n    run: |\n      echo x\n      make x\n";
        let lines = LineIndex::new(TWICE);
        let mut map = SourceMap::default();
        map.insert(path(&["run"]), region(3, 5, 5, 13));
        let blamed = path(&["run"]);
        let (r, _) = policy_region(TWICE, &lines, &map, &blamed, Some("x"), Some("make x"));
        assert_eq!(r, region(5, 12, 5, 13));
        // Text around that is not in the span (a folded scalar) falls back to the first `x`.
        let (r, _) = policy_region(TWICE, &lines, &map, &blamed, Some("x"), Some("make  x"));
        assert_eq!(r, region(4, 12, 4, 13));
    }

    #[test]
    fn each_finding_gets_the_line_hash_of_its_first_line() {
        let mut findings = vec![crate::model::Finding {
            rule_id: "r".into(),
            engine: crate::model::Engine::Policy,
            severity: crate::model::Severity::Low,
            message: String::new(),
            path: "f".into(),
            region: region(2, 3, 2, 4),
            snippet: String::new(),
            secret: None,
            fingerprint: String::new(),
            line_hash: None,
            suppression: None,
            commit: None,
        }];
        attach_line_hashes(TEXT, &mut findings);
        let expected = linehash::line_hashes(std::str::from_utf8(TEXT).unwrap());
        assert_eq!(findings[0].line_hash.as_ref(), Some(&expected[1]));
    }
}
