//! GitHub's `primaryLocationLineHash` fingerprint, computed exactly as github/codeql-action does
//! (`src/fingerprints.ts`) before it uploads SARIF.
//!
//! Code scanning matches an alert across commits by this hash of the text at its first line, so an
//! alert survives unrelated edits above it. GitHub's documentation warns that SARIF uploaded
//! through the API without it may show duplicate alerts. A hash that differs from
//! codeql-action's in any way is worse than none (alerts uploaded by the action and by tollgate would
//! never match), which is why the unit tests carry codeql-action's own expected values.
//!
//! The algorithm: a rolling polynomial hash (multiplier 37, 64-bit wrapping arithmetic, like the
//! `long` npm package) over the 100 characters that start at each line, where characters are UTF-16
//! code units, spaces and tabs are skipped, CR and CRLF count as one LF, and the end of the file is
//! marked by 65535 and followed by zeros. Lines with the same hash in one file are told apart by a
//! counter: `"{hash in hex}:{n}"`.

use crate::sarif_location::{LINE_HASH_KEY, artifact_path};
use serde_json::Value;
use std::collections::HashMap;

const BLOCK_SIZE: usize = 100;
const MULTIPLIER: i64 = 37;
const TAB: u16 = b'\t' as u16;
const SPACE: u16 = b' ' as u16;
const LF: u16 = b'\n' as u16;
const CR: u16 = b'\r' as u16;
/// Pushed after the last character, so that a last line hashes differently from the same text
/// followed by more lines.
const EOF: u16 = 0xFFFF;

/// The `primaryLocationLineHash` of every line of `text`: index 0 is line 1. A text has one line
/// more than it has line breaks (`"a\n"` has two lines, the second empty), as in codeql-action.
pub fn line_hashes(text: &str) -> Vec<String> {
    let mut roller = Roller::new();
    let mut line_start = true;
    let mut prev_cr = false;
    for unit in text.encode_utf16().chain(std::iter::once(EOF)) {
        // Spaces and tabs never count; an LF right after a CR is the second half of a CRLF.
        if unit == SPACE || unit == TAB || (prev_cr && unit == LF) {
            prev_cr = false;
            continue;
        }
        prev_cr = unit == CR;
        let unit = if unit == CR { LF } else { unit };
        roller.emit_leaving_line();
        if line_start {
            roller.mark_line_start();
        }
        line_start = unit == LF;
        roller.push(unit);
    }
    // Slide zeros through the window until the block of every remaining line has been hashed.
    for _ in 0..BLOCK_SIZE {
        roller.emit_leaving_line();
        roller.push(0);
    }
    roller.hashes
}

/// The rolling hash over a window of the last [`BLOCK_SIZE`] characters. When the character at
/// the start of a line is about to leave the window, the hash covers exactly that line's block.
struct Roller {
    window: [u16; BLOCK_SIZE],
    /// Whether the character in the same slot of `window` starts a line.
    starts_line: [bool; BLOCK_SIZE],
    /// The slot the next character goes into (the oldest one).
    index: usize,
    hash: i64,
    /// `MULTIPLIER^BLOCK_SIZE`: the weight of the character leaving the window.
    first_mod: i64,
    /// How often each hash value has been emitted so far.
    seen: HashMap<u64, usize>,
    /// One per line, in line order: line starts leave the window in the order they entered.
    hashes: Vec<String>,
}

impl Roller {
    fn new() -> Roller {
        Roller {
            window: [0; BLOCK_SIZE],
            starts_line: [false; BLOCK_SIZE],
            index: 0,
            hash: 0,
            first_mod: (0..BLOCK_SIZE).fold(1i64, |m, _| m.wrapping_mul(MULTIPLIER)),
            seen: HashMap::new(),
            hashes: Vec::new(),
        }
    }

    /// Record the hash of the line whose first character is about to be pushed out, if any.
    fn emit_leaving_line(&mut self) {
        if !std::mem::take(&mut self.starts_line[self.index]) {
            return;
        }
        let value = self.hash as u64;
        let n = self.seen.entry(value).or_insert(0);
        *n += 1;
        self.hashes.push(format!("{value:x}:{n}"));
    }

    /// The next character pushed starts a line.
    fn mark_line_start(&mut self) {
        self.starts_line[self.index] = true;
    }

    fn push(&mut self, unit: u16) {
        let leaving = std::mem::replace(&mut self.window[self.index], unit);
        self.hash = MULTIPLIER
            .wrapping_mul(self.hash)
            .wrapping_add(i64::from(unit))
            .wrapping_sub(self.first_mod.wrapping_mul(i64::from(leaving)));
        self.index = (self.index + 1) % BLOCK_SIZE;
    }
}

/// Give every result that has no `primaryLocationLineHash` yet the hash of its primary location's
/// start line, as codeql-action does before uploading. `read` returns the text of a file named by
/// its decoded URI path: a relative path (relative to the checkout root, whatever its `uriBaseId`:
/// codeql-action makes the same assumption) or an absolute one (from a `file://` URI). Results
/// without a start line, with a URI of another scheme, or whose file cannot be read or is too
/// short are left alone: GitHub then matches them by other means, and codeql-action skips them too.
/// Each file is read and hashed once.
pub fn add_line_hashes(sarif: &mut Value, read: impl Fn(&str) -> Option<String>) {
    let Some(runs) = sarif.get_mut("runs").and_then(Value::as_array_mut) else {
        return;
    };
    let mut files: HashMap<String, Option<Vec<String>>> = HashMap::new();
    for run in runs {
        let artifacts = run.get("artifacts").cloned().unwrap_or(Value::Null);
        let Some(results) = run.get_mut("results").and_then(Value::as_array_mut) else {
            continue;
        };
        for result in results {
            if result.pointer(&format!("/partialFingerprints/{LINE_HASH_KEY}")).is_some() {
                continue;
            }
            let Some(physical) = result.pointer("/locations/0/physicalLocation") else {
                continue;
            };
            let Some(line) = physical.pointer("/region/startLine").and_then(Value::as_u64) else {
                continue;
            };
            let Some(path) = physical.get("artifactLocation").and_then(|a| artifact_path(a, &artifacts)) else {
                continue;
            };
            let hashes = files.entry(path).or_insert_with_key(|path| read(path).map(|text| line_hashes(&text)));
            let Some(hash) = hashes.as_ref().and_then(|h| h.get((line as usize).checked_sub(1)?)) else {
                continue;
            };
            set_line_hash(result, hash);
        }
    }
}

fn set_line_hash(result: &mut Value, hash: &str) {
    let Some(obj) = result.as_object_mut() else {
        return;
    };
    let fingerprints = obj.entry("partialFingerprints").or_insert_with(|| Value::Object(Default::default()));
    if let Some(map) = fingerprints.as_object_mut() {
        map.insert(LINE_HASH_KEY.to_string(), Value::String(hash.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Checks `line_hashes` against the expected values, and that there is one hash per line as
    /// codeql-action's test counts lines (`input.split(/\r\n|\r|\n/).length`).
    fn check(input: &str, expected: &[&str]) {
        let lines = input.replace("\r\n", "\n").replace('\r', "\n").split('\n').count();
        let hashes = line_hashes(input);
        assert_eq!(hashes, expected, "input {input:?}");
        assert_eq!(hashes.len(), lines, "input {input:?}");
    }

    // The vectors below are codeql-action's `src/fingerprints.test.ts` ("hash" test), verbatim.

    #[test]
    fn empty_file() {
        check("", &["c129715d7a2bc9a3:1"]);
    }

    #[test]
    fn leading_whitespace_and_no_final_newline() {
        check(
            " a\nb\n  \t\tc\n d",
            &["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"],
        );
        check(
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
            &[
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1",
            ],
        );
    }

    #[test]
    fn every_line_ending_style_hashes_the_same() {
        let expected = [
            "e9496ae3ebfced30:1",
            "fb7c023a8b9ccb3f:1",
            "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1",
            "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ];
        check(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", &expected);
        check(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", &expected);
        check(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", &expected);
        check(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", &expected);
    }

    #[test]
    fn repeated_lines_are_counted() {
        check(
            &"Lorem ipsum dolor sit amet.\n".repeat(10),
            &[
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }

    #[test]
    fn short_program() {
        check(
            "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
            &[
                "e54938cc54b302f1:1",
                "bb609acbe9138d60:1",
                "1131fd5871777f34:1",
                "5c482a0f8b35ea28:1",
                "54517377da7028d2:1",
                "2c644846cb18d53e:1",
                "f1b89f20de0d133:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }

    #[test]
    fn non_ascii_is_hashed_as_utf16_code_units() {
        // One astral character is two code units: the line differs from one with a BMP character.
        let astral = line_hashes("k = '\u{1F511}'\n");
        let bmp = line_hashes("k = '\u{2603}'\n");
        assert_eq!(astral.len(), 2);
        assert_ne!(astral[0], bmp[0]);
        assert_eq!(astral[1], bmp[1]);
    }

    /// codeql-action's `addFingerprints` test: `src/testdata/fingerprinting.input.sarif` against
    /// `fingerprinting.expected.sarif`, with the contents of `testFile1.js` and `testFile2.js`.
    #[test]
    fn adds_hashes_like_codeql_actions_add_fingerprints() {
        let mut sarif = json!({"version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "CodeQL command-line toolchain", "rules": []}},
            "artifacts": [
                {"location": {"uri": "testFile1.js", "uriBaseId": "%SRCROOT%", "index": 0}},
                {"location": {"uri": "testFile2.js", "uriBaseId": "%SRCROOT%", "index": 1}}
            ],
            "results": [
                {"ruleId": "js/unused-local-variable", "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": "testFile1.js", "uriBaseId": "%SRCROOT%", "index": 0},
                    "region": {"startLine": 1, "startColumn": 1, "endColumn": 10}}}]},
                {"ruleId": "js/unused-local-variable", "locations": [{"physicalLocation": {
                    "artifactLocation": {"index": 1}, "region": {"startLine": 2}}}]}
            ]
        }]});
        let reads = std::cell::RefCell::new(Vec::new());
        add_line_hashes(&mut sarif, |path| {
            reads.borrow_mut().push(path.to_string());
            match path {
                "testFile1.js" => Some("var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n".into()),
                "testFile2.js" => Some("var foo = 0;\nvar bar = 0;\nvar baz = 0;\nvar qux = 0;\n".into()),
                _ => None,
            }
        });
        let results = &sarif["runs"][0]["results"];
        assert_eq!(results[0]["partialFingerprints"][LINE_HASH_KEY], "5e4d5a9cf1294ad9:1");
        assert_eq!(results[1]["partialFingerprints"][LINE_HASH_KEY], "f7592a95a9381ac0:1");
        assert_eq!(*reads.borrow(), ["testFile1.js", "testFile2.js"]);
    }

    #[test]
    fn keeps_existing_hashes_and_skips_what_it_cannot_hash() {
        let loc = |uri: &str, line: Option<u64>| {
            let mut physical = json!({"artifactLocation": {"uri": uri}});
            if let Some(line) = line {
                physical["region"] = json!({"startLine": line});
            }
            json!({"locations": [{"physicalLocation": physical}], "partialFingerprints": {"tollgate/v1": "x"}})
        };
        let mut existing = loc("a%20b.py", Some(1));
        existing["partialFingerprints"][LINE_HASH_KEY] = json!("given:1");
        let mut sarif = json!({"runs": [{"results": [
            existing,
            loc("a%20b.py", Some(2)),
            loc("file:///repo/abs.py", Some(1)),
            loc("a%20b.py", Some(9)),
            loc("a%20b.py", None),
            loc("https://example.com/x.py", Some(1)),
            loc("missing.py", Some(1)),
        ]}]});
        add_line_hashes(&mut sarif, |path| match path {
            "a b.py" | "/repo/abs.py" => Some("one\ntwo\n".into()),
            _ => None,
        });
        let hashes: Vec<&Value> =
            sarif["runs"][0]["results"].as_array().unwrap().iter().map(|r| &r["partialFingerprints"]).collect();
        let expected = line_hashes("one\ntwo\n");
        assert_eq!(hashes[0][LINE_HASH_KEY], "given:1");
        assert_eq!(hashes[1][LINE_HASH_KEY], expected[1].as_str());
        assert_eq!(hashes[1]["tollgate/v1"], "x");
        assert_eq!(hashes[2][LINE_HASH_KEY], expected[0].as_str());
        for skipped in &hashes[3..] {
            assert!(skipped.get(LINE_HASH_KEY).is_none(), "{skipped}");
        }
    }
}
