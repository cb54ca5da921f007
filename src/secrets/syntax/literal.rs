//! The text inside a string literal node, whatever the language wrote around it: quotes,
//! prefixes (`r"…"`, `b'…'`, `@"…"`), raw-string hashes (`r#"…"#`), triple quotes.
//!
//! A literal with an interpolation or expansion inside (`f"{x}"`, `` `${x}` ``, `"$HOME"`,
//! `"#{x}"`) is not a constant and has no region: what it holds is decided at run time.

use tree_sitter::Node;

/// Child kinds that are plain literal text (the grammars name them differently).
const TEXT_KINDS: &[&str] = &[
    "string_content",
    "string_fragment",
    "string_literal_content",
    "interpreted_string_literal_content",
    "raw_string_literal_content",
    "escape_sequence",
    "string_start",
    "string_end",
];

/// Delimiter children that are named in some grammars but are not text.
const DELIMITER_KINDS: &[&str] = &["string_start", "string_end"];

/// Byte span of the literal's text, or `None` when it is not a plain constant string.
pub fn text_span(node: Node, text: &[u8]) -> Option<(usize, usize)> {
    let mut cursor = node.walk();
    let mut first = None;
    let mut last = None;
    for child in node.named_children(&mut cursor) {
        if !TEXT_KINDS.contains(&child.kind()) {
            return None;
        }
        if DELIMITER_KINDS.contains(&child.kind()) {
            continue;
        }
        first.get_or_insert(child.start_byte());
        last = Some(child.end_byte());
    }
    match (first, last) {
        (Some(start), Some(end)) => Some((start, end)),
        _ => trim_delimiters(&text[node.start_byte()..node.end_byte()])
            .map(|(s, e)| (node.start_byte() + s, node.start_byte() + e)),
    }
}

/// The span inside a literal's own delimiters, for grammars that give the text no child
/// (shell `'…'`, C# `@"…"`) or for an unquoted word (shell `x=value`).
fn trim_delimiters(lit: &[u8]) -> Option<(usize, usize)> {
    let prefix = lit.iter().take_while(|b| b.is_ascii_alphabetic() || matches!(b, b'@' | b'#')).count();
    let Some(&quote) = lit.get(prefix).filter(|b| matches!(b, b'"' | b'\'' | b'`')) else {
        // A bare word (shell `x=value`): all of it.
        return (!lit.is_empty()).then_some((0, lit.len()));
    };
    let opening = lit[prefix..].iter().take_while(|&&b| b == quote).count().min(3);
    let opening = if opening == 2 { 1 } else { opening };
    let hashes = lit.iter().rev().take_while(|&&b| b == b'#').count();
    let start = prefix + opening;
    let end = lit.len().checked_sub(hashes + opening)?;
    (start < end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::trim_delimiters;

    #[test]
    fn delimiters() {
        assert_eq!(trim_delimiters(b"'abc'"), Some((1, 4)));
        assert_eq!(trim_delimiters(b"@\"abc\""), Some((2, 5)));
        assert_eq!(trim_delimiters(b"r#\"abc\"#"), Some((3, 6)));
        assert_eq!(trim_delimiters(b"\"\"\"abc\"\"\""), Some((3, 6)));
        assert_eq!(trim_delimiters(b"''"), None);
        assert_eq!(trim_delimiters(b"value"), Some((0, 5)));
        assert_eq!(trim_delimiters(b"va1ue"), Some((0, 5)));
    }
}
