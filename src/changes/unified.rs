//! Reading `git diff -U0` output: for each file on the new side, the lines the hunks add.
//!
//! Only two kinds of line matter: `+++ b/<path>` opens a file (`+++ /dev/null` is a deletion,
//! with nothing to scan) and `@@ -a,b +c,d @@` says lines `c..c+d` are new (`d` defaults to 1;
//! `d = 0` is a pure deletion). Everything else — the `diff --git` header, modes, `Binary files
//! differ`, and the hunks' own `+`/`-` lines — is skipped, so a hunk line that happens to start
//! with `+++ ` cannot be mistaken for a header: inside a hunk, lines are counted, not parsed.
//! Paths with unusual bytes come C-quoted (`"b/caf\303\251"`) and are unquoted to raw bytes.

use super::Lines;
use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;

/// The new-side line ranges of every file in `patch`, by display path.
pub fn added_lines(patch: &[u8]) -> Result<BTreeMap<String, Lines>> {
    let mut files = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut lines = patch.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        if let Some(target) = line.strip_prefix(b"+++ ") {
            current = new_side_path(target)?;
            if let Some(path) = &current {
                files.entry(path.clone()).or_insert_with(|| Lines::Ranges(Vec::new()));
            }
        } else if line.starts_with(b"@@ ") {
            let (old_count, (start, count)) = hunk_header(line)?;
            if let (Some(path), true) = (&current, count > 0)
                && let Some(Lines::Ranges(ranges)) = files.get_mut(path)
            {
                ranges.push((start, start + count - 1));
            }
            // Skip the hunk's body by count, so its text is never read as a header.
            for _ in 0..old_count + count {
                while lines.next_if(|l| l.starts_with(b"\\")).is_some() {}
                lines.next();
            }
            while lines.next_if(|l| l.starts_with(b"\\")).is_some() {}
        }
    }
    Ok(files)
}

/// The path of a `+++` line, `None` for `/dev/null`.
fn new_side_path(target: &[u8]) -> Result<Option<String>> {
    let target = target.strip_suffix(b"\r").unwrap_or(target);
    if target == b"/dev/null" {
        return Ok(None);
    }
    let raw = if target.starts_with(b"\"") { unquote(target)? } else { target.to_vec() };
    let Some(path) = raw.strip_prefix(b"b/") else {
        bail!("unexpected `git diff` file header: +++ {}", String::from_utf8_lossy(target));
    };
    Ok(Some(crate::discover::display_rel_bytes(path)))
}

/// `@@ -a[,b] +c[,d] @@ ...` → (b, (c, d)).
fn hunk_header(line: &[u8]) -> Result<(u32, (u32, u32))> {
    let text = String::from_utf8_lossy(line);
    let bad = || format!("unexpected `git diff` hunk header: {text}");
    let mut parts = text.split(' ');
    let (_, old, new) = (parts.next(), parts.next().with_context(bad)?, parts.next().with_context(bad)?);
    let range = |s: &str, sign: char| -> Result<(u32, u32)> {
        let s = s.strip_prefix(sign).with_context(bad)?;
        Ok(match s.split_once(',') {
            Some((start, count)) => (start.parse().with_context(bad)?, count.parse().with_context(bad)?),
            None => (s.parse().with_context(bad)?, 1),
        })
    };
    Ok((range(old, '-')?.1, range(new, '+')?))
}

/// Undo git's C-style quoting of a path: `"a\tb\303\251"` → the raw bytes.
fn unquote(quoted: &[u8]) -> Result<Vec<u8>> {
    let inner = quoted
        .strip_prefix(b"\"")
        .and_then(|q| q.strip_suffix(b"\""))
        .with_context(|| format!("unterminated quoted path: {}", String::from_utf8_lossy(quoted)))?;
    let mut out = Vec::with_capacity(inner.len());
    let mut bytes = inner.iter().copied();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let escaped = bytes.next().context("a quoted path ends in a backslash")?;
        out.push(match escaped {
            b'n' => b'\n',
            b't' => b'\t',
            b'r' => b'\r',
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'v' => 11,
            b'0'..=b'3' => {
                let (d2, d3) = (bytes.next().unwrap_or(b'0'), bytes.next().unwrap_or(b'0'));
                ((escaped - b'0') << 6) | ((d2.wrapping_sub(b'0') & 7) << 3) | (d3.wrapping_sub(b'0') & 7)
            }
            other => other,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_new_side_ranges() {
        let patch = b"diff --git a/x.env b/x.env\n--- a/x.env\n+++ b/x.env\n@@ -2 +2,2 @@ ctx\n-old\n+new\n+++ not a header\n@@ -9,0 +11 @@\n+tail\ndiff --git a/gone b/gone\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n";
        let files = added_lines(patch).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files["x.env"], Lines::Ranges(vec![(2, 3), (11, 11)]));
    }

    #[test]
    fn deletion_only_hunks_add_nothing_and_no_newline_markers_are_skipped() {
        let patch = b"--- a/a.tf\n+++ b/a.tf\n@@ -3,2 +2,0 @@\n-x\n-y\n\\ No newline at end of file\n@@ -7 +6 @@\n-z\n\\ No newline at end of file\n+w\n\\ No newline at end of file\n";
        assert_eq!(added_lines(patch).unwrap()["a.tf"], Lines::Ranges(vec![(6, 6)]));
    }

    #[test]
    fn quoted_paths_are_unquoted() {
        let patch = "+++ \"b/caf\\303\\251 \\\"x\\\".env\"\n@@ -0,0 +1 @@\n+k\n".as_bytes();
        let files = added_lines(patch).unwrap();
        assert_eq!(files.keys().next().unwrap(), "café \"x\".env");
    }
}
