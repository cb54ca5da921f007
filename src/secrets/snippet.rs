//! The text a finding shows: the secret's line, clipped around the secret, and only the first
//! line of a secret that spans several (a private key).

use super::SecretMatch;
use crate::source::{self, LineIndex};

/// Longest snippet line shown in reports.
const SNIPPET_MAX: usize = 160;

/// The first line of `s` (all of it when it has one).
pub(super) fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// The secret's first line, the secret shown as `shown`, clipped around the secret. Only the
/// shown characters are decoded, so a finding on a line of megabytes costs no more than one on
/// a short line.
pub(super) fn snippet(text: &[u8], lines: &LineIndex, line: usize, m: SecretMatch, shown: &str) -> String {
    let range = lines.line_range(text, line);
    let secret_end = m.end.min(range.end);
    let keep = SNIPPET_MAX / 2;
    let (before, clipped) = source::text_before(text, range.start, m.start.max(range.start), keep);
    let before = if clipped { format!("…{before}") } else { before };
    let (mut after, clipped) = source::text_after(text, secret_end, range.end, keep);
    if clipped {
        after.push('…');
    }
    format!("{}{}{}", before.trim_start(), first_line(shown), after.trim_end())
}
