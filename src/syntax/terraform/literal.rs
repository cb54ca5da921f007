//! HCL literal values as JSON: numbers, the escapes of quoted strings and heredocs, and the size
//! of a value (nodes, depth, string bytes) that substitution is budgeted by.

use serde_json::{Number, Value};

/// How big a value is: what substituting it costs against the budgets.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Size {
    pub(super) nodes: usize,
    pub(super) depth: usize,
    /// Bytes of its strings and object keys.
    pub(super) bytes: usize,
}

/// Count of JSON nodes in `v`, its nesting depth and its string bytes, without recursion (a
/// value can nest as deep as its source did).
pub(super) fn value_size(v: &Value) -> Size {
    let mut size = Size::default();
    let mut stack = vec![(v, 0usize)];
    while let Some((v, depth)) = stack.pop() {
        size.nodes += 1;
        match v {
            Value::Array(items) => {
                size.depth = size.depth.max(depth + 1);
                stack.extend(items.iter().map(|i| (i, depth + 1)));
            }
            Value::Object(m) => {
                size.depth = size.depth.max(depth + 1);
                for (k, item) in m {
                    size.bytes += k.len();
                    stack.push((item, depth + 1));
                }
            }
            Value::String(s) => size.bytes += s.len(),
            _ => {}
        }
    }
    size
}

/// `Some(text)` for a value that can be interpolated into a string.
pub(super) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(super) fn number(text: &str) -> Value {
    let parsed = if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        i64::from_str_radix(hex, 16).ok().map(Number::from)
    } else if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse::<i64>()
            .ok()
            .map(Number::from)
            .or_else(|| text.parse::<u64>().ok().map(Number::from))
            .or_else(|| text.parse::<f64>().ok().and_then(Number::from_f64))
    } else {
        text.parse::<f64>().ok().and_then(Number::from_f64)
    };
    parsed.map_or_else(|| Value::String(text.to_string()), Value::Number)
}

/// Undo the escapes of a quoted HCL string; `quoted` is false for heredocs, which only have
/// the template escapes `$${` and `%%{`.
pub(super) fn unescape(s: &str, quoted: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some(u @ ('u' | 'U')) => {
                    let len = if u == 'u' { 4 } else { 8 };
                    let hex: String = chars.clone().take(len).collect();
                    match u32::from_str_radix(&hex, 16).ok().filter(|_| hex.len() == len).and_then(char::from_u32) {
                        Some(ch) => {
                            out.push(ch);
                            for _ in 0..len {
                                chars.next();
                            }
                        }
                        None => {
                            out.push('\\');
                            out.push(u);
                        }
                    }
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '$' | '%' if chars.peek() == Some(&c) => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek() == Some(&'{') {
                    chars.next();
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
