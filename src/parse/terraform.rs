//! Terraform (HCL native syntax) to a JSON document shaped like Terraform's JSON configuration
//! syntax, with a source map from every JSON path to the text it came from.
//!
//! The document is normalised so policies never have to guess a shape:
//!
//! ```text
//! {"resource": {TYPE: {NAME: BODY}}, "data": {TYPE: {NAME: BODY}},
//!  "module": {NAME: BODY}, "variable": {NAME: BODY}, "output": {NAME: BODY},
//!  "locals": {NAME: VALUE, ...}, "provider": {NAME: [BODY, ...]}, "terraform": [BODY, ...]}
//! ```
//!
//! Inside a BODY attributes are `name: value` and nested blocks are *always* arrays of bodies
//! (`"ingress": [{..}, {..}]`, `"versioning": [{"enabled": true}]`), even when there is only
//! one; labelled nested blocks nest their labels as keys (`"dynamic": {"ingress": [BODY]}`).
//! Any other top-level block follows the same nested-block rule.
//!
//! Values are literals where they can be: `var.x` and `local.x` are replaced by what the
//! [`ModuleContext`] knows about them, templates that only mix literal text with resolvable
//! references are interpolated, and everything else (function calls, conditionals, `for`
//! expressions, references to resources) is kept as its source text wrapped in `"${...}"`, the
//! way Terraform's JSON syntax spells an expression. A policy can therefore test
//! `cidr_blocks[_] == "0.0.0.0/0"` and still see `var.admin_cidr` resolved from a `.tfvars`.
//!
//! Parsing uses tree-sitter-hcl, which tolerates errors; a tree with any ERROR or MISSING node
//! is rejected with the line of the first one, so a broken file becomes a diagnostic instead of
//! a half-read document.

use super::{Document, ParseError, Seg, SourceMap, limits};
use crate::finding::Region;
use crate::source::LineIndex;
use serde_json::{Map, Number, Value};
use syntax::{attribute_expr, attribute_parts, kids, node_text, parse_tree, top_blocks};
use tree_sitter::Node;

mod literal;
mod module;
mod syntax;
use literal::{Size, number, scalar_text, unescape, value_size};
pub use module::{ContextNote, DEFAULT_MAX_CONTEXT_FILE, ModuleContext};

/// A document's strings may add up to four times its source plus this many bytes: room for
/// `var.*`/`local.*` substitution, far below what a doubling bomb would build.
const MAX_EXPANDED_BYTES: usize = 64 * 1024 * 1024;

/// Parse one `.tf` file. `module` supplies the values of `var.*` and `local.*`; pass
/// `&ModuleContext::default()` to resolve nothing.
pub fn parse_terraform(text: &[u8], module: &ModuleContext) -> Result<Document, ParseError> {
    let tree = parse_tree(text)?;
    let mut conv = Conv::new(text, module);
    let mut value = Value::Object(Map::new());
    for child in kids(tree.root_node()) {
        match child.kind() {
            "body" => value = conv.top_body(child)?,
            "object" => value = conv.expr(child, &mut Vec::new(), 1)?.0,
            _ => {}
        }
    }
    Ok(conv.finish(value))
}

/// Parse one `.tfvars` file into a flat object of its attributes (`{"region": "eu-west-1"}`),
/// each mapped to its `name = value` line.
pub fn parse_tfvars(text: &[u8]) -> Result<Document, ParseError> {
    let tree = parse_tree(text)?;
    let empty = ModuleContext::default();
    let mut conv = Conv::new(text, &empty);
    let mut value = Value::Object(Map::new());
    for child in kids(tree.root_node()) {
        match child.kind() {
            "body" => value = conv.body(Some(child), &mut Vec::new(), 1)?,
            "object" => value = conv.expr(child, &mut Vec::new(), 1)?.0,
            _ => {}
        }
    }
    Ok(conv.finish(value))
}

struct BlockParts<'t> {
    ty: String,
    labels: Vec<String>,
    body: Option<Node<'t>>,
}

/// Turns one tree into JSON, recording regions as it goes.
struct Conv<'a> {
    text: &'a [u8],
    lines: Option<LineIndex>,
    module: &'a ModuleContext,
    map: SourceMap,
    /// False while evaluating something whose parts are not in the document (an interpolation,
    /// the base of a traversal), so no path is mapped to them.
    record: bool,
    nodes: usize,
    max_nodes: usize,
    /// Bytes of strings built so far and the most allowed: substitution can double a string
    /// per reference without adding a node.
    bytes: usize,
    max_bytes: usize,
    /// Set when a known value was left out because substituting it would nest too deep.
    refused_deep: bool,
}

impl<'a> Conv<'a> {
    fn new(text: &'a [u8], module: &'a ModuleContext) -> Conv<'a> {
        Conv {
            text,
            lines: Some(LineIndex::new(text)),
            module,
            map: SourceMap::default(),
            record: true,
            nodes: 0,
            max_nodes: limits::MAX_NODES,
            // The source's own strings, plus room for what substitution adds.
            bytes: 0,
            max_bytes: text.len().saturating_mul(4).saturating_add(MAX_EXPANDED_BYTES),
            refused_deep: false,
        }
    }

    /// A converter that only computes values (for the module context), with no source map.
    fn quiet(text: &'a [u8], module: &'a ModuleContext) -> Conv<'a> {
        Conv {
            text,
            lines: None,
            module,
            map: SourceMap::default(),
            record: false,
            nodes: 0,
            max_nodes: limits::MAX_NODES,
            bytes: 0,
            max_bytes: text.len().saturating_mul(4).saturating_add(MAX_EXPANDED_BYTES),
            refused_deep: false,
        }
    }

    fn finish(mut self, value: Value) -> Document {
        if let Some(lines) = &self.lines {
            self.map.insert(Vec::new(), lines.region(self.text, 0, self.text.len()));
        }
        Document { value, source_map: self.map }
    }

    fn text_of(&self, node: Node<'_>) -> String {
        node_text(node, self.text)
    }

    fn region(&self, node: Node<'_>) -> Option<Region> {
        let lines = self.lines.as_ref()?;
        Some(lines.region(self.text, node.start_byte(), node.end_byte()))
    }

    fn mark(&mut self, path: &[Seg], node: Node<'_>) {
        if self.record
            && let Some(r) = self.region(node)
        {
            self.map.insert(path.to_vec(), r);
        }
    }

    fn mark_if_absent(&mut self, path: &[Seg], node: Node<'_>) {
        if self.map.get(path).is_none() {
            self.mark(path, node);
        }
    }

    fn count(&mut self, nodes: usize, at: Node<'_>) -> Result<(), ParseError> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > self.max_nodes {
            return Err(ParseError::new(
                Some(at.start_position().row as u32 + 1),
                format!("document expands to more than {} nodes", self.max_nodes),
            ));
        }
        Ok(())
    }

    /// Charge `bytes` of string text against the byte budget.
    fn count_bytes(&mut self, bytes: usize, at: Node<'_>) -> Result<(), ParseError> {
        self.bytes = self.bytes.saturating_add(bytes);
        if self.bytes > self.max_bytes {
            return Err(ParseError::new(
                Some(at.start_position().row as u32 + 1),
                format!("strings expand to more than {} bytes", self.max_bytes),
            ));
        }
        Ok(())
    }

    fn check_depth(&self, depth: usize, at: Node<'_>) -> Result<(), ParseError> {
        if depth > limits::MAX_DEPTH {
            return Err(ParseError::new(
                Some(at.start_position().row as u32 + 1),
                format!("nesting deeper than {} levels", limits::MAX_DEPTH),
            ));
        }
        Ok(())
    }

    fn block_parts<'t>(&self, block: Node<'t>) -> BlockParts<'t> {
        let mut parts = BlockParts { ty: String::new(), labels: Vec::new(), body: None };
        let mut seen_type = false;
        for child in kids(block) {
            match child.kind() {
                "identifier" if !seen_type => {
                    parts.ty = self.text_of(child);
                    seen_type = true;
                }
                "identifier" => parts.labels.push(self.text_of(child)),
                "string_lit" => parts.labels.push(self.string_lit(child)),
                "body" => parts.body = Some(child),
                _ => {}
            }
        }
        parts
    }

    /// The unescaped text of a `string_lit` (a label or a literal string).
    fn string_lit(&self, node: Node<'_>) -> String {
        match self.quoted_range(node) {
            Some((start, end)) => unescape(&String::from_utf8_lossy(&self.text[start..end]), true),
            None => String::new(),
        }
    }

    /// The bytes between the quotes of a quoted template or string literal.
    fn quoted_range(&self, node: Node<'_>) -> Option<(usize, usize)> {
        let children = kids(node);
        let open = children.iter().find(|n| n.kind() == "quoted_template_start")?;
        let close = children.iter().rev().find(|n| n.kind() == "quoted_template_end")?;
        (open.end_byte() <= close.start_byte()).then(|| (open.end_byte(), close.start_byte()))
    }

    fn top_body(&mut self, body: Node<'_>) -> Result<Value, ParseError> {
        let mut doc = Map::new();
        let mut path = Vec::new();
        for item in kids(body) {
            match item.kind() {
                "attribute" => self.attribute(item, &mut doc, &mut path, 1)?,
                "block" => self.top_block(item, &mut doc)?,
                _ => {}
            }
        }
        self.count(1, body)?;
        Ok(Value::Object(doc))
    }

    fn top_block(&mut self, block: Node<'_>, doc: &mut Map<String, Value>) -> Result<(), ParseError> {
        let parts = self.block_parts(block);
        let ty = parts.ty.clone();
        match (ty.as_str(), parts.labels.as_slice()) {
            ("resource" | "data", [kind, name]) => {
                let Some(by_name) = obj_at(doc, &ty).and_then(|m| obj_at(m, kind)) else {
                    return Ok(());
                };
                // Terraform rejects a duplicate address; the first definition is the one kept.
                if by_name.contains_key(name) {
                    return Ok(());
                }
                let mut path = vec![Seg::from(ty.as_str()), Seg::from(kind.as_str()), Seg::from(name.as_str())];
                let body = self.body(parts.body, &mut path, 1)?;
                by_name.insert(name.clone(), body);
                self.mark(&path, block);
                path.pop();
                self.mark_if_absent(&path, block);
            }
            ("module" | "variable" | "output", [name]) => {
                let Some(by_name) = obj_at(doc, &ty) else { return Ok(()) };
                if by_name.contains_key(name) {
                    return Ok(());
                }
                let mut path = vec![Seg::from(ty.as_str()), Seg::from(name.as_str())];
                let body = self.body(parts.body, &mut path, 1)?;
                by_name.insert(name.clone(), body);
                self.mark(&path, block);
            }
            ("locals", []) => {
                let Some(locals) = obj_at(doc, "locals") else { return Ok(()) };
                let mut path = vec![Seg::from("locals")];
                self.mark_if_absent(&path, block);
                for item in parts.body.map(kids).unwrap_or_default() {
                    if item.kind() == "attribute" {
                        self.attribute(item, locals, &mut path, 1)?;
                    }
                }
            }
            ("provider", [name]) => {
                let Some(list) = obj_at(doc, "provider").and_then(|m| arr_at(m, name)) else {
                    return Ok(());
                };
                let mut path = vec![Seg::from("provider"), Seg::from(name.as_str()), Seg::Index(list.len())];
                let body = self.body(parts.body, &mut path, 1)?;
                list.push(body);
                self.mark(&path, block);
                path.pop();
                self.mark_if_absent(&path, block);
            }
            ("terraform", []) => {
                let Some(list) = arr_at(doc, "terraform") else { return Ok(()) };
                let mut path = vec![Seg::from("terraform"), Seg::Index(list.len())];
                let body = self.body(parts.body, &mut path, 1)?;
                list.push(body);
                self.mark(&path, block);
            }
            _ => self.nested_block(block, parts, doc, &mut Vec::new(), 1)?,
        }
        Ok(())
    }

    /// A block inside a body: appended to the array at `TYPE[.LABEL...]`.
    fn nested_block(
        &mut self,
        block: Node<'_>,
        parts: BlockParts<'_>,
        target: &mut Map<String, Value>,
        path: &mut Vec<Seg>,
        depth: usize,
    ) -> Result<(), ParseError> {
        self.check_depth(depth, block)?;
        let keys: Vec<&str> =
            std::iter::once(parts.ty.as_str()).chain(parts.labels.iter().map(String::as_str)).collect();
        let Some(list) = slot(target, &keys) else {
            // An attribute of the same name already holds a non-block value; keep it.
            return Ok(());
        };
        let base = path.len();
        path.extend(keys.iter().map(|k| Seg::from(*k)));
        self.mark_if_absent(path, block);
        path.push(Seg::Index(list.len()));
        let body = self.body(parts.body, path, depth + 1);
        let result = body.map(|b| list.push(b));
        if result.is_ok() {
            self.mark(path, block);
        }
        path.truncate(base);
        result
    }

    /// A block body (or a `.tfvars` file) as an object.
    fn body(&mut self, body: Option<Node<'_>>, path: &mut Vec<Seg>, depth: usize) -> Result<Value, ParseError> {
        let mut m = Map::new();
        if let Some(body) = body {
            self.check_depth(depth, body)?;
            for item in kids(body) {
                match item.kind() {
                    "attribute" => self.attribute(item, &mut m, path, depth)?,
                    "block" => {
                        let parts = self.block_parts(item);
                        self.nested_block(item, parts, &mut m, path, depth + 1)?;
                    }
                    _ => {}
                }
            }
            self.count(1, body)?;
        }
        Ok(Value::Object(m))
    }

    fn attribute(
        &mut self,
        attr: Node<'_>,
        target: &mut Map<String, Value>,
        path: &mut Vec<Seg>,
        depth: usize,
    ) -> Result<(), ParseError> {
        let Some((name, expr)) = attribute_parts(attr, self.text) else { return Ok(()) };
        path.push(Seg::Key(name.clone()));
        let value = match expr {
            Some(e) => self.expr(e, path, depth + 1).map(|(v, _)| v),
            None => Ok(Value::Null),
        };
        if value.is_ok() {
            self.mark(path, attr);
        }
        path.pop();
        target.insert(name, value?);
        Ok(())
    }

    /// The value of an expression node and whether it is fully known (a literal, or resolved
    /// to one). Unknown expressions come back as `"${source}"`.
    fn expr(&mut self, node: Node<'_>, path: &mut Vec<Seg>, depth: usize) -> Result<(Value, bool), ParseError> {
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
            _ => self.unknown(node),
        }
    }

    fn unknown(&mut self, node: Node<'_>) -> Result<(Value, bool), ParseError> {
        self.count(1, node)?;
        self.count_bytes(node.byte_range().len() + 3, node)?;
        Ok((Value::String(format!("${{{}}}", self.text_of(node))), false))
    }

    /// Evaluate without mapping paths: for values that are looked into rather than placed in
    /// the document as written.
    fn eval_quiet(&mut self, node: Node<'_>, depth: usize) -> Result<(Value, bool), ParseError> {
        let record = std::mem::replace(&mut self.record, false);
        let result = self.expr(node, &mut Vec::new(), depth);
        self.record = record;
        result
    }

    /// An `expression` node: a term, possibly parenthesised, followed by attribute accesses,
    /// indexes and splats (the grammar flattens these into one node).
    fn expression(&mut self, node: Node<'_>, path: &mut Vec<Seg>, depth: usize) -> Result<(Value, bool), ParseError> {
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

    fn attr_name(&self, get_attr: Node<'_>) -> Option<String> {
        kids(get_attr).into_iter().find(|n| n.kind() == "identifier").map(|n| self.text_of(n))
    }

    /// `value[key]` / `value.0` for a known key, `None` when the key or element is unknown.
    fn index_into<'v>(
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

    fn tuple(&mut self, node: Node<'_>, path: &mut Vec<Seg>, depth: usize) -> Result<(Value, bool), ParseError> {
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

    fn object(&mut self, node: Node<'_>, path: &mut Vec<Seg>, depth: usize) -> Result<(Value, bool), ParseError> {
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
    fn object_key(&mut self, key: Node<'_>, depth: usize) -> Result<(String, bool), ParseError> {
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
    fn operation(&mut self, node: Node<'_>, depth: usize) -> Result<(Value, bool), ParseError> {
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
    fn template(&mut self, node: Node<'_>, path: &mut Vec<Seg>, depth: usize) -> Result<(Value, bool), ParseError> {
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
    fn heredoc_range(&self, node: Node<'_>) -> Option<(usize, usize, bool)> {
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
    fn indent_ranges(&self, start: usize, end: usize, holes: &[Node<'_>]) -> Vec<(usize, usize)> {
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
    fn literal(&self, start: usize, end: usize, strip: &[(usize, usize)], quoted: bool) -> String {
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

/// The object at `m[key]`, created when absent; `None` when something else is there.
fn obj_at<'m>(m: &'m mut Map<String, Value>, key: &str) -> Option<&'m mut Map<String, Value>> {
    m.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new())).as_object_mut()
}

/// The array at `m[key]`, created when absent; `None` when something else is there.
fn arr_at<'m>(m: &'m mut Map<String, Value>, key: &str) -> Option<&'m mut Vec<Value>> {
    m.entry(key.to_string()).or_insert_with(|| Value::Array(Vec::new())).as_array_mut()
}

/// The array a nested block is appended to: `m[TYPE]` for an unlabelled block,
/// `m[TYPE][LABEL]...` for a labelled one.
fn slot<'m>(m: &'m mut Map<String, Value>, keys: &[&str]) -> Option<&'m mut Vec<Value>> {
    match keys {
        [] => None,
        [last] => arr_at(m, last),
        [first, rest @ ..] => slot(obj_at(m, first)?, rest),
    }
}

#[cfg(test)]
mod tests;
