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
//! Three steps, one module each: `lexer` finds where instructions begin and end (line
//! continuations with the `# escape=` directive's escape character, comment lines inside
//! continuations, heredoc bodies); `arguments` reads one instruction's keyword, flags and
//! arguments with their positions (shell words, quotes, JSON arrays, `KEY=VALUE` pairs, the
//! per-instruction rules); this module assembles the instructions into the document and its
//! source map, numbering the build stages and attaching heredoc bodies.
//!
//! (A tree-sitter grammar used to read the arguments, with the word reader as its fallback: two
//! argument parsers. The word reader alone gives the same documents and regions on every
//! Dockerfile of the fixtures and corpora, and follows Docker more closely on broken input: a
//! keyword glued to its argument, `COPYSHELL`, is an unknown instruction, and a JSON array Docker
//! cannot decode is the shell form.)

use super::{Document, ParseError, Seg, SourceMap, limits};
use crate::source::LineIndex;
use serde_json::{Map, Value};

mod arguments;
mod lexer;
use arguments::read_instruction;
use lexer::{Heredoc, Logical, Raw, escape_directive, split_instructions, split_lines};

/// Byte range in the file.
type Span = (usize, usize);

/// An ENV/ARG/LABEL entry: key, value (`None` for an ARG without default), span of the pair.
type Pair = (String, Option<String>, Option<Span>);

/// Instructions that may carry heredocs.
const TAKES_HEREDOCS: [&str; 3] = ["RUN", "COPY", "ADD"];

/// Parse a Dockerfile. Fails on an invalid `# escape=` directive and on unknown instructions
/// (as `docker build` does), never on anything else.
pub fn parse_dockerfile(text: &[u8]) -> Result<Document, ParseError> {
    let lines = split_lines(text);
    let escape = escape_directive(text, &lines)?;
    let raws = split_instructions(text, &lines, escape);

    let index = LineIndex::new(text);

    let mut out = Vec::with_capacity(raws.len());
    let mut map = SourceMap::default();
    map.insert(Vec::new(), index.region(text, 0, text.len()));
    let mut stage: Option<usize> = None;
    let mut stage_name: Option<String> = None;
    let mut nodes = 0usize;

    for raw in &raws {
        let logical = Logical::new(text, raw);
        let mut ins =
            read_instruction(&logical, 0, escape, 0).ok_or_else(|| unknown_instruction(text, &index, raw, &logical))?;
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

#[cfg(test)]
mod tests;
