//! Making names and text from the scanned repository safe to print, and file names
//! unambiguous to compare.
//!
//! A repository is untrusted input: a file called `evil\x1b]0;pwned\x07.py` or a line holding
//! `ESC [ 2 J` would drive the reader's terminal (or a CI log viewer) if printed raw, and file
//! names on Unix are bytes, not text, so converting them lossily makes `caf\xe9.py` and
//! `caf\xe8.py` the same name — and a baseline entry for one accept the other.
//!
//! Two functions, one rule:
//! - [`path_bytes`] turns a file name's raw bytes into the display path every report, baseline
//!   and fingerprint uses. It is injective: a byte that is not part of valid UTF-8 becomes `\xNN`,
//!   an unsafe character becomes `\u{N}` (or `\n`, `\t`, ...), and `\` itself becomes `\\`, so no
//!   two names share an escaped form and ordinary names (no backslash, no control characters, valid
//!   UTF-8) read exactly as before.
//! - [`terminal_safe`] escapes the unsafe characters of any text (messages, snippets) for
//!   human-facing output, leaving backslashes alone (there it is about safety, not identity).
//!
//! "Unsafe" means what a terminal or log viewer might act on: C0 and C1 control characters
//! (ESC, BEL, CSI, newlines...), DEL, and the Unicode bidirectional controls that reorder what
//! the reader sees ("Trojan Source"). A tab is kept in text, where it is harmless, but escaped in
//! names.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Would printing `c` raw let the text act on the terminal or hide what it says?
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Append the visible escape of an unsafe character.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// The display form of a name (a `/`-separated relative path) given as raw bytes: valid UTF-8
/// stays as it is, except that `\` becomes `\\`, unsafe characters are escaped as in
/// [`terminal_safe`] and bytes that are not UTF-8 become `\xNN`. Distinct names never share a
/// display form.
pub fn path_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if is_unsafe(c) => push_escaped(&mut out, c),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

/// `text` with every unsafe character but the tab escaped, borrowed when there is none (the
/// common case).
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, &['\t'])
}

/// [`terminal_safe`], but keeping line breaks, for formats that carry them in their own escaped
/// form (GitHub workflow commands' `%0A`).
pub fn terminal_safe_multiline(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, &['\t', '\n', '\r'])
}

fn escape_unsafe<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let escapes = |c: char| is_unsafe(c) && !keep.contains(&c);
    if !text.chars().any(escapes) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escapes(c) { push_escaped(&mut out, c) } else { out.push(c) }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_are_unchanged() {
        assert_eq!(path_bytes("src/main.tf".as_bytes()), "src/main.tf");
        assert_eq!(path_bytes("docs/café ü.md".as_bytes()), "docs/café ü.md");
    }

    #[test]
    fn names_escape_invalid_bytes_controls_and_backslashes_distinctly() {
        assert_eq!(path_bytes(b"caf\xe9.py"), "caf\\xe9.py");
        assert_eq!(path_bytes(b"caf\xe8.py"), "caf\\xe8.py");
        // The literal text `\xe9` is a different name from the byte 0xE9.
        assert_eq!(path_bytes(b"caf\\xe9.py"), "caf\\\\xe9.py");
        assert_eq!(path_bytes(b"a\x1b]0;x\x07\nb\tc"), "a\\u{1b}]0;x\\u{7}\\nb\\tc");
        assert_eq!(path_bytes("rtl\u{202e}txt.py".as_bytes()), "rtl\\u{202e}txt.py");
    }

    #[test]
    fn text_escapes_controls_but_keeps_tabs_and_backslashes() {
        assert!(matches!(terminal_safe("plain\ttext \\d"), Cow::Borrowed("plain\ttext \\d")));
        assert_eq!(terminal_safe("a\x1b[2Jb\r\nc\u{9b}"), "a\\u{1b}[2Jb\\r\\nc\\u{9b}");
        assert_eq!(terminal_safe_multiline("a\x1b[2Jb\r\nc"), "a\\u{1b}[2Jb\r\nc");
    }
}
