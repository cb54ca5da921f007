//! Terraform expressions to values: literals, tuples and objects, `var.*`/`local.*` references
//! resolved from the module context, indexing, operations, and string templates and heredocs
//! interpolated where every part is known. What cannot be known statically comes back as its
//! source text wrapped in `"${...}"`, with `false` for "not fully known".

use super::literal::{Size, number, scalar_text, unescape, value_size};
use super::syntax::kids;
use super::{Conv, ModuleContext};
use crate::syntax::{ParseError, Seg, limits};
use serde_json::{Map, Number, Value};
use tree_sitter::Node;

impl<'a> Conv<'a> {
    /// The value of an expression node and whether it is fully known (a literal, or resolved
    /// to one). Unknown expressions come back as `"${source}"`.
    pub(super) fn expr(
        &mut self,
        node: Node<'_>,
        path: &mut Vec<Seg>,
        depth: usize,
    ) -> Result<(Value, bool), ParseError> {
        self.check_depth(depth, node)?;
        match node.kind() {
            "expression" => self.expression(node, path, depth),
            "literal_value" | "collection_value" | "template_expr" => match kids(node).first() {
                Some(&child) => self.expr(child, path, depth + 1),
                None => self.unknown(node),
            },
            "numeric_lit" => {
                self.count(1, node)?;
                Ok((number(&self.text_of(node)), true))
            }
            "bool_lit" => {
                self.count(1, node)?;
                Ok((Value::Bool(self.text_of(node) == "true"), true))
            }
            "null_lit" => {
                self.count(1, node)?;
                Ok((Value::Null, true))
            }
            "string_lit" | "quoted_template" | "heredoc_template" => self.template(node, path, depth),
            "tuple" => self.tuple(node, path, depth),
            "object" => self.object(node, path, depth),
            "operation" => self.operation(node, depth),
            "function_call" => self.function_call(node, path, depth),
            _ => self.unknown(node),
        }
    }

    pub(super) fn unknown(&mut self, node: Node<'_>) -> Result<(Value, bool), ParseError> {
        self.count(1, node)?;
        self.count_bytes(node.byte_range().len() + 3, node)?;
        Ok((Value::String(format!("${{{}}}", self.text_of(node))), false))
    }

    /// Evaluate without mapping paths: for values that are looked into rather than placed in
    /// the document as written.
    pub(super) fn eval_quiet(&mut self, node: Node<'_>, depth: usize) -> Result<(Value, bool), ParseError> {
        let record = std::mem::replace(&mut self.record, false);
        let result = self.expr(node, &mut Vec::new(), depth);
        self.record = record;
        result
    }

    /// An `expression` node: a term, possibly parenthesised, followed by attribute accesses,
    /// indexes and splats (the grammar flattens these into one node).
    pub(super) fn expression(
        &mut self,
        node: Node<'_>,
        path: &mut Vec<Seg>,
        depth: usize,
    ) -> Result<(Value, bool), ParseError> {
        let mut parts = kids(node).into_iter();
        let Some(term) = parts.next() else { return self.unknown(node) };
        let suffixes: Vec<Node<'_>> = parts.collect();
        if suffixes.is_empty() {
            return match term.kind() {
                // A bare identifier (`type = string`) or a lone reference is not a value.
                "variable_expr" => self.unknown(node),
                _ => self.expr(term, path, depth + 1),
            };
        }
        let mut rest = suffixes.as_slice();
        // The module outlives this converter, so values found in it are borrowed, not copied,
        // until the budgets have been charged for them.
        let module: &'a ModuleContext = self.module;
        let evaluated;
        let mut found: Option<&Value> = None;
        let mut known_size: Option<Size> = None;
        if term.kind() == "variable_expr" {
            let table = match self.text_of(term).as_str() {
                "var" => Some(&module.vars),
                "local" => Some(&module.locals),
                _ => None,
            };
            let name = rest.first().filter(|s| s.kind() == "get_attr").and_then(|s| self.attr_name(*s));
            if let (Some(table), Some(name)) = (table, name) {
                rest = &rest[1..];
                if let Some(k) = table.get(&name) {
                    found = Some(&k.value);
                    known_size = Some(Size { nodes: k.nodes, depth: k.depth, bytes: k.bytes });
                }
            }
        } else if let (v, true) = self.eval_quiet(term, depth + 1)? {
            evaluated = v;
            found = Some(&evaluated);
        }
        let Some(mut value) = found else { return self.unknown(node) };
        for suffix in rest {
            let next = match suffix.kind() {
                "get_attr" => self.attr_name(*suffix).and_then(|k| value.get(&k)),
                "index" => self.index_into(value, *suffix, depth)?,
                _ => None,
            };
            match next {
                Some(v) => value = v,
                None => return self.unknown(node),
            }
            known_size = None;
        }
        let size = known_size.unwrap_or_else(|| value_size(value));
        if depth + size.depth > limits::MAX_DEPTH {
            self.refused_deep = true;
            return self.unknown(node);
        }
        self.count(size.nodes, node)?;
        self.count_bytes(size.bytes, node)?;
        Ok((value.clone(), true))
    }

    pub(super) fn attr_name(&self, get_attr: Node<'_>) -> Option<String> {
        kids(get_attr).into_iter().find(|n| n.kind() == "identifier").map(|n| self.text_of(n))
    }

    /// `value[key]` / `value.0` for a known key, `None` when the key or element is unknown.
    pub(super) fn index_into<'v>(
        &mut self,
        value: &'v Value,
        index: Node<'_>,
        depth: usize,
    ) -> Result<Option<&'v Value>, ParseError> {
        let Some(inner) = kids(index).into_iter().next() else { return Ok(None) };
        let key = match inner.kind() {
            "legacy_index" => {
                let digits = self.text_of(inner);
                Value::from(digits.trim_start_matches('.').parse::<u64>().ok())
            }
            _ => match kids(inner).into_iter().next() {
                Some(e) => match self.eval_quiet(e, depth + 1)? {
                    (k, true) => k,
                    _ => return Ok(None),
                },
                None => return Ok(None),
            },
        };
        Ok(match (value, &key) {
            (Value::Array(items), Value::Number(n)) => n.as_u64().and_then(|i| items.get(i as usize)),
            (Value::Object(m), Value::String(k)) => m.get(k),
            _ => None,
        })
    }

    pub(super) fn tuple(
        &mut self,
        node: Node<'_>,
        path: &mut Vec<Seg>,
        depth: usize,
    ) -> Result<(Value, bool), ParseError> {
        let mut items = Vec::new();
        let mut known = true;
        for (i, el) in kids(node).into_iter().filter(|n| n.kind() == "expression").enumerate() {
            path.push(Seg::Index(i));
            let result = self.expr(el, path, depth + 1);
            if result.is_ok() {
                self.mark(path, el);
            }
            path.pop();
            let (v, k) = result?;
            known &= k;
            items.push(v);
        }
        self.count(1, node)?;
        Ok((Value::Array(items), known))
    }

    pub(super) fn object(
        &mut self,
        node: Node<'_>,
        path: &mut Vec<Seg>,
        depth: usize,
    ) -> Result<(Value, bool), ParseError> {
        let mut m = Map::new();
        let mut known = true;
        for elem in kids(node).into_iter().filter(|n| n.kind() == "object_elem") {
            let (Some(key), Some(val)) = (elem.child_by_field_name("key"), elem.child_by_field_name("val")) else {
                continue;
            };
            let (key, key_known) = self.object_key(key, depth)?;
            path.push(Seg::Key(key.clone()));
            let result = self.expr(val, path, depth + 1);
            if result.is_ok() {
                self.mark(path, elem);
            }
            path.pop();
            let (v, k) = result?;
            known &= k && key_known;
            m.insert(key, v);
        }
        self.count(1, node)?;
        Ok((Value::Object(m), known))
    }

    /// An object key: a bare identifier is its own name, anything else is evaluated.
    pub(super) fn object_key(&mut self, key: Node<'_>, depth: usize) -> Result<(String, bool), ParseError> {
        let parts = kids(key);
        if let [single] = parts.as_slice()
            && single.kind() == "variable_expr"
        {
            return Ok((self.text_of(*single), true));
        }
        let (v, known) = self.eval_quiet(key, depth + 1)?;
        Ok(match (scalar_text(&v), known) {
            (Some(s), true) => (s, true),
            _ => (format!("${{{}}}", self.text_of(key)), false),
        })
    }

    /// Unary minus and not on known operands; every other operation is kept as source.
    pub(super) fn operation(&mut self, node: Node<'_>, depth: usize) -> Result<(Value, bool), ParseError> {
        let Some(unary) = kids(node).into_iter().find(|n| n.kind() == "unary_operation") else {
            return self.unknown(node);
        };
        let op = unary.child(0).map(|c| c.kind()).unwrap_or("");
        let Some(operand) = kids(unary).into_iter().next() else { return self.unknown(node) };
        let (v, known) = self.eval_quiet(operand, depth + 1)?;
        if !known {
            return self.unknown(node);
        }
        let result = match (op, &v) {
            ("!", Value::Bool(b)) => Some(Value::Bool(!b)),
            ("-", Value::Number(n)) => n
                .as_i64()
                .and_then(i64::checked_neg)
                .map(Value::from)
                .or_else(|| n.as_f64().and_then(|f| Number::from_f64(-f)).map(Value::Number)),
            _ => None,
        };
        match result {
            Some(v) => Ok((v, true)),
            None => self.unknown(node),
        }
    }

    /// A quoted string or heredoc. Literal text is taken from the source bytes (the grammar's
    /// literal nodes leave out whitespace), and interpolations are filled in where known.
    pub(super) fn template(
        &mut self,
        node: Node<'_>,
        path: &mut Vec<Seg>,
        depth: usize,
    ) -> Result<(Value, bool), ParseError> {
        let heredoc = node.kind() == "heredoc_template";
        let Some((start, end, indent)) =
            (if heredoc { self.heredoc_range(node) } else { self.quoted_range(node).map(|(s, e)| (s, e, false)) })
        else {
            self.count(1, node)?;
            return Ok((Value::String(String::new()), true));
        };
        let holes: Vec<Node<'_>> = kids(node)
            .into_iter()
            .filter(|n| matches!(n.kind(), "template_interpolation" | "template_directive"))
            .filter(|n| n.start_byte() >= start && n.end_byte() <= end)
            .collect();

        // `"${var.x}"` is just `var.x`, whatever its type.
        if let [only] = holes.as_slice()
            && only.kind() == "template_interpolation"
            && only.start_byte() == start
            && only.end_byte() == end
            && !kids(*only).iter().any(|n| n.kind() == "strip_marker")
            && let Some(inner) = kids(*only).into_iter().find(|n| n.kind() == "expression")
        {
            return self.expr(inner, path, depth + 1);
        }

        let strip = if indent { self.indent_ranges(start, end, &holes) } else { Vec::new() };
        let mut out = String::new();
        let mut known = true;
        let mut pos = start;
        let mut trim_next = false;
        for hole in &holes {
            let mut lit = self.literal(pos, hole.start_byte(), &strip, !heredoc);
            if trim_next {
                lit = lit.trim_start().to_string();
            }
            out.push_str(&lit);
            let markers: Vec<Node<'_>> = kids(*hole).into_iter().filter(|n| n.kind() == "strip_marker").collect();
            let strip_left = markers.iter().any(|m| m.start_byte() <= hole.start_byte() + 2);
            trim_next = markers.iter().any(|m| m.end_byte() + 1 >= hole.end_byte());
            if strip_left {
                out.truncate(out.trim_end().len());
            }
            let inner = kids(*hole).into_iter().find(|n| n.kind() == "expression");
            let filled = match (hole.kind(), inner) {
                ("template_interpolation", Some(inner)) => match self.eval_quiet(inner, depth + 1)? {
                    (v, true) => scalar_text(&v),
                    _ => None,
                },
                _ => None,
            };
            match filled {
                Some(s) => out.push_str(&s),
                None => {
                    known = false;
                    out.push_str(&self.text_of(*hole));
                }
            }
            pos = hole.end_byte();
        }
        let mut lit = self.literal(pos, end, &strip, !heredoc);
        if trim_next {
            lit = lit.trim_start().to_string();
        }
        out.push_str(&lit);
        self.count(1, node)?;
        self.count_bytes(out.len(), node)?;
        Ok((Value::String(out), known))
    }

    /// Content range of a heredoc (the lines between the opening and closing markers, with the
    /// final newline) and whether it is the indented `<<-` form.
    pub(super) fn heredoc_range(&self, node: Node<'_>) -> Option<(usize, usize, bool)> {
        let children = kids(node);
        let indent = children.iter().any(|n| n.kind() == "heredoc_start" && self.text_of(*n) == "<<-");
        let idents: Vec<&Node<'_>> = children.iter().filter(|n| n.kind() == "heredoc_identifier").collect();
        let open = idents.first()?;
        let close = idents.last().filter(|c| c.start_byte() > open.end_byte());
        let start = self.text[open.end_byte()..].iter().position(|&b| b == b'\n').map(|i| open.end_byte() + i + 1)?;
        let end = match close {
            Some(c) => self.text[..c.start_byte()].iter().rposition(|&b| b == b'\n').map_or(c.start_byte(), |i| i + 1),
            None => node.end_byte(),
        };
        Some((start, end.max(start), indent))
    }

    /// For `<<-` heredocs, the leading whitespace to drop from each line: the smallest
    /// indentation among lines that have content.
    pub(super) fn indent_ranges(&self, start: usize, end: usize, holes: &[Node<'_>]) -> Vec<(usize, usize)> {
        let mut lines = Vec::new();
        let mut line_start = start;
        while line_start < end {
            let line_end = self.text[line_start..end].iter().position(|&b| b == b'\n').map_or(end, |i| line_start + i);
            let ws = self.text[line_start..line_end].iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
            // Holes are in document order, so finding one that opens the line is a binary search.
            let has_content = line_start + ws < line_end
                || holes.binary_search_by_key(&(line_start + ws), |h| h.start_byte()).is_ok();
            lines.push((line_start, ws, has_content));
            line_start = line_end + 1;
        }
        let min = lines.iter().filter(|l| l.2).map(|l| l.1).min().unwrap_or(0);
        lines.into_iter().map(|(s, ws, _)| (s, s + ws.min(min))).filter(|(s, e)| e > s).collect()
    }

    /// The source text in `start..end` minus the `strip` ranges (sorted, disjoint: the
    /// indentation of a `<<-` heredoc), unescaped. One pass over the text and the ranges, so a
    /// heredoc of many lines costs linear time.
    pub(super) fn literal(&self, start: usize, end: usize, strip: &[(usize, usize)], quoted: bool) -> String {
        if start >= end {
            return String::new();
        }
        let mut raw: Vec<u8> = Vec::with_capacity(end - start);
        let mut pos = start;
        let first = strip.partition_point(|&(_, e)| e <= start);
        for &(s, e) in &strip[first..] {
            if s >= end {
                break;
            }
            if s > pos {
                raw.extend_from_slice(&self.text[pos..s]);
            }
            pos = pos.max(e);
        }
        if pos < end {
            raw.extend_from_slice(&self.text[pos..end]);
        }
        unescape(&String::from_utf8_lossy(&raw), quoted)
    }
}
