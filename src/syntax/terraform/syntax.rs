//! Reading HCL with tree-sitter-hcl: a cheap nesting check before parsing, the parse itself
//! (a tree that needed error recovery is a [`ParseError`] naming the line of the first error),
//! and the few node walks the conversion needs. Knows nothing of Terraform's blocks.

use crate::syntax::{ParseError, limits};
use tree_sitter::{Node, Parser, Tree};

/// Reject absurd bracket nesting before tree-sitter sees it: tree-sitter-hcl is super-linear on
/// deeply nested, indented blocks (800 levels take ~16 s), and the conversion rejects anything
/// deeper than [`limits::MAX_DEPTH`] anyway. The count skips quoted strings and comments but not
/// heredocs, so it can over-count; twice the real limit leaves room for that.
pub(super) fn check_bracket_depth(text: &[u8]) -> Result<(), ParseError> {
    let limit = 2 * limits::MAX_DEPTH;
    let (mut depth, mut line, mut i) = (0usize, 1u32, 0usize);
    while i < text.len() {
        match text[i] {
            b'\n' => line += 1,
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > limit {
                    return Err(ParseError::new(
                        Some(line),
                        format!("nesting deeper than {} levels", limits::MAX_DEPTH),
                    ));
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            b'"' => {
                i += 1;
                while i < text.len() && text[i] != b'"' && text[i] != b'\n' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                // Past the closing quote; a newline is left for the next round to count.
                if text.get(i) == Some(&b'"') {
                    i += 1;
                }
                continue;
            }
            b'#' => i = memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |n| i + n) - 1,
            b'/' if text.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |n| i + n) - 1
            }
            b'/' if text.get(i + 1) == Some(&b'*') => {
                let end = memchr::memmem::find(&text[i + 2..], b"*/").map_or(text.len(), |n| i + 2 + n + 2);
                line += memchr::memchr_iter(b'\n', &text[i..end]).count() as u32;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Parse with tree-sitter-hcl and reject any tree that needed error recovery.
pub(super) fn parse_tree(text: &[u8]) -> Result<Tree, ParseError> {
    check_bracket_depth(text)?;
    let mut parser = Parser::new();
    parser
        .set_language(&crate::syntax::grammars::hcl())
        .map_err(|e| ParseError::new(None, format!("cannot load the HCL grammar: {e}")))?;
    let tree = parser.parse(text, None).ok_or_else(|| ParseError::new(None, "HCL parser gave up"))?;
    if let Some(err) = first_error(tree.root_node()) {
        let line = err.start_position().row as u32 + 1;
        let message = if err.is_missing() && matches!(err.kind(), "}" | "]" | ")" | "\"") {
            format!("syntax error: missing `{}`", err.kind())
        } else {
            // A MISSING token elsewhere names a grammar symbol, not something the user wrote;
            // the text of its line says more.
            let near = if err.is_missing() {
                let line_start = text[..err.start_byte()].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                snippet(&text[line_start..])
            } else {
                snippet(&text[err.start_byte()..err.end_byte()])
            };
            if near.is_empty() { "syntax error".to_string() } else { format!("syntax error near `{near}`") }
        };
        return Err(ParseError::new(Some(line), message));
    }
    Ok(tree)
}

/// The first ERROR or MISSING node in document order, found without recursion so a deeply
/// nested file cannot exhaust the stack.
pub(super) fn first_error(root: Node<'_>) -> Option<Node<'_>> {
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

/// The start of an error's text, short enough for a one-line diagnostic.
pub(super) fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut out: String = line.chars().take(40).collect();
    if out.len() < line.len() {
        out.push('…');
    }
    out
}

/// Named children, without comments.
pub(super) fn kids(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).filter(|n| n.kind() != "comment").collect()
}

/// The `block` nodes of a file's top-level body.
pub(super) fn top_blocks(root: Node<'_>) -> Vec<Node<'_>> {
    kids(root).into_iter().filter(|n| n.kind() == "body").flat_map(kids).filter(|n| n.kind() == "block").collect()
}

pub(super) fn node_text(node: Node<'_>, text: &[u8]) -> String {
    String::from_utf8_lossy(&text[node.start_byte()..node.end_byte()]).into_owned()
}

/// Name and value expression of an `attribute` node.
pub(super) fn attribute_parts<'t>(attr: Node<'t>, text: &[u8]) -> Option<(String, Option<Node<'t>>)> {
    let children = kids(attr);
    let name = children.iter().find(|n| n.kind() == "identifier")?;
    let expr = children.iter().find(|n| n.kind() == "expression").copied();
    Some((node_text(*name, text), expr))
}

/// The value expression of the attribute called `name` directly in `body`.
pub(super) fn attribute_expr<'t>(body: Node<'t>, name: &str, text: &[u8]) -> Option<Node<'t>> {
    kids(body)
        .into_iter()
        .filter(|n| n.kind() == "attribute")
        .filter_map(|a| attribute_parts(a, text))
        .find(|(n, _)| n == name)
        .and_then(|(_, e)| e)
}
