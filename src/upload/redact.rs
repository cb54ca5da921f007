//! Everything an upload prints passes through here, because part of it comes from the other end
//! of a network connection: a hostile or misconfigured server (or a proxy in front of it) can
//! answer with the request's own `Authorization` header in its error text, with a token of its own,
//! or with terminal escape sequences that rewrite what the user sees.
//!
//! Two steps, at two places:
//! - [`untrusted`] cleans one piece of text that came from outside (the server's message, a URL,
//!   a processing error; a path named by the SARIF log) where it is put into a message: control characters and bidirectional
//!   overrides become visible escapes, and the length is capped. Our own line breaks in the
//!   message around it stay.
//! - [`Redactor::redact`] runs over every whole line printed: the token itself, and anything that
//!   looks like a GitHub token or a credential (`Bearer ...`, `user:password@` in a URL), becomes
//!   `***`.

use regex::Regex;
use std::sync::LazyLock;

/// Shown in place of a redacted credential.
const MASK: &str = "***";

/// Token shapes worth hiding wherever they appear: GitHub's prefixed tokens (personal, OAuth,
/// user-to-server, server-to-server, refresh), fine-grained personal tokens, old installation
/// tokens, an HTTP authorization value, and the password part of a URL's user information.
static CREDENTIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\bgh[pousr]_[A-Za-z0-9_]{16,}",
        r"|\bgithub_pat_[A-Za-z0-9_]{16,}",
        r"|\bv1\.[0-9a-fA-F]{40}\b",
        r"|(?i:\b(?:bearer|token|basic)[ \t]+)[A-Za-z0-9._~+/=-]{8,}",
        r"|(?://[^/?#@\s:]*:)[^/?#@\s]+@",
    ))
    .expect("the credential patterns compile")
});
/// The part of a credential match to keep: the scheme word of an authorization value, the
/// `//user:` of a URL (and its `@`).
static KEEP_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:(?:bearer|token|basic)[ \t]+|//[^/?#@\s:]*:)").expect("compiles"));

/// Hides the token an upload uses, and anything shaped like a credential, in text to be printed.
#[derive(Clone, Default)]
pub struct Redactor {
    token: Option<String>,
}

impl Redactor {
    /// A redactor that also knows the exact `token` (whatever its shape).
    pub fn with_token(token: &str) -> Redactor {
        let token = token.trim();
        Redactor { token: (!token.is_empty()).then(|| token.to_string()) }
    }

    /// `text` with the token and every credential-shaped string replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        let text = match &self.token {
            Some(token) => text.replace(token.as_str(), MASK),
            None => text.to_string(),
        };
        CREDENTIALS
            .replace_all(&text, |caps: &regex::Captures<'_>| {
                let found = &caps[0];
                // `token required`, `basic authentication`: words, not credentials.
                let keep = KEEP_PREFIX.find(found).map_or("", |m| m.as_str());
                let secret_part = &found[keep.len()..];
                if !keep.starts_with("//") && !secret_part.bytes().any(|b| b.is_ascii_digit() || b"+/=_".contains(&b)) {
                    return found.to_string();
                }
                let at = if found.ends_with('@') && keep.starts_with("//") { "@" } else { "" };
                format!("{keep}{MASK}{at}")
            })
            .into_owned()
    }
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redactor(***)")
    }
}

/// `text` from the server (or another untrusted source) made safe to put in a message: at most `max_chars` characters (then
/// `…`), surrounding whitespace trimmed, control characters (line breaks included: one server
/// message is one line of ours), bidirectional controls and other invisible format characters
/// shown as `\u{..}` escapes.
pub fn untrusted(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len().min(max_chars * 4));
    for (n, c) in text.chars().enumerate() {
        if n == max_chars {
            out.push('…');
            break;
        }
        if is_hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that move the cursor, start escape sequences, or reorder or hide text on screen.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width spaces and joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{2069}' // word joiner, invisible operators, bidirectional isolates
            | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_the_token_and_anything_shaped_like_one() {
        let r = Redactor::with_token("s3cr3t-opaque-value");
        assert_eq!(r.redact("got s3cr3t-opaque-value back"), "got *** back");
        assert_eq!(r.redact("Authorization: Bearer abcdefgh12345678"), "Authorization: Bearer ***");
        assert_eq!(r.redact("token ghs_16CharactersLongXYZ"), "token ***");
        assert_eq!(r.redact("leaked ghp_0123456789abcdefABCDEF0123456789abcd!"), "leaked ***!");
        assert_eq!(r.redact("github_pat_11ABCDEFG0123456789_abcdefghijkl"), "***");
        assert_eq!(r.redact(&format!("v1.{}", "a1".repeat(20))), "***");
        assert_eq!(
            r.redact("see https://x-access-token:hunter2@github.com/o/r"),
            "see https://x-access-token:***@github.com/o/r"
        );
        // Ordinary text, URLs and commit ids stay as they are.
        let plain = "cannot upload: HTTP 404 at https://api.github.com/repos/o/r (commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904)";
        assert_eq!(r.redact(plain), plain);
        for words in ["a token is needed", "token required for this endpoint", "use basic authentication"] {
            assert_eq!(Redactor::default().redact(words), words);
        }
    }

    #[test]
    fn untrusted_is_one_visible_bounded_line() {
        assert_eq!(
            untrusted("  Bad\r\nthing\x1b]0;pwned\x07 \u{202E}txt ", 100),
            r"Bad\u{d}\u{a}thing\u{1b}]0;pwned\u{7} \u{202e}txt"
        );
        assert_eq!(untrusted("abcdef", 3), "abc…");
        assert_eq!(untrusted("naïve ✓", 10), "naïve ✓");
    }
}
