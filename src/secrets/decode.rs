//! Secrets hidden in base64: Kubernetes `Secret` `data:` values, and base64 blobs anywhere,
//! decoded and scanned with the same rules, to a bounded depth (a blob inside a decoded blob
//! is depth 2). A secret found this way is reported on the encoded text it came from.
//!
//! Kubernetes values are decoded whatever their length and scanned as `key: value`, so the
//! key gives the context generic rules need (`password: <base64>`). Elsewhere a blob is a run
//! of at least [`base64_runs::MIN_RUN`] base64 characters mixing upper and lower case; it is
//! scanned only when it decodes to printable text, so identifiers, hashes and images cost one
//! failed decode.
//!
//! Hostile input stays linear: a blob decodes to less than its length, blobs do not overlap,
//! so each depth scans at most the bytes of the one above; blobs over [`MAX_BLOB`] bytes are
//! skipped, and a file gets at most [`MAX_DECODES`] decode attempts over all depths.

use super::base64_runs::{self, is_base64};
use super::{Scratch, SecretScanner};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_PAD_INDIFFERENT, URL_SAFE_PAD_INDIFFERENT};

/// The default of `--max-decode-depth`: a blob, and a blob inside it.
pub const DEFAULT_MAX_DEPTH: u8 = 2;
/// Longest blob decoded: longer ones are images, fonts and archives.
const MAX_BLOB: usize = 64 * 1024;
/// Decode attempts per file, over all depths.
const MAX_DECODES: usize = 4096;

/// A secret found in decoded text, located at the encoded text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedMatch {
    pub rule: usize,
    /// Byte span of the encoded value in the file.
    pub start: usize,
    pub end: usize,
    /// The decoded secret.
    pub secret: Vec<u8>,
}

/// Every secret in the base64 content of `text`, down to `max_depth` levels (0: none).
pub fn decoded_matches(
    scanner: &SecretScanner,
    scratch: &mut Scratch,
    path: &str,
    text: &[u8],
    max_depth: u8,
) -> Vec<DecodedMatch> {
    let mut walk = Walk { scanner, scratch, path, budget: MAX_DECODES, found: Vec::new() };
    if max_depth == 0 {
        return walk.found;
    }
    for (key, start, end) in kubernetes_secret_values(text) {
        if walk.budget == 0 {
            break;
        }
        walk.budget -= 1;
        let Some(value) = decode(&text[start..end]) else { continue };
        // `key: value`, so rules that need a name beside the value see one.
        let mut line = Vec::with_capacity(key.len() + value.len() + 3);
        line.extend_from_slice(key);
        line.extend_from_slice(b": ");
        let offset = line.len();
        line.extend_from_slice(&value);
        line.push(b'\n');
        let matches = walk.scanner.scan_with(walk.scratch, path, &line);
        for m in matches.into_iter().filter(|m| m.start >= offset) {
            walk.found.push(DecodedMatch { rule: m.rule, start, end, secret: line[m.start..m.end].to_vec() });
        }
        walk.blobs(&value, max_depth - 1, Some((start, end)));
    }
    walk.blobs(text, max_depth, None);
    // A Kubernetes value long enough to be a blob too was scanned twice.
    let mut found = walk.found;
    let mut seen = std::collections::HashSet::new();
    found.retain(|m| seen.insert((m.rule, m.start, m.end, m.secret.clone())));
    found
}

struct Walk<'a> {
    scanner: &'a SecretScanner,
    scratch: &'a mut Scratch,
    path: &'a str,
    budget: usize,
    found: Vec<DecodedMatch>,
}

impl Walk<'_> {
    /// Decode and scan each blob of `text`, `depth` levels down; `at` is the encoded span in
    /// the file that `text` came from (None: `text` is the file).
    fn blobs(&mut self, text: &[u8], depth: u8, at: Option<(usize, usize)>) {
        if depth == 0 {
            return;
        }
        for (start, end) in base64_runs::runs(text, MAX_BLOB) {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            let Some(decoded) = decode(&text[start..end]) else { continue };
            let (file_start, file_end) = at.unwrap_or((start, end));
            for m in self.scanner.scan_with(self.scratch, self.path, &decoded) {
                self.found.push(DecodedMatch {
                    rule: m.rule,
                    start: file_start,
                    end: file_end,
                    secret: decoded[m.start..m.end].to_vec(),
                });
            }
            self.blobs(&decoded, depth - 1, Some((file_start, file_end)));
        }
    }
}

/// Base64 text decoded, if it is base64 (standard or URL-safe alphabet, padded or not) of
/// printable text.
fn decode(encoded: &[u8]) -> Option<Vec<u8>> {
    let url_safe = encoded.iter().any(|&b| b == b'-' || b == b'_');
    let engine = if url_safe { &URL_SAFE_PAD_INDIFFERENT } else { &STANDARD_PAD_INDIFFERENT };
    if !head_may_be_text(engine, encoded) {
        return None;
    }
    let decoded = engine.decode(encoded).ok()?;
    let text = std::str::from_utf8(&decoded).ok()?;
    let printable = !text.is_empty() && text.chars().all(is_printable);
    printable.then_some(decoded)
}

fn is_printable(c: char) -> bool {
    !c.is_control() || matches!(c, '\n' | '\r' | '\t')
}

/// Could `encoded` decode to printable text, judging by its first 16 characters? Most runs are
/// identifiers, hashes and binary data, whose first 12 bytes are already not text (random bytes
/// are valid UTF-8 without control characters only by rare chance): they are turned down without
/// decoding (and allocating) the whole run. `false` only where [`decode`] would say `None`.
fn head_may_be_text(engine: &impl base64::Engine, encoded: &[u8]) -> bool {
    const HEAD: usize = 16;
    let Some(head) = encoded.get(..HEAD) else { return true };
    let mut bytes = [0u8; HEAD / 4 * 3];
    // Four whole quanta; an error (padding inside them) is left to the full decode.
    let Ok(n) = engine.decode_slice(head, &mut bytes) else { return true };
    let valid = match std::str::from_utf8(&bytes[..n]) {
        Ok(text) => text,
        // A character cut by the end of the head is no verdict; an invalid byte before it is.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid up to there"),
        Err(_) => return false,
    };
    valid.chars().all(is_printable)
}

/// `(key, value start, value end)` for each `data:` entry of each Kubernetes `Secret` in a
/// YAML file. Read line by line (no YAML parse): a document with `kind: Secret` at the top
/// level, its top-level `data:` mapping, and the `key: value` lines indented under it, with the
/// value plain or quoted.
fn kubernetes_secret_values(text: &[u8]) -> Vec<(&[u8], usize, usize)> {
    let mut out = Vec::new();
    if memchr::memmem::find(text, b"Secret").is_none() {
        return out;
    }
    let mut is_secret = false;
    let mut in_data = false;
    let mut document = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive(|&b| b == b'\n') {
        let line_start = at;
        at += line.len();
        let content = line.trim_ascii_end();
        if content.starts_with(b"---") {
            flush(&mut document, is_secret, &mut out);
            is_secret = false;
            in_data = false;
            continue;
        }
        if content.first().is_some_and(|b| !b.is_ascii_whitespace()) {
            in_data = content == b"data:";
            if let Some(kind) = content.strip_prefix(b"kind:") {
                is_secret = kind.trim_ascii().trim_ascii_start() == b"Secret";
            }
            continue;
        }
        if !in_data {
            continue;
        }
        let indented = content.trim_ascii_start();
        if indented.is_empty() || indented.starts_with(b"#") {
            continue;
        }
        let Some(colon) = memchr::memchr(b':', indented) else { continue };
        let key = &indented[..colon];
        let value = indented[colon + 1..].trim_ascii();
        let value = value.strip_prefix(b"\"").and_then(|v| v.strip_suffix(b"\"")).unwrap_or(value);
        let value = value.strip_prefix(b"'").and_then(|v| v.strip_suffix(b"'")).unwrap_or(value);
        if value.is_empty() || !value.iter().all(|&b| is_base64(b) || b == b'=') {
            continue;
        }
        // Byte offset of `value` inside the file: it is a subslice of `line`.
        let start = line_start + (value.as_ptr() as usize - line.as_ptr() as usize);
        document.push((key, start, start + value.len()));
    }
    flush(&mut document, is_secret, &mut out);
    out
}

/// Keep a document's `data:` values if the document is a Secret (`kind` may come after `data`).
fn flush<'a>(document: &mut Vec<(&'a [u8], usize, usize)>, is_secret: bool, out: &mut Vec<(&'a [u8], usize, usize)>) {
    if is_secret {
        out.append(document);
    }
    document.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_found_across_probe_offsets() {
        for pad in 0..25 {
            let text = format!("{}x = \"QUtJQVozTVNKVjRXV0tBTzdRUFE=\" y", " ".repeat(pad));
            let runs: Vec<&str> = base64_runs::runs(text.as_bytes(), MAX_BLOB).map(|(s, e)| &text[s..e]).collect();
            assert_eq!(runs, ["QUtJQVozTVNKVjRXV0tBTzdRUFE="], "pad {pad}");
        }
        assert_eq!(base64_runs::runs(b"some_long_snake_case_identifier_name", MAX_BLOB).count(), 0);
    }

    #[test]
    fn decodes_only_printable_text() {
        assert_eq!(decode(b"QUtJQVozTVNKVjRXV0tBTzdRUFE=").unwrap(), b"AKIAZ3MSJV4WWKAO7QPQ");
        assert_eq!(decode(b"QUtJQVozTVNKVjRXV0tBTzdRUFE").unwrap(), b"AKIAZ3MSJV4WWKAO7QPQ");
        assert!(decode(b"AbstractSingletonProxyFactoryBean").is_none());
        // Multi-byte characters, one cut by the end of the judged head: still text.
        let text = "p\u{e4}ssw\u{f6}rt=Gr\u{fc}\u{df}e aus M\u{fc}nchen";
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        assert_eq!(decode(encoded.as_bytes()).unwrap(), text.as_bytes());
    }

    /// The quick look at a run's head turns down only what the full decode would.
    #[test]
    fn the_head_check_agrees_with_the_full_decode() {
        let engine = &STANDARD_PAD_INDIFFERENT;
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut turned_down = 0;
        for i in 0..20_000 {
            // Printable ASCII, multi-byte UTF-8, control characters and random bytes, mixed.
            let len = 12 + (next() % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match (next() % 10, i % 3) {
                    (0, 0) => (next() % 32) as u8,
                    (1, _) => 0xC3,
                    (2, _) => 0xA4,
                    (_, 1) => next() as u8,
                    _ => b' ' + (next() % 95) as u8,
                })
                .collect();
            let encoded = engine.encode(&bytes);
            let whole = std::str::from_utf8(&bytes).is_ok_and(|t| t.chars().all(is_printable));
            if !head_may_be_text(engine, encoded.as_bytes()) {
                assert!(!whole, "turned down text: {bytes:?}");
                turned_down += 1;
            }
            assert_eq!(decode(encoded.as_bytes()).is_some(), whole, "{bytes:?}");
        }
        // The random and control-character cases must exercise the early refusal.
        assert!(turned_down > 5_000, "{turned_down}");
    }

    #[test]
    fn kubernetes_values_only_in_secrets() {
        let yaml = b"apiVersion: v1\nkind: Secret\ndata:\n  user: YWRtaW4=\n  pass: \"aHVudGVyMg==\"\n---\nkind: ConfigMap\ndata:\n  x: YWRtaW4=\n";
        let values: Vec<(&[u8], &[u8])> =
            kubernetes_secret_values(yaml).into_iter().map(|(k, s, e)| (k, &yaml[s..e])).collect();
        assert_eq!(values, [(&b"user"[..], &b"YWRtaW4="[..]), (&b"pass"[..], &b"aHVudGVyMg=="[..])]);
    }
}
