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
use crate::model::Region;
use crate::source::LineIndex;
use serde_json::{Map, Value};
use syntax::{attribute_expr, attribute_parts, kids, node_text, parse_tree, top_blocks};
use tree_sitter::Node;

mod cache;
mod embedded;
mod expression;
mod json_syntax;
mod literal;
mod module;
mod siblings;
mod syntax;
pub use cache::ModuleCache;
pub use embedded::{FileAccess, MAX_EMBEDDED_FILE};
pub use json_syntax::parse_terraform_json;
use literal::{unescape, value_size};
pub use module::{ContextNote, DEFAULT_MAX_CONTEXT_FILE, ModuleContext, is_module_file};
pub use siblings::KEY as MODULE_RESOURCES_KEY;

/// A document's strings may add up to four times its source plus this many bytes: room for
/// `var.*`/`local.*` substitution, far below what a doubling bomb would build.
const MAX_EXPANDED_BYTES: usize = 64 * 1024 * 1024;

/// Parse one `.tf` file. `module` supplies the values of `var.*` and `local.*`; pass
/// `&ModuleContext::default()` to resolve nothing.
pub fn parse_terraform(text: &[u8], module: &ModuleContext) -> Result<Document, ParseError> {
    convert(text, parse_tree(text)?, module)
}

/// [`parse_terraform`] for the file `name` of the module `module` was built from: the tree the
/// context already parsed is reused.
pub fn parse_module_file(name: &str, text: &[u8], module: &ModuleContext) -> Result<Document, ParseError> {
    let tree = match module.take_tree(name, text) {
        Some(tree) => tree,
        None => parse_tree(text)?,
    };
    convert(text, tree, module)
}

/// The document of one parsed `.tf` file.
fn convert(text: &[u8], tree: tree_sitter::Tree, module: &ModuleContext) -> Result<Document, ParseError> {
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
            Some(e) => {
                self.expr(e, path, depth + 1).and_then(|(v, _)| match self.embedded_json(&name, e, &v, path)? {
                    Some(json) => Ok(json),
                    None => Ok(v),
                })
            }
            None => Ok(Value::Null),
        };
        if value.is_ok() {
            self.mark(path, attr);
        }
        path.pop();
        target.insert(name, value?);
        Ok(())
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
