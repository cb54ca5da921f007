//! Bytes every match of a rule's regex contains, found from the pattern's syntax tree: a window
//! that lacks one of them cannot hold a match, and one `memchr` says so, where a regex search
//! costs its set-up however short the window.
//!
//! Keywords bring a rule to a window; what the regex wants beyond them is often a byte a line
//! with the keyword rarely has: `generic-url-basic-auth` is keyed on `https://` and needs an
//! `@`, the assignment rules need a quote. The analysis is conservative: a literal byte is
//! required where the pattern cannot match without it (in every branch of an alternation, in a
//! repetition of at least one), and classes of more than one byte (a case-insensitive letter,
//! `[:=]`) require nothing.

use regex_syntax::hir::{Class, Hir, HirKind};

/// At most this many required bytes are checked per window: punctuation first, since a line
/// with the keyword has its letters anyway.
const MAX_CHECKED: usize = 3;

/// The bytes every match of `hir` contains that no keyword of its rule holds (a window has
/// its keyword, so those would be checked in vain), the ones worth checking first, at most
/// [`MAX_CHECKED`].
pub fn required_bytes(hir: &Hir, keywords: &[String]) -> Vec<u8> {
    let required = required(hir);
    let in_keyword = |b: u8| keywords.iter().any(|k| k.bytes().any(|k| k.eq_ignore_ascii_case(&b)));
    let mut bytes: Vec<u8> = (0..=255u8).filter(|&b| required[b as usize] && !in_keyword(b)).collect();
    bytes.sort_by_key(|b| b.is_ascii_alphanumeric());
    bytes.truncate(MAX_CHECKED);
    bytes
}

/// Does `window` hold every byte of `required`?
pub fn has_all(window: &[u8], required: &[u8]) -> bool {
    required.iter().all(|&b| memchr::memchr(b, window).is_some())
}

/// Per byte value: must every match of `hir` contain it?
fn required(hir: &Hir) -> [bool; 256] {
    let mut set = [false; 256];
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => literal.0.iter().for_each(|&b| set[b as usize] = true),
        HirKind::Class(class) => {
            if let Some(b) = single_byte(class) {
                set[b as usize] = true;
            }
        }
        HirKind::Repetition(rep) if rep.min > 0 => set = required(&rep.sub),
        HirKind::Repetition(_) => {}
        HirKind::Capture(capture) => set = required(&capture.sub),
        HirKind::Concat(parts) => {
            for part in parts {
                let part = required(part);
                (0..256).for_each(|b| set[b] |= part[b]);
            }
        }
        HirKind::Alternation(branches) => {
            set = [true; 256];
            for branch in branches {
                let branch = required(branch);
                (0..256).for_each(|b| set[b] &= branch[b]);
            }
        }
    }
    set
}

/// The one byte a class matches, if it matches exactly one (an ASCII one, for a Unicode class).
fn single_byte(class: &Class) -> Option<u8> {
    match class {
        Class::Bytes(bytes) => match bytes.ranges() {
            [range] if range.start() == range.end() => Some(range.start()),
            _ => None,
        },
        Class::Unicode(chars) => match chars.ranges() {
            [range] if range.start() == range.end() && range.start().is_ascii() => Some(range.start() as u8),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(pattern: &str) -> String {
        of_rule(pattern, &[])
    }

    fn of_rule(pattern: &str, keywords: &[&str]) -> String {
        let config = regex_automata::util::syntax::Config::new().unicode(false).utf8(false);
        let hir = regex_automata::util::syntax::parse_with(pattern, &config).unwrap();
        let keywords: Vec<String> = keywords.iter().map(|k| k.to_string()).collect();
        String::from_utf8(required_bytes(&hir, &keywords)).unwrap()
    }

    #[test]
    fn literals_in_every_branch_are_required_and_optional_ones_are_not() {
        assert_eq!(of(r"(?i:https?)://[^@]{1,64}:([^@]{3,128})@[a-z.]+"), "/:@");
        assert_eq!(of(r#"token["']?[ \t]*[:=][ \t]*"([A-Za-z0-9]{16,})""#), "\"ek");
        // One branch without the `=`: nothing but the name's letters is certain.
        assert_eq!(of(r"(?:secret=|secret:)(\w+)"), "cer");
        assert_eq!(of(r"(?:a@)?x+"), "x");
        assert_eq!(of(r"(?:@)*x"), "x");
        assert_eq!(of(r"(?:@){2,}"), "@");
        // A case-insensitive letter is a class of two: nothing required.
        assert_eq!(of(r"(?i)ghp_[0-9a-z]{36}"), "_");
        assert_eq!(of(r"\bAKIA[A-Z0-9]{16}\b"), "AIK");
        assert_eq!(of(r"[:=]\s*\d+"), "");
    }

    #[test]
    fn bytes_of_the_rules_keywords_are_not_checked() {
        let url = r"(?i:https?)://[^@]{1,64}:([^@]{3,128})@[a-z.]+";
        assert_eq!(of_rule(url, &["http://", "https://"]), "@");
        assert_eq!(of_rule(r"\bAKIA[A-Z0-9]{16}\b", &["akia"]), "");
    }

    #[test]
    fn a_window_must_hold_every_required_byte() {
        assert!(has_all(b"https://user:pw@host", b"/:@"));
        assert!(!has_all(b"see https://example.org/docs", b"/:@"));
        assert!(has_all(b"anything", b""));
    }
}
