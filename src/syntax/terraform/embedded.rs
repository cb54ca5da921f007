//! JSON that a Terraform file holds inside an expression, turned into real values of the
//! document so checks read it like any other part of the file, with positions:
//!
//! - `jsonencode({...})` / `jsonencode([...])`: the argument is evaluated in place, so every
//!   node of it has its own path and region (`policy.Statement.0.Action`).
//! - JSON text on attributes that hold JSON documents (`policy`, `assume_role_policy`,
//!   `access_policies`, `container_definitions`), written as a heredoc or a quoted string: parsed
//!   as JSON. A heredoc's nodes are mapped to their lines when the heredoc's raw text parses to
//!   the same value (nothing was substituted into it); otherwise they fall back to the
//!   attribute's region.
//! - `file("x.json")` / `file("${path.module}/x.json")`: the sibling file is read (a regular file
//!   under the module's directory, within the size limit, not excluded from the scan) and parsed
//!   as JSON; every node inside maps to the `file(...)` call.
//!
//! Anything else — another function, a string that is not JSON, a file that cannot be read —
//! stays as its source text in `"${...}"`, as before: an unknown value is not evidence.

use super::Conv;
use super::literal::value_size;
use super::syntax::kids;
use crate::model::Region;
use crate::syntax::{ParseError, Seg, json};
use serde_json::Value;
use std::path::{Component, Path, PathBuf};
use tree_sitter::Node;

/// Attributes whose string value is a JSON document in the AWS provider.
pub(super) const JSON_ATTRIBUTES: &[&str] =
    &["policy", "assume_role_policy", "access_policies", "container_definitions"];

/// Largest file `file(...)` reads, whatever the scan's own limit.
pub const MAX_EMBEDDED_FILE: u64 = 1024 * 1024;

/// The scan's exclusions: true for a path it does not read.
pub type SkipPath = dyn Fn(&Path) -> bool + Send + Sync;

/// Where `file(...)` may read from: the module's directory, with the scan's file filters.
#[derive(Clone)]
pub struct FileAccess {
    pub dir: PathBuf,
    pub max_file_size: u64,
    pub skip: Option<std::sync::Arc<SkipPath>>,
}

impl std::fmt::Debug for FileAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileAccess").field("dir", &self.dir).field("max_file_size", &self.max_file_size).finish()
    }
}

impl FileAccess {
    /// The bytes of `relative` (a path as written in `file(...)`), or `None` when it leaves the
    /// module directory, is excluded, is not a regular file or is too large.
    fn read(&self, relative: &str) -> Option<Vec<u8>> {
        let rel = Path::new(relative);
        if rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
            return None;
        }
        let full = self.dir.join(rel);
        if self.skip.as_ref().is_some_and(|skip| skip(&full)) {
            return None;
        }
        // A symlink could point anywhere: only regular files are read.
        let meta = std::fs::symlink_metadata(&full).ok()?;
        let max = self.max_file_size.min(MAX_EMBEDDED_FILE);
        if !meta.is_file() || meta.len() > max {
            return None;
        }
        super::module::read_small(&full, max)
    }
}

impl<'a> Conv<'a> {
    /// A function call: `jsonencode` and `file` are evaluated when their result is JSON data;
    /// any other call is unknown.
    pub(super) fn function_call(
        &mut self,
        node: Node<'_>,
        path: &mut Vec<Seg>,
        depth: usize,
    ) -> Result<(Value, bool), ParseError> {
        let children = kids(node);
        let name = children.iter().find(|n| n.kind() == "identifier").map(|n| self.text_of(*n));
        let Some(args) = children.iter().find(|n| n.kind() == "function_arguments") else {
            return self.unknown(node);
        };
        let arg_nodes = kids(*args);
        // `f(list...)` expands its argument: not a single value.
        if arg_nodes.iter().any(|n| n.kind() == "expanded_argument" || self.text_of(*n) == "...") {
            return self.unknown(node);
        }
        let exprs: Vec<Node<'_>> = arg_nodes.into_iter().filter(|n| n.kind() == "expression").collect();
        match (name.as_deref(), exprs.as_slice()) {
            (Some("jsonencode"), [arg]) => {
                let (value, known) = self.expr(*arg, path, depth + 1)?;
                if value.is_object() || value.is_array() { Ok((value, known)) } else { self.unknown(node) }
            }
            (Some("file"), [arg]) => match self.read_json_file(node, *arg, path, depth)? {
                Some(value) => Ok((value, true)),
                None => self.unknown(node),
            },
            _ => self.unknown(node),
        }
    }

    /// `file(PATH)` when PATH names a readable sibling file holding a JSON object or array.
    fn read_json_file(
        &mut self,
        call: Node<'_>,
        arg: Node<'_>,
        path: &[Seg],
        depth: usize,
    ) -> Result<Option<Value>, ParseError> {
        let Some(access) = self.module.files.as_ref() else { return Ok(None) };
        let (written, _) = self.eval_quiet(arg, depth + 1)?;
        let Some(written) = written.as_str() else { return Ok(None) };
        let relative = written.strip_prefix("${path.module}/").unwrap_or(written);
        if relative.contains("${") || relative.is_empty() {
            return Ok(None);
        }
        let Some(bytes) = access.read(relative) else { return Ok(None) };
        let Ok(doc) = json::parse_json(&bytes) else { return Ok(None) };
        if !(doc.value.is_object() || doc.value.is_array()) {
            return Ok(None);
        }
        self.charge(&doc.value, call)?;
        if let Some(region) = self.region(call).filter(|_| self.record) {
            // The file's text is not this file's: every node of it is the call.
            for (inner, _) in doc.source_map.iter() {
                self.map.insert(joined(path, inner), region);
            }
        }
        Ok(Some(doc.value))
    }

    /// The JSON document an attribute such as `policy` holds as text, as a value; `None` when
    /// the attribute is not one of those or its value is not JSON text.
    pub(super) fn embedded_json(
        &mut self,
        name: &str,
        expr: Node<'_>,
        value: &Value,
        path: &[Seg],
    ) -> Result<Option<Value>, ParseError> {
        let Some(text) = value.as_str() else { return Ok(None) };
        let start = text.trim_start();
        if !JSON_ATTRIBUTES.contains(&name) || !(start.starts_with('{') || start.starts_with('[')) {
            return Ok(None);
        }
        let Ok(doc) = json::parse_json(text.as_bytes()) else { return Ok(None) };
        self.charge(&doc.value, expr)?;
        if self.record
            && let Some(heredoc) = heredoc_of(expr)
            && let Some((from, to, _)) = self.heredoc_range(heredoc)
            && let Ok(raw) = json::parse_json(&self.text[from..to])
            && raw.value == doc.value
            && let Some(lines) = &self.lines
        {
            // The heredoc's body starts at the beginning of a line, and JSON does not care how
            // much a `<<-` heredoc's lines were indented: only the line numbers shift.
            let shift = lines.region(self.text, from, from).start_line - 1;
            let mapped: Vec<(Vec<Seg>, Region)> = raw
                .source_map
                .iter()
                .map(|(inner, r)| {
                    let region = Region { start_line: r.start_line + shift, end_line: r.end_line + shift, ..r };
                    (joined(path, inner), region)
                })
                .collect();
            for (p, r) in mapped {
                self.map.insert(p, r);
            }
        }
        Ok(Some(doc.value))
    }

    /// Charge a value built from outside the syntax tree against the node and byte budgets.
    fn charge(&mut self, value: &Value, at: Node<'_>) -> Result<(), ParseError> {
        let size = value_size(value);
        self.count(size.nodes, at)?;
        self.count_bytes(size.bytes, at)
    }
}

/// The heredoc an attribute's expression is, when it is nothing else.
fn heredoc_of(expr: Node<'_>) -> Option<Node<'_>> {
    let mut node = expr;
    loop {
        if node.kind() == "heredoc_template" {
            return Some(node);
        }
        match kids(node).as_slice() {
            [only] if matches!(node.kind(), "expression" | "template_expr") => node = *only,
            _ => return None,
        }
    }
}

fn joined(base: &[Seg], inner: &[Seg]) -> Vec<Seg> {
    base.iter().chain(inner).cloned().collect()
}

#[cfg(test)]
mod tests;
