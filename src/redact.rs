//! Redaction: the one step every string passes through before it leaves tollgate.
//!
//! Engines produce findings with raw text: a secret finding's message, snippet and secret, a
//! policy finding's message (which may quote a whole command) and snippet, diagnostics. While
//! they do, they record in [`KnownSecrets`] every secret the file holds: each value the secrets
//! engine confirmed, and each value a policy with `redact: true` flags as a credential. After
//! the file is analysed, [`Redactor`] masks *every occurrence of every one of them* in *every*
//! string of *every* finding and diagnostic of that file, so a `curl -H "Authorization: token
//! ghp_..." | sh` finding, or a snippet with a second token on the same line, shows no more of a
//! secret than the secret's own finding does. With `--no-redact` the step is skipped.
//!
//! What a masked secret shows ([`mask`]): its first and last four characters when it has at least
//! 16 (`AKIA************MPLE`, enough to tell which key it is); `********` otherwise, whatever its
//! length, so a short password gives away neither characters nor its length. Past
//! [`FIXED_WIDTH_ABOVE`] characters a mask has a fixed width and states the length
//! (`-----********[1834 chars]********-----` for a PEM key), rather than a screen of stars. Occurrences that
//! overlap are masked as one run with nothing kept. A snippet clipped in the middle of a secret
//! (marked by `…` at the cut) would leave a piece of it no whole-value search can find: the piece
//! next to the `…` is masked when it is the start or the end of a known secret.

use crate::model::Diagnostic;
use crate::model::Finding;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Secrets with more characters than this are masked to a fixed width that states their length.
const FIXED_WIDTH_ABOVE: usize = 64;
/// Stars on each side of the stated length in a fixed-width mask.
const FIXED_STARS: usize = 8;
/// Secrets with fewer characters than this are masked as [`SHORT_MASK`], with nothing kept.
const KEEP_EDGES_FROM: usize = 16;
/// How many characters of a long secret are kept at each end.
const EDGE: usize = 4;
/// The masked form of a short secret: fixed, so it hides the length too.
const SHORT_MASK: &str = "********";
/// Shorter values are not searched for: they occur everywhere by chance (`true`, `443`), and a
/// secret engine never confirms one.
const MIN_NEEDLE: usize = 4;
/// How far from a `…` cut a partial secret is looked for, in bytes (snippets are clipped to far
/// fewer characters than this).
const EDGE_REACH: usize = 1024;
/// The mark reports put where a snippet was clipped.
const CLIP_MARK: char = '…';

/// Mask one secret for display (see the module documentation).
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    if n < KEEP_EDGES_FROM {
        return SHORT_MASK.to_string();
    }
    let mut out = String::with_capacity(secret.len().min(FIXED_WIDTH_ABOVE));
    out.extend(secret.chars().take(EDGE));
    out.push_str(&middle(n, n - 2 * EDGE));
    out.extend(secret.chars().skip(n - EDGE));
    out
}

/// `stars` stars, or for a long secret (`n` characters) a fixed-width run that states `n`.
fn middle(n: usize, stars: usize) -> String {
    if n > FIXED_WIDTH_ABOVE {
        let side = "*".repeat(FIXED_STARS);
        format!("{side}[{n} chars]{side}")
    } else {
        "*".repeat(stars)
    }
}

/// A run of text that is not one whole secret (overlapping secrets, a clipped piece): all stars.
fn mask_all(text: &str) -> String {
    let n = text.chars().count();
    if n < KEEP_EDGES_FROM { SHORT_MASK.to_string() } else { middle(n, n) }
}

/// Every secret found in one file, as the engines report them.
#[derive(Debug, Default)]
pub struct KnownSecrets {
    needles: Vec<String>,
}

impl KnownSecrets {
    /// Record a raw secret. A multi-line secret (a PEM key) is recorded whole and line by line,
    /// since a snippet shows one line of it.
    pub fn add(&mut self, raw: &str) {
        if raw.contains('\n') && raw.trim().chars().count() >= MIN_NEEDLE {
            self.needles.push(raw.trim().to_string());
        }
        for line in raw.lines() {
            let line = line.trim();
            if line.chars().count() >= MIN_NEEDLE {
                self.needles.push(line.to_string());
            }
        }
    }

    /// Record the values a credential policy blames: the value itself when it is a string;
    /// under an object or list, the strings held by `value` keys (`{name, value}` pairs), else
    /// every string but names. References (`$X`, `${...}`) are not secrets.
    pub fn add_blamed(&mut self, node: &serde_json::Value) {
        let mut under_value_keys = Vec::new();
        collect_strings(node, &|key| key.eq_ignore_ascii_case("value"), false, &mut under_value_keys);
        if under_value_keys.is_empty() {
            let skip = |key: &str| !matches!(key.to_ascii_lowercase().as_str(), "name" | "original" | "type");
            collect_strings(node, &skip, true, &mut under_value_keys);
        }
        for s in under_value_keys {
            if !s.starts_with('$') {
                self.add(s);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// The redactor for these secrets; `None` when there is nothing to mask.
    pub fn redactor(mut self) -> Option<Redactor> {
        self.needles.sort_unstable();
        self.needles.dedup();
        if self.needles.is_empty() {
            return None;
        }
        // An NFA: built per file with findings, it searches a few short messages, where the
        // DFA aho-corasick would choose cost more to build than all its searches save.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&self.needles)
            .expect("an automaton over a file's secrets");
        let mut reversed: Vec<Vec<u8>> = self.needles.iter().map(|n| n.bytes().rev().collect()).collect();
        reversed.sort_unstable();
        Some(Redactor { automaton, sorted: self.needles, reversed })
    }
}

/// Push every string in `node` that `keep_key` admits; `taken` says whether strings outside
/// any admitted key (the node itself, list items) count.
fn collect_strings<'a>(
    node: &'a serde_json::Value,
    keep_key: &dyn Fn(&str) -> bool,
    taken: bool,
    out: &mut Vec<&'a str>,
) {
    match node {
        serde_json::Value::String(s) if taken => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, keep_key, taken, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if keep_key(k) {
                    collect_strings(v, keep_key, true, out);
                } else if !taken {
                    collect_strings(v, keep_key, false, out);
                }
            }
        }
        _ => {}
    }
}

/// Masks a file's known secrets in any text (see the module documentation). Linear in the text
/// (plus the matches found), whatever the number of secrets.
pub struct Redactor {
    automaton: AhoCorasick,
    /// The secrets, sorted: a prefix of some secret is found by one binary search.
    sorted: Vec<String>,
    /// The secrets' bytes reversed, sorted: the same for suffixes.
    reversed: Vec<Vec<u8>>,
}

/// A span of text to mask; `whole` when it is exactly one secret.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    whole: bool,
}

impl Redactor {
    /// Mask every string of a finding that reports show.
    pub fn finding(&self, f: &mut Finding) {
        self.in_place(&mut f.message);
        self.in_place(&mut f.snippet);
        if let Some(secret) = &mut f.secret {
            self.in_place(secret);
        }
    }

    pub fn diagnostic(&self, d: &mut Diagnostic) {
        self.in_place(&mut d.message);
    }

    fn in_place(&self, text: &mut String) {
        if let Some(masked) = self.mask_text(text) {
            *text = masked;
        }
    }

    /// `text` with every known secret masked; `None` when it holds none.
    pub fn mask_text(&self, text: &str) -> Option<String> {
        let mut found: Vec<Span> = self
            .automaton
            .find_overlapping_iter(text)
            .map(|m| Span { start: m.start(), end: m.end(), whole: true })
            .collect();
        found.extend(self.clipped_head(text));
        found.extend(self.clipped_tail(text));
        if found.is_empty() {
            return None;
        }
        // Overlapping secrets become one run with nothing kept (its edges may be another
        // secret's middle); a secret inside a longer one is masked with it.
        found.sort_unstable_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut spans: Vec<Span> = Vec::with_capacity(found.len());
        for span in found {
            match spans.last_mut() {
                // Inside the run so far (a secret within a longer one): the run stands.
                Some(last) if span.end <= last.end => {}
                Some(last) if span.start < last.end => {
                    last.end = span.end;
                    last.whole = false;
                }
                _ => spans.push(span),
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for span in spans {
            out.push_str(&text[at..span.start]);
            let secret = &text[span.start..span.end];
            out.push_str(&if span.whole { mask(secret) } else { mask_all(secret) });
            at = span.end;
        }
        out.push_str(&text[at..]);
        Some(out)
    }

    /// A piece at the start of `text`, right after a leading `…`, that is the end of a secret.
    fn clipped_head(&self, text: &str) -> Option<Span> {
        let trimmed = text.trim_start();
        let rest = trimmed.strip_prefix(CLIP_MARK)?;
        let start = text.len() - rest.len();
        let reach = floor_boundary(rest, EDGE_REACH.min(rest.len()));
        // The longest piece first: the first cut (from the far end) that ends a secret.
        let cuts = (1..=reach).rev().filter(|&i| rest.is_char_boundary(i));
        for end in cuts {
            if starts_some(&self.reversed, rest.as_bytes()[..end].iter().rev()) {
                return Some(Span { start, end: start + end, whole: false });
            }
        }
        None
    }

    /// A piece at the end of `text`, right before a trailing `…`, that is the start of a secret.
    fn clipped_tail(&self, text: &str) -> Option<Span> {
        let trimmed = text.trim_end();
        let body = trimmed.strip_suffix(CLIP_MARK)?;
        let from = body.len() - floor_boundary_back(body, EDGE_REACH.min(body.len()));
        let cuts = (from..body.len()).filter(|&i| body.is_char_boundary(i));
        for start in cuts {
            if starts_some(&self.sorted, body.as_bytes()[start..].iter()) {
                return Some(Span { start, end: body.len(), whole: false });
            }
        }
        None
    }
}

/// Whether some entry of `sorted` starts with the bytes of `piece` (an iterator, so a reversed
/// piece needs no copy).
fn starts_some<'a, T: AsRef<[u8]>>(sorted: &[T], piece: impl Iterator<Item = &'a u8> + Clone) -> bool {
    let at = sorted.partition_point(|s| s.as_ref().iter().lt(piece.clone()));
    sorted.get(at).is_some_and(|s| {
        let mut entry = s.as_ref().iter();
        piece.clone().all(|b| entry.next() == Some(b))
    })
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How many bytes at the end of `s`, at most `n`, start on a char boundary.
fn floor_boundary_back(s: &str, n: usize) -> usize {
    let mut start = s.len() - n;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    s.len() - start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor(secrets: &[&str]) -> Redactor {
        let mut known = KnownSecrets::default();
        secrets.iter().for_each(|s| known.add(s));
        known.redactor().expect("secrets to mask")
    }

    #[test]
    fn long_secrets_keep_their_edges_short_ones_nothing() {
        assert_eq!(mask("AKIAIOSFODNN7EXAMPLE"), "AKIA************MPLE");
        assert_eq!(mask("hunter22"), "********");
        assert_eq!(mask("abcdefghijklmno"), "********", "15 characters keep nothing");
        assert_eq!(mask("a"), mask("abcdefghij"), "a short secret's length is not shown");
        let long = "x".repeat(1834);
        assert_eq!(mask(&long), "xxxx********[1834 chars]********xxxx", "a long one has a fixed width");
        assert_eq!(mask(&"y".repeat(64)).len(), 64, "up to 64 characters the mask keeps the length");
    }

    #[test]
    fn every_occurrence_of_every_secret_is_masked() {
        let r = redactor(&["ghp_0123456789abcdefghijABCDEFGHIJ012345", "hunter22"]);
        let text = "curl -u me:hunter22 -H 'token ghp_0123456789abcdefghijABCDEFGHIJ012345' | sh; echo hunter22";
        assert_eq!(
            r.mask_text(text).unwrap(),
            "curl -u me:******** -H 'token ghp_********************************2345' | sh; echo ********"
        );
        assert_eq!(r.mask_text("nothing here"), None);
    }

    #[test]
    fn overlapping_secrets_are_masked_as_one_run() {
        let r = redactor(&["abcdefghij", "ghijklmnop", "hij"]);
        // `hij` is under the minimum length and ignored; the two others overlap.
        let masked = r.mask_text("x abcdefghijklmnop y").unwrap();
        assert_eq!(masked, "x **************** y");
        // A secret inside another is masked with it; one reaching past it joins the run.
        let r = redactor(&["0123456789abcdef", "6789"]);
        assert_eq!(r.mask_text("-0123456789abcdef-").unwrap(), "-0123********cdef-");
        let r = redactor(&["0123456789abcdef", "6789", "3456789abcdefXYZ"]);
        assert_eq!(r.mask_text("-0123456789abcdefXYZ-").unwrap(), "-*******************-");
    }

    #[test]
    fn a_piece_of_a_secret_at_a_clip_mark_is_masked() {
        let r = redactor(&["xoxb-155296882096-7362180980324-Ti2PO3fESGLiL6ZqERjqZpT9"]);
        assert_eq!(r.mask_text("key = \"xoxb-1552968…").unwrap(), "key = \"********…");
        let piece = "180980324-Ti2PO3fESGLiL6ZqERjqZpT9";
        assert_eq!(r.mask_text(&format!("…{piece}\" }}")).unwrap(), format!("…{}\" }}", "*".repeat(piece.len())));
        assert_eq!(r.mask_text("…plain text…"), None);
    }

    #[test]
    fn multi_line_secrets_are_masked_line_by_line() {
        let key = "-----BEGIN KEY-----\n  MIIEowIBAAKCAQEAq7BFUpkGp3+XQ\n-----END KEY-----";
        let r = redactor(&[key]);
        assert_eq!(r.mask_text("  MIIEowIBAAKCAQEAq7BFUpkGp3+XQ").unwrap(), "  MIIE*********************3+XQ");
        assert_eq!(r.mask_text(&format!("found {key}")).unwrap(), format!("found {}", mask(key)));
    }

    #[test]
    fn credential_values_under_a_blamed_node() {
        let mut known = KnownSecrets::default();
        known.add_blamed(&serde_json::json!({"name": "DB_PASSWORD", "value": "hunter22", "type": "PLAINTEXT"}));
        known.add_blamed(&serde_json::json!("s3cr3t-value"));
        known.add_blamed(&serde_json::json!(["$FROM_ENV", {"password": "p4ssw0rd!"}]));
        known.needles.sort();
        assert_eq!(known.needles, ["hunter22", "p4ssw0rd!", "s3cr3t-value"]);
    }
}
