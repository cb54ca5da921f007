//! Where a Dockerfile's instructions begin and end, found by hand: physical lines, the
//! `# escape=` directive, line continuations with its escape character, comment lines inside
//! continuations and heredoc bodies. Each instruction becomes a [`Raw`] span and its
//! [`Logical`] text (continuations joined, with a map back to file offsets) for the argument reader.

use super::arguments::words;
use super::{Span, TAKES_HEREDOCS};
use crate::syntax::ParseError;

#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn split_lines(text: &[u8]) -> Vec<Line> {
    let mut lines = Vec::new();
    // A UTF-8 byte order mark is not part of the first instruction.
    let mut start = if text.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    while start < text.len() {
        let nl = memchr::memchr(b'\n', &text[start..]).map(|i| start + i);
        let mut end = nl.unwrap_or(text.len());
        if end > start && text[end - 1] == b'\r' {
            end -= 1;
        }
        lines.push(Line { start, end });
        start = nl.map_or(text.len(), |i| i + 1);
    }
    lines
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The escape character from a `# escape=` parser directive (default `\`). Directives are only
/// recognised in the leading run of `# key=value` lines.
pub(super) fn escape_directive(text: &[u8], lines: &[Line]) -> Result<u8, ParseError> {
    let mut escape = b'\\';
    for (n, line) in lines.iter().enumerate() {
        let Some((key, value)) = directive(&text[line.start..line.end]) else { break };
        if key.eq_ignore_ascii_case(b"escape") {
            escape = match value {
                b"\\" => b'\\',
                b"`" => b'`',
                other => {
                    return Err(ParseError::new(
                        Some(n as u32 + 1),
                        format!("invalid escape token `{}` (must be ` or \\)", String::from_utf8_lossy(other)),
                    ));
                }
            };
        }
    }
    Ok(escape)
}

/// `# key = value` as (key, value).
fn directive(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let rest = line.strip_prefix(b"#")?;
    let rest = &rest[rest.iter().take_while(|b| is_blank(**b)).count()..];
    let key_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if key_len == 0 || !rest[0].is_ascii_alphabetic() {
        return None;
    }
    let (key, rest) = rest.split_at(key_len);
    let rest = &rest[rest.iter().take_while(|b| is_blank(**b)).count()..];
    let value = rest.strip_prefix(b"=")?;
    let value = trim_bytes(value);
    (!value.is_empty()).then_some((key, value))
}

pub(super) fn trim_bytes(mut b: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = b
        && first.is_ascii_whitespace()
    {
        b = rest;
    }
    while let [rest @ .., last] = b
        && last.is_ascii_whitespace()
    {
        b = rest;
    }
    b
}

/// A heredoc body that follows an instruction.
#[derive(Debug, Clone)]
pub(super) struct Heredoc {
    pub(super) name: String,
    pub(super) content: String,
    pub(super) span: Span,
}

/// One instruction as the line splitter found it.
#[derive(Debug, Default)]
pub(super) struct Raw {
    /// The keyword's first byte.
    pub(super) start: usize,
    /// End of the instruction's last line, heredoc terminators included.
    pub(super) end: usize,
    /// The pieces of the logical line: each physical line's content minus continuation
    /// characters; comment and blank lines inside a continuation are left out.
    pub(super) pieces: Vec<Span>,
    /// Where the continuation escape characters are.
    pub(super) continuations: Vec<usize>,
    pub(super) heredocs: Vec<Heredoc>,
}

pub(super) fn split_instructions(text: &[u8], lines: &[Line], escape: u8) -> Vec<Raw> {
    let mut raws = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let content = &text[line.start..line.end];
        let ws = content.iter().take_while(|b| is_blank(**b)).count();
        if ws == content.len() || content[ws] == b'#' {
            i += 1;
            continue;
        }
        let mut raw = Raw { start: line.start + ws, ..Raw::default() };
        let mut seg_start = raw.start;
        let mut cur = i;
        loop {
            let l = lines[cur];
            let mut trimmed = l.end;
            while trimmed > seg_start && is_blank(text[trimmed - 1]) {
                trimmed -= 1;
            }
            raw.end = l.end;
            if trimmed > seg_start && text[trimmed - 1] == escape {
                raw.pieces.push((seg_start, trimmed - 1));
                raw.continuations.push(trimmed - 1);
                // Comment lines and blank lines do not end a continuation.
                cur += 1;
                while cur < lines.len() {
                    let c = &text[lines[cur].start..lines[cur].end];
                    let ws = c.iter().take_while(|b| is_blank(**b)).count();
                    if ws < c.len() && c[ws] != b'#' {
                        break;
                    }
                    cur += 1;
                }
                if cur >= lines.len() {
                    break;
                }
                seg_start = lines[cur].start;
            } else {
                raw.pieces.push((seg_start, l.end));
                cur += 1;
                break;
            }
        }
        i = cur;

        let logical = Logical::new(text, &raw);
        for (name, strip_tabs) in heredoc_markers(&logical.bytes, escape) {
            let body_start = lines.get(i).map_or(text.len(), |l| l.start);
            let mut content = Vec::new();
            while i < lines.len() {
                let l = lines[i];
                let mut body = &text[l.start..l.end];
                if strip_tabs {
                    body = &body[body.iter().take_while(|b| **b == b'\t').count()..];
                }
                raw.end = l.end;
                i += 1;
                if body == name.as_bytes() {
                    break;
                }
                content.extend_from_slice(body);
                content.push(b'\n');
            }
            raw.heredocs.push(Heredoc {
                name,
                content: String::from_utf8_lossy(&content).into_owned(),
                span: (body_start.min(raw.end), raw.end),
            });
        }
        raws.push(raw);
    }
    raws
}

/// The heredoc markers (`<<EOF`, `<<-"EOF"`) of an instruction that allows them, as (name,
/// strip leading tabs).
fn heredoc_markers(logical: &[u8], escape: u8) -> Vec<(String, bool)> {
    let ws = words(logical, 0, escape);
    let Some(&(ks, ke)) = ws.first() else { return Vec::new() };
    let mut keyword = logical[ks..ke].to_ascii_uppercase();
    let mut rest = &ws[1..];
    if keyword == b"ONBUILD"
        && let Some(&(s, e)) = rest.first()
    {
        keyword = logical[s..e].to_ascii_uppercase();
        rest = &rest[1..];
    }
    if !TAKES_HEREDOCS.iter().any(|k| k.as_bytes() == keyword) {
        return Vec::new();
    }
    let rest: Vec<&[u8]> = rest.iter().map(|&(s, e)| &logical[s..e]).skip_while(|w| w.starts_with(b"--")).collect();
    if rest.first().is_some_and(|w| w.starts_with(b"[")) {
        return Vec::new();
    }
    let mut markers = Vec::new();
    for word in rest {
        let word = &word[word.iter().take_while(|b| b.is_ascii_digit()).count()..];
        let Some(after) = word.strip_prefix(b"<<") else { continue };
        if after.starts_with(b"<") {
            continue;
        }
        let (strip, after) = match after.strip_prefix(b"-") {
            Some(a) => (true, a),
            None => (false, after),
        };
        let name: &[u8] = match after.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let inner = &after[1..];
                &inner[..inner.iter().position(|&b| b == q).unwrap_or(inner.len())]
            }
            _ => &after[..after.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count()],
        };
        if !name.is_empty() {
            markers.push((String::from_utf8_lossy(name).into_owned(), strip));
        }
    }
    markers
}

/// An instruction's logical line (continuations joined) with the file offset of every byte.
pub(super) struct Logical {
    pub(super) bytes: Vec<u8>,
    pub(super) offsets: Vec<usize>,
    /// File offset just past the logical line.
    pub(super) end: usize,
}

impl Logical {
    pub(super) fn new(text: &[u8], raw: &Raw) -> Logical {
        let mut bytes = Vec::new();
        let mut offsets = Vec::new();
        for &(s, e) in &raw.pieces {
            bytes.extend_from_slice(&text[s..e]);
            offsets.extend(s..e);
        }
        let end = raw.pieces.last().map_or(raw.start, |p| p.1);
        Logical { bytes, offsets, end }
    }

    /// Logical index range of the file range `start..end`.
    pub(super) fn range(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.offsets.partition_point(|&o| o < start);
        let b = self.offsets.partition_point(|&o| o < end);
        (a, b.max(a))
    }

    /// The joined text of the file range `start..end`.
    pub(super) fn text(&self, start: usize, end: usize) -> String {
        let (a, b) = self.range(start, end);
        String::from_utf8_lossy(&self.bytes[a..b]).into_owned()
    }

    /// The file span of the logical range `a..b`.
    pub(super) fn span(&self, a: usize, b: usize) -> Span {
        if a >= b || a >= self.offsets.len() {
            let at = self.offsets.get(a).copied().unwrap_or(self.end);
            return (at, at);
        }
        let last = self.offsets.get(b - 1).copied().unwrap_or(self.end - 1);
        (self.offsets[a], last + 1)
    }
}
