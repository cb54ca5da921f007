//! Dockerfile to a JSON array of instructions, with a source map from every instruction (and
//! each of its arguments) to its text.
//!
//! Each instruction becomes
//!
//! ```text
//! {"cmd": "run", "value": ["apt-get update && apt-get install -y curl"], "flags": ["--mount=..."],
//!  "original": "RUN --mount=... apt-get update && apt-get install -y curl",
//!  "stage": 0, "stage_name": "build"}
//! ```
//!
//! `cmd` is the lowercased keyword. `value` holds the arguments: the image for FROM (the
//! `AS name` alias goes to `stage_name`), the whole command string for shell-form
//! RUN/CMD/ENTRYPOINT or each element for the exec (JSON array) form (`form` says which),
//! `KEY=VALUE` strings for ENV/ARG/LABEL (which also get `pairs: {KEY: VALUE}`, with quotes
//! removed), ports for EXPOSE, sources then destination for COPY/ADD. `stage` counts FROMs from
//! 0 (null before the first FROM, where only global ARGs live). Heredoc bodies appear in
//! `heredocs: [{"name", "content"}]`, and a shell-form command that uses one has the body
//! appended to its command string, so a policy looking for `curl ... | sh` sees the script.
//! ONBUILD keeps its trigger as a nested instruction in `trigger`.
//!
//! Instruction boundaries are found by hand (line continuations with the `# escape=`
//! directive's escape character, comment lines inside continuations, heredoc bodies), because
//! the grammar has a fixed escape character and its error recovery can swallow the rest of a
//! file after one construct it does not know (the legacy `ENV KEY value with spaces`, `<<<`).
//! Each instruction is then parsed on its own with the arborium-dockerfile tree-sitter
//! grammar, which gives the arguments and their positions; an instruction the grammar rejects
//! falls back to a shell-word tokenizer, so only that instruction loses precision.

use super::{Document, ParseError, Seg, SourceMap, limits};
use crate::source::LineIndex;
use serde_json::{Map, Value};
use tree_sitter::Parser;

/// Byte range in the file.
mod grammar;
mod lexer;
use grammar::from_tree;
use lexer::{Heredoc, Logical, Raw, escape_directive, split_instructions, split_lines, trim_bytes};

type Span = (usize, usize);

/// An ENV/ARG/LABEL entry: key, value (`None` for an ARG without default), span of the pair.
type Pair = (String, Option<String>, Option<Span>);

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

/// Instructions that may carry heredocs.
const TAKES_HEREDOCS: [&str; 3] = ["RUN", "COPY", "ADD"];

/// Parse a Dockerfile. Fails on an invalid `# escape=` directive and on unknown instructions
/// (as `docker build` does), never on anything else.
pub fn parse_dockerfile(text: &[u8]) -> Result<Document, ParseError> {
    let lines = split_lines(text);
    let escape = escape_directive(text, &lines)?;
    let raws = split_instructions(text, &lines, escape);

    let index = LineIndex::new(text);
    let mut parser = Parser::new();
    let grammar = parser.set_language(&arborium_dockerfile::language().into()).is_ok();

    let mut out = Vec::with_capacity(raws.len());
    let mut map = SourceMap::default();
    map.insert(Vec::new(), index.region(text, 0, text.len()));
    let mut stage: Option<usize> = None;
    let mut stage_name: Option<String> = None;
    let mut nodes = 0usize;

    for raw in &raws {
        let logical = Logical::new(text, raw);
        let parsed = if grammar { from_tree(&mut parser, text, raw, &logical, escape) } else { None };
        let mut ins = match parsed {
            Some(ins) => ins,
            None => by_hand(&logical, 0, escape, 0).ok_or_else(|| unknown_instruction(text, &index, raw, &logical))?,
        };
        attach_heredocs(&mut ins, raw);

        if ins.cmd == "from" {
            stage = Some(stage.map_or(0, |s| s + 1));
            stage_name = ins.stage_name.as_ref().map(|(name, _)| name.clone());
        }
        let i = out.len();
        let mut obj = ins.to_json(&mut map, &mut vec![Seg::Index(i)], &index, text);
        obj.insert("original".into(), Value::String(logical.text(raw.start, raw.end).trim().to_string()));
        obj.insert("stage".into(), stage.map_or(Value::Null, Value::from));
        obj.insert("stage_name".into(), stage_name.clone().map_or(Value::Null, Value::String));
        map.insert(vec![Seg::Index(i)], index.region(text, raw.start, raw.end));

        nodes += 8 + ins.size();
        if nodes > limits::MAX_NODES {
            let line = index.position(text, raw.start).0;
            return Err(ParseError::new(
                Some(line),
                format!("document expands to more than {} nodes", limits::MAX_NODES),
            ));
        }
        out.push(Value::Object(obj));
    }
    Ok(Document { value: Value::Array(out), source_map: map })
}

fn unknown_instruction(text: &[u8], index: &LineIndex, raw: &Raw, logical: &Logical) -> ParseError {
    let word = logical.bytes.iter().take_while(|b| !b.is_ascii_whitespace()).count();
    let keyword = String::from_utf8_lossy(&logical.bytes[..word]);
    let shown: String = keyword.chars().take(40).collect();
    ParseError::new(Some(index.position(text, raw.start).0), format!("unknown instruction `{shown}`"))
}

/// One physical line: its start, the end of its content (before `\r\n` or `\n`), and where the
/// next line starts.
/// An instruction's arguments, each with where it came from when known.
#[derive(Debug, Default)]
struct Instr {
    cmd: String,
    keyword: Option<Span>,
    value: Vec<(String, Option<Span>)>,
    flags: Vec<(String, Option<Span>)>,
    pairs: Option<Vec<Pair>>,
    /// FROM's `AS name`.
    stage_name: Option<(String, Option<Span>)>,
    /// "shell" or "exec" for instructions that run a command.
    form: Option<&'static str>,
    heredocs: Vec<Heredoc>,
    trigger: Option<Box<Instr>>,
    span: Option<Span>,
}

impl Instr {
    fn new(cmd: &str) -> Instr {
        Instr { cmd: cmd.to_ascii_lowercase(), ..Instr::default() }
    }

    fn size(&self) -> usize {
        self.value.len()
            + self.flags.len()
            + self.pairs.as_ref().map_or(0, |p| 2 * p.len())
            + 3 * self.heredocs.len()
            + self.trigger.as_ref().map_or(0, |t| 8 + t.size())
    }

    fn set_pairs(&mut self, pairs: Vec<Pair>) {
        self.value = pairs
            .iter()
            .map(|(k, v, span)| (v.as_ref().map_or_else(|| k.clone(), |v| format!("{k}={v}")), *span))
            .collect();
        self.pairs = Some(pairs);
    }

    fn to_json(&self, map: &mut SourceMap, path: &mut Vec<Seg>, index: &LineIndex, text: &[u8]) -> Map<String, Value> {
        let mut put = |path: &[Seg], span: Option<Span>| {
            if let Some((s, e)) = span {
                map.insert(path.to_vec(), index.region(text, s, e));
            }
        };
        let mut obj = Map::new();
        obj.insert("cmd".into(), Value::String(self.cmd.clone()));
        put(&with(path, &["cmd".into()]), self.keyword);
        if let Some(span) = self.span {
            put(path, Some(span));
        }

        let values = self.value.iter().map(|(v, _)| Value::String(v.clone())).collect();
        obj.insert("value".into(), Value::Array(values));
        let spans: Vec<Span> = self.value.iter().filter_map(|(_, s)| *s).collect();
        if let (Some(first), Some(last)) = (spans.first(), spans.last()) {
            put(&with(path, &["value".into()]), Some((first.0, last.1)));
        }
        for (j, (_, span)) in self.value.iter().enumerate() {
            put(&with(path, &["value".into(), Seg::Index(j)]), *span);
        }

        obj.insert("flags".into(), Value::Array(self.flags.iter().map(|(f, _)| Value::String(f.clone())).collect()));
        for (j, (_, span)) in self.flags.iter().enumerate() {
            put(&with(path, &["flags".into(), Seg::Index(j)]), *span);
        }

        if let Some(pairs) = &self.pairs {
            let mut m = Map::new();
            for (k, v, span) in pairs {
                m.insert(k.clone(), v.clone().map_or(Value::Null, Value::String));
                put(&with(path, &["pairs".into(), Seg::Key(k.clone())]), *span);
            }
            obj.insert("pairs".into(), Value::Object(m));
        }
        if let Some((_, span)) = &self.stage_name {
            put(&with(path, &["stage_name".into()]), *span);
        }
        if let Some(form) = self.form {
            obj.insert("form".into(), Value::String(form.into()));
        }
        if !self.heredocs.is_empty() {
            let mut list = Vec::new();
            for (j, h) in self.heredocs.iter().enumerate() {
                let mut m = Map::new();
                m.insert("name".into(), Value::String(h.name.clone()));
                m.insert("content".into(), Value::String(h.content.clone()));
                list.push(Value::Object(m));
                put(&with(path, &["heredocs".into(), Seg::Index(j)]), Some(h.span));
            }
            obj.insert("heredocs".into(), Value::Array(list));
        }
        if let Some(trigger) = &self.trigger {
            path.push("trigger".into());
            let t = trigger.to_json(map, path, index, text);
            path.pop();
            obj.insert("trigger".into(), Value::Object(t));
        }
        obj
    }
}

fn with(path: &[Seg], more: &[Seg]) -> Vec<Seg> {
    path.iter().chain(more).cloned().collect()
}

/// Heredoc bodies belong to the instruction; a shell command that reads one gets the body
/// appended, so the script's text is part of the command policies look at.
fn attach_heredocs(ins: &mut Instr, raw: &Raw) {
    if raw.heredocs.is_empty() {
        return;
    }
    let target = match ins.trigger.as_deref_mut() {
        Some(t) if ins.cmd == "onbuild" => t,
        _ => ins,
    };
    target.heredocs = raw.heredocs.clone();
    if target.form == Some("shell")
        && let Some((cmd, span)) = target.value.first_mut()
    {
        // `RUN <<EOF` runs the body itself; `RUN python3 <<EOF` feeds it to a command.
        let bare = cmd.trim();
        let only_marker = target.heredocs.len() == 1 && bare.starts_with("<<") && !bare.contains(char::is_whitespace);
        if only_marker {
            *cmd = target.heredocs[0].content.clone();
        } else {
            for h in &target.heredocs {
                cmd.push('\n');
                cmd.push_str(&h.content);
                cmd.push_str(&h.name);
            }
        }
        if let (Some((s, _)), Some(last)) = (*span, target.heredocs.last()) {
            *span = Some((s, last.span.1));
        }
    }
}

/// Shell words of `b[from..]` as logical ranges; quotes and escapes keep a word together.
fn words(b: &[u8], from: usize, escape: u8) -> Vec<Span> {
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

/// Parse one instruction from its logical line without the grammar: shell-word tokenizing
/// plus the per-instruction argument rules. `None` for an unknown instruction.
fn by_hand(logical: &Logical, from: usize, escape: u8, depth: usize) -> Option<Instr> {
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
                ins.trigger = by_hand(logical, rest_start, escape, depth + 1).map(Box::new);
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

#[cfg(test)]
mod tests;
