//! One instruction through the arborium-dockerfile tree-sitter grammar: its arguments, flags,
//! key/value pairs and their spans. `None` when the grammar rejects the instruction, so the
//! caller falls back to the shell-word reader for that instruction alone.

use super::lexer::{Logical, Raw, trim_bytes};
use super::{INSTRUCTIONS, Instr, Span, unquote};
use tree_sitter::{Node, Parser};

/// Parse one instruction with the tree-sitter grammar. `None` when the grammar does not
/// accept it as exactly one instruction, or for forms it misreads; the caller then parses it
/// by hand.
pub(super) fn from_tree(parser: &mut Parser, text: &[u8], raw: &Raw, logical: &Logical, escape: u8) -> Option<Instr> {
    let mut chunk = text[raw.start..raw.end].to_vec();
    // The grammar only knows `\` as the escape character; the byte offsets stay the same.
    if escape != b'\\' {
        for &c in &raw.continuations {
            chunk[c - raw.start] = b'\\';
        }
    }
    chunk.push(b'\n');
    let tree = parser.parse(&chunk, None)?;
    let root = tree.root_node();
    if root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    let instrs: Vec<Node<'_>> = root.named_children(&mut cursor).filter(|n| n.kind() != "comment").collect();
    let [node] = instrs.as_slice() else { return None };
    let conv = TreeConv { base: raw.start, logical, escape, text };
    let ins = conv.instruction(*node)?;
    // A heredoc count that disagrees with the splitter means one of them misread the line.
    let tree_heredocs = count_kind(*node, "heredoc_block");
    (tree_heredocs == raw.heredocs.len()).then_some(ins)
}

fn count_kind(node: Node<'_>, kind: &str) -> usize {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .map(|c| {
            if c.kind() == kind {
                1
            } else if c.kind().ends_with("_instruction") {
                count_kind(c, kind)
            } else {
                0
            }
        })
        .sum()
}

/// Reads arguments out of one instruction's tree; node offsets are relative to the chunk that
/// starts at `base` in the file.
struct TreeConv<'a> {
    base: usize,
    logical: &'a Logical,
    escape: u8,
    text: &'a [u8],
}

impl TreeConv<'_> {
    fn span(&self, node: Node<'_>) -> Span {
        let (mut s, mut e) = (self.base + node.start_byte(), (self.base + node.end_byte()).min(self.text.len()));
        while s < e && self.text[s].is_ascii_whitespace() {
            s += 1;
        }
        while e > s && self.text[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        (s, e)
    }

    /// The node's text with continuations and comment lines removed.
    fn joined(&self, node: Node<'_>) -> String {
        let (s, e) = self.span(node);
        self.logical.text(s, e).trim().to_string()
    }

    fn joined_bytes(&self, node: Node<'_>) -> Vec<u8> {
        let (s, e) = self.span(node);
        let (a, b) = self.logical.range(s, e);
        trim_bytes(&self.logical.bytes[a..b]).to_vec()
    }

    fn unquoted(&self, node: Node<'_>) -> String {
        unquote(&self.joined_bytes(node), self.escape)
    }

    fn instruction(&self, node: Node<'_>) -> Option<Instr> {
        let kind = node.kind().strip_suffix("_instruction")?;
        let keyword = node.child(0).filter(|k| !k.is_named())?;
        let mut ins = Instr::new(kind);
        if !INSTRUCTIONS.contains(&ins.cmd.to_ascii_uppercase().as_str()) {
            return None;
        }
        ins.keyword = Some(self.span(keyword));
        ins.span = Some(self.span(node));
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.named_children(&mut cursor).filter(|n| n.kind() != "comment").collect();
        for c in &children {
            if matches!(c.kind(), "param" | "mount_param") {
                ins.flags.push((self.joined(*c), Some(self.span(*c))));
            }
        }
        let of = |k: &str| children.iter().copied().find(|c| c.kind() == k);
        match kind {
            "from" => {
                let image = of("image_spec")?;
                ins.value.push((self.joined(image), Some(self.span(image))));
                if let Some(alias) = of("image_alias") {
                    ins.stage_name = Some((self.joined(alias), Some(self.span(alias))));
                }
            }
            "run" | "cmd" | "entrypoint" | "shell" => {
                if let Some(array) = of("json_string_array") {
                    ins.form = Some("exec");
                    self.json_strings(array, &mut ins);
                } else if let Some(shell) = of("shell_command") {
                    ins.form = Some("shell");
                    ins.value.push((self.joined(shell), Some(self.span(shell))));
                } else if kind != "run" || !children.iter().all(|c| matches!(c.kind(), "param" | "mount_param")) {
                    return None;
                }
                if kind == "shell" {
                    ins.form = None;
                }
            }
            "healthcheck" => match of("cmd_instruction") {
                Some(cmd) => {
                    let inner = self.instruction(cmd)?;
                    ins.value.push(("CMD".into(), inner.keyword));
                    ins.value.extend(inner.value);
                }
                None => {
                    let after = (keyword.end_byte(), node.end_byte());
                    let text = self.logical.text(self.base + after.0, self.base + after.1).trim().to_string();
                    let span = (self.base + after.0, self.base + after.1);
                    ins.value.push((text, Some(span)));
                }
            },
            "onbuild" => {
                let inner = children.iter().copied().find(|c| c.kind().ends_with("_instruction"))?;
                ins.value.push((self.joined(inner), Some(self.span(inner))));
                ins.trigger = Some(Box::new(self.instruction(inner)?));
            }
            "env" | "label" => {
                let (pair_kind, key_field, value_field) =
                    if kind == "env" { ("env_pair", "name", "value") } else { ("label_pair", "key", "value") };
                let mut pairs = Vec::new();
                for pair in children.iter().filter(|c| c.kind() == pair_kind) {
                    let key = pair.child_by_field_name(key_field)?;
                    let value = pair.child_by_field_name(value_field).map_or_else(String::new, |v| self.unquoted(v));
                    pairs.push((self.unquoted(key), Some(value), Some(self.span(*pair))));
                }
                ins.set_pairs(pairs);
            }
            "arg" => {
                let name = node.child_by_field_name("name")?;
                let default = node.child_by_field_name("default").map(|d| self.unquoted(d));
                let end = node.child_by_field_name("default").unwrap_or(name);
                let span = (self.span(name).0, self.span(end).1);
                ins.set_pairs(vec![(self.unquoted(name), default, Some(span))]);
            }
            "expose" => {
                for c in children.iter().filter(|c| matches!(c.kind(), "expose_port" | "expansion")) {
                    ins.value.push((self.joined(*c), Some(self.span(*c))));
                }
            }
            "user" => {
                let (first, last) = (children.first()?, children.last()?);
                let span = (self.span(*first).0, self.span(*last).1);
                ins.value.push((self.logical.text(span.0, span.1).trim().to_string(), Some(span)));
            }
            "copy" | "add" | "volume" | "workdir" => {
                if let Some(array) = of("json_string_array") {
                    self.json_strings(array, &mut ins);
                } else {
                    let paths: Vec<Node<'_>> = children.iter().copied().filter(|c| c.kind() == "path").collect();
                    // The grammar reads the JSON form of COPY/ADD as plain paths.
                    if paths.first().is_some_and(|p| self.joined(*p).starts_with('[')) {
                        return None;
                    }
                    for p in paths {
                        ins.value.push((self.unquoted(p), Some(self.span(p))));
                    }
                }
            }
            // STOPSIGNAL, MAINTAINER: everything after the keyword is the argument.
            _ => {
                let span = (self.base + keyword.end_byte(), self.span(node).1);
                let text = self.logical.text(span.0, span.1).trim().to_string();
                if !text.is_empty() {
                    let (a, b) = self.logical.range(span.0, span.1);
                    let lead = self.logical.bytes[a..b].iter().take_while(|c| c.is_ascii_whitespace()).count();
                    ins.value.push((text, Some((span.0 + lead, span.1))));
                }
            }
        }
        Some(ins)
    }

    fn json_strings(&self, array: Node<'_>, ins: &mut Instr) {
        let mut cursor = array.walk();
        for s in array.named_children(&mut cursor).filter(|n| n.kind() == "json_string") {
            let raw = self.joined(s);
            let value = serde_json::from_str::<String>(&raw).unwrap_or_else(|_| raw.trim_matches('"').to_string());
            ins.value.push((value, Some(self.span(s))));
        }
    }
}
