//! One Dockerfile instruction's keyword, flags and arguments, read from its logical line (see
//! [`super::lexer`]) with the position of each: shell words (quotes and the escape character
//! keep a word together), JSON arrays for the exec form, `KEY=VALUE` pairs for ENV/ARG/LABEL
//! (and the legacy `ENV KEY value with spaces`), and what each instruction takes (`FROM image AS
//! name`, `HEALTHCHECK CMD ...`, `ONBUILD`'s trigger).

use super::lexer::{Logical, trim_bytes};
use super::{Instr, Span};

/// The instructions Docker knows; any other keyword is an error, as in `docker build`.
const INSTRUCTIONS: [&str; 18] = [
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Instructions whose leading `--name=value` words are flags.
const TAKES_FLAGS: [&str; 5] = ["from", "run", "copy", "add", "healthcheck"];

/// Shell words of `b[from..]` as logical ranges; quotes and escapes keep a word together.
pub(super) fn words(b: &[u8], from: usize, escape: u8) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = from;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        let mut quote: Option<u8> = None;
        while i < b.len() {
            let c = b[i];
            match quote {
                Some(q) => {
                    if c == escape && q == b'"' && i + 1 < b.len() {
                        i += 2;
                        continue;
                    }
                    if c == q {
                        quote = None;
                    }
                }
                None => {
                    if c.is_ascii_whitespace() {
                        break;
                    }
                    if c == escape && i + 1 < b.len() {
                        i += 2;
                        continue;
                    }
                    if c == b'"' || c == b'\'' {
                        quote = Some(c);
                    }
                }
            }
            i += 1;
        }
        out.push((start, i.min(b.len())));
    }
    out
}

/// A shell word's value: quotes removed and escapes applied (variables are not expanded).
fn unquote(w: &[u8], escape: u8) -> String {
    let mut out = Vec::with_capacity(w.len());
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let next = w.get(i + 1).copied();
        match quote {
            None => {
                if c == escape
                    && let Some(n) = next
                {
                    out.push(n);
                    i += 1;
                } else if c == b'"' || c == b'\'' {
                    quote = Some(c);
                } else {
                    out.push(c);
                }
            }
            Some(b'\'') if c == b'\'' => quote = None,
            Some(b'\'') => out.push(c),
            Some(_) => {
                // Inside double quotes the escape character only escapes `"`, `$` and itself.
                if c == escape
                    && let Some(n) = next.filter(|&n| n == b'"' || n == b'$' || n == escape)
                {
                    out.push(n);
                    i += 1;
                } else if c == b'"' {
                    quote = None;
                } else {
                    out.push(c);
                }
            }
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The elements of a JSON string array with the span of each, or `None` when `b` is not one
/// (then the instruction is in shell form).
fn json_array(b: &[u8]) -> Option<Vec<(String, Span)>> {
    let trimmed = trim_bytes(b);
    if !trimmed.starts_with(b"[") {
        return None;
    }
    let values: Vec<String> = serde_json::from_slice(trimmed).ok()?;
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            spans.push((start, (i + 1).min(b.len())));
        }
        i += 1;
    }
    let spans: Vec<Option<Span>> =
        if spans.len() == values.len() { spans.into_iter().map(Some).collect() } else { vec![None; values.len()] };
    Some(values.into_iter().zip(spans).map(|(v, s)| (v, s.unwrap_or((0, b.len())))).collect())
}

/// Read one instruction from its logical line, starting at `from` (past `ONBUILD` for its
/// trigger, at `depth` 1): shell-word tokenizing plus the per-instruction argument rules.
/// `None` for an unknown instruction.
pub(super) fn read_instruction(logical: &Logical, from: usize, escape: u8, depth: usize) -> Option<Instr> {
    let b = &logical.bytes;
    let ws = words(b, from, escape);
    let &(ks, ke) = ws.first()?;
    let keyword = String::from_utf8_lossy(&b[ks..ke]).to_ascii_uppercase();
    if !INSTRUCTIONS.contains(&keyword.as_str()) {
        return None;
    }
    let mut ins = Instr::new(&keyword);
    ins.keyword = Some(logical.span(ks, ke));
    ins.span = Some(logical.span(ks, b.len()));
    let mut rest = &ws[1..];
    if TAKES_FLAGS.contains(&ins.cmd.as_str()) {
        while let Some(&(s, e)) = rest.first()
            && b[s..e].starts_with(b"--")
        {
            ins.flags.push((String::from_utf8_lossy(&b[s..e]).into_owned(), Some(logical.span(s, e))));
            rest = &rest[1..];
        }
    }
    let rest_start = rest.first().map_or(b.len(), |w| w.0);
    let mut rest_end = b.len();
    while rest_end > rest_start && b[rest_end - 1].is_ascii_whitespace() {
        rest_end -= 1;
    }
    let whole = |ins: &mut Instr| {
        if rest_start < rest_end {
            let text = String::from_utf8_lossy(&b[rest_start..rest_end]).into_owned();
            ins.value.push((text, Some(logical.span(rest_start, rest_end))));
        }
    };
    let exec_or_shell = |ins: &mut Instr, from: usize| match json_array(&b[from..rest_end]) {
        Some(items) => {
            ins.form = Some("exec");
            for (v, (s, e)) in items {
                ins.value.push((v, Some(logical.span(from + s, from + e))));
            }
        }
        None => {
            ins.form = Some("shell");
            if from < rest_end {
                let text = String::from_utf8_lossy(&b[from..rest_end]).into_owned();
                ins.value.push((text, Some(logical.span(from, rest_end))));
            }
        }
    };
    let unquoted_words = |ins: &mut Instr, rest: &[Span]| {
        for &(s, e) in rest {
            ins.value.push((unquote(&b[s..e], escape), Some(logical.span(s, e))));
        }
    };
    match ins.cmd.as_str() {
        "run" | "cmd" | "entrypoint" => exec_or_shell(&mut ins, rest_start),
        "shell" => match json_array(&b[rest_start..rest_end]) {
            Some(items) => {
                for (v, (s, e)) in items {
                    ins.value.push((v, Some(logical.span(rest_start + s, rest_start + e))));
                }
            }
            None => whole(&mut ins),
        },
        "from" => {
            if let Some(&(s, e)) = rest.first() {
                ins.value.push((String::from_utf8_lossy(&b[s..e]).into_owned(), Some(logical.span(s, e))));
            }
            if let [_, (as_s, as_e), (s, e), ..] = rest
                && b[*as_s..*as_e].eq_ignore_ascii_case(b"as")
            {
                ins.stage_name = Some((String::from_utf8_lossy(&b[*s..*e]).into_owned(), Some(logical.span(*s, *e))));
            }
        }
        "env" | "label" | "arg" => {
            let legacy = ins.cmd == "env" && rest.first().is_some_and(|&(s, e)| !b[s..e].contains(&b'='));
            let pairs = if legacy {
                // `ENV KEY value with spaces`: the value is the rest of the line.
                let (s, e) = rest[0];
                let value_start = rest.get(1).map_or(rest_end, |w| w.0);
                let value = unquote(&b[value_start..rest_end], escape);
                vec![(unquote(&b[s..e], escape), Some(value), Some(logical.span(s, rest_end)))]
            } else {
                rest.iter()
                    .map(|&(s, e)| {
                        let word = &b[s..e];
                        let span = Some(logical.span(s, e));
                        match split_pair(word, escape) {
                            Some(eq) => (unquote(&word[..eq], escape), Some(unquote(&word[eq + 1..], escape)), span),
                            None => (unquote(word, escape), None, span),
                        }
                    })
                    .collect()
            };
            ins.set_pairs(pairs);
        }
        "healthcheck" => match rest.first() {
            Some(&(s, e)) if b[s..e].eq_ignore_ascii_case(b"cmd") => {
                ins.value.push(("CMD".into(), Some(logical.span(s, e))));
                let from = rest.get(1).map_or(rest_end, |w| w.0);
                let mut inner = Instr::default();
                exec_or_shell(&mut inner, from);
                ins.value.extend(inner.value);
            }
            _ => whole(&mut ins),
        },
        "onbuild" => {
            whole(&mut ins);
            if depth == 0 {
                ins.trigger = read_instruction(logical, rest_start, escape, depth + 1).map(Box::new);
            }
        }
        "copy" | "add" | "volume" => match json_array(&b[rest_start..rest_end]) {
            Some(items) => {
                for (v, (s, e)) in items {
                    ins.value.push((v, Some(logical.span(rest_start + s, rest_start + e))));
                }
            }
            None => unquoted_words(&mut ins, rest),
        },
        "expose" => unquoted_words(&mut ins, rest),
        _ => whole(&mut ins),
    }
    Some(ins)
}

/// Index of the `=` separating key from value in an unquoted part of `word`.
fn split_pair(word: &[u8], escape: u8) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == escape => i += 1,
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'=' => return Some(i),
            None => {}
        }
        i += 1;
    }
    None
}
