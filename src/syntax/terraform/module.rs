//! What is statically known about one Terraform module (one directory): the literal values of
//! its input variables and locals, used to resolve `var.*` and `local.*` while parsing a file.
//!
//! Variables come from `variable` blocks' `default`, overridden by `terraform.tfvars`, then
//! `*.auto.tfvars` (in name order), then any other `*.tfvars` (in name order); the `.tfvars.json`
//! form of each takes the same place.
//!
//! Locals are resolved once each, in dependency order: every local's `local.NAME` references are
//! read off its expression, a depth-first walk (on the heap, so a long chain cannot exhaust the
//! stack) evaluates each dependency before its dependents, and the result is memoised; there is
//! no limit on how long a chain may be. The work
//! is linear in the number of locals and references. A local is kept when its value is a literal
//! or resolves to one; one that cannot be seen — part of a reference cycle, or a value past the
//! size budgets — is recorded as a [`ContextNote`] on the file that defines it, so the scan can
//! tell the user a check could not see the value instead of staying silent.
//!
//! The directory is read the way the scan reads it: files over the scan's size limit or excluded
//! from it (`--exclude`, vendored files), binary files and anything that is not a regular file (a
//! symlink, a FIFO) are left out, so a file the scan skipped cannot stall every other file of its
//! module.

use super::embedded::FileAccess;
use super::siblings::{self, Sibling, TRACKED};
use super::{Conv, attribute_expr, attribute_parts, kids, parse_tree, top_blocks, value_size};
use crate::syntax::limits;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tree_sitter::{Node, Tree};

/// Largest `.tf`/`.tfvars` file [`ModuleContext::load`] reads when no limit is given: the scan's
/// default `--max-file-size`.
pub const DEFAULT_MAX_CONTEXT_FILE: u64 = 5 * 1024 * 1024;

/// Most JSON nodes one `local` may expand to. Locals can reference locals, so each level could
/// double the size of the last; past this a local is treated as unknown rather than grown.
const MAX_LOCAL_NODES: usize = 100_000;

/// Most bytes of strings (and object keys) one `local` may expand to: `"${local.s}${local.s}"`
/// doubles a string with no new nodes at all, so nodes alone do not bound memory.
const MAX_LOCAL_BYTES: usize = 1024 * 1024;

/// Most nodes and string bytes all the resolved locals of one module may hold together: many
/// locals each just under the per-local budget must not add up to gigabytes either.
const MAX_CONTEXT_NODES: usize = limits::MAX_NODES;
const MAX_CONTEXT_BYTES: usize = 16 * 1024 * 1024;

/// How many leading bytes are sniffed for a NUL to call a file binary (as the scan does).
const BINARY_SNIFF: usize = 8 * 1024;

/// What a module's files say about `var.*` and `local.*`; see the module doc.
#[derive(Debug, Clone, Default)]
pub struct ModuleContext {
    pub(super) vars: HashMap<String, Known>,
    pub(super) locals: HashMap<String, Known>,
    notes: Vec<ContextNote>,
    /// S3 companion resources of every file (see the `siblings` module).
    siblings: Vec<Sibling>,
    /// Where `file(...)` may read from; `None` reads nothing.
    pub(super) files: Option<FileAccess>,
    /// The syntax trees of the `.tf` files read to build the context, until the scan parses
    /// those files itself ([`ModuleContext::take_tree`]): every file of a module is read for
    /// the context first, and parsing it twice was a third of a Terraform-heavy scan.
    trees: Arc<Mutex<HashMap<String, ParsedFile>>>,
}

/// A `.tf` file's text and its tree, as parsed for the context.
#[derive(Debug)]
struct ParsedFile {
    text: Vec<u8>,
    tree: Tree,
}

/// Why a local defined in a file of the module was left unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextNote {
    /// The file name (within the module's directory) that defines the local.
    pub file: String,
    /// 1-based line of the local's definition.
    pub line: u32,
    pub message: String,
}

/// A resolved value plus its size, so substituting it can be charged against the node and byte
/// budgets and the depth limit without walking it again.
#[derive(Debug, Clone)]
pub(super) struct Known {
    pub(super) value: Value,
    pub(super) nodes: usize,
    pub(super) depth: usize,
    pub(super) bytes: usize,
}

impl Known {
    pub(super) fn new(value: Value) -> Known {
        let size = value_size(&value);
        Known { value, nodes: size.nodes, depth: size.depth, bytes: size.bytes }
    }
}

/// One `name = expr` of a `locals` block.
struct LocalDef<'t> {
    file: &'t str,
    text: &'t [u8],
    name: String,
    expr: Node<'t>,
    /// Indexes (into the definitions) of the locals its expression references.
    deps: Vec<usize>,
}

impl ModuleContext {
    /// Read every `*.tf`, `*.tfvars` and `*.tfvars.json` directly in `dir` (not its
    /// subdirectories) that the scan itself would read: regular files of at most
    /// `max_file_size` bytes that are not binary. Files that cannot be read or parsed are
    /// skipped: when scanned themselves they produce their own diagnostic.
    pub fn load(dir: &Path, max_file_size: u64) -> ModuleContext {
        ModuleContext::load_skipping(dir, max_file_size, &|_| false)
    }

    /// [`ModuleContext::load`], also leaving out the files for which `skip` is true (the scan's
    /// `--exclude` globs and default exclusions).
    pub fn load_skipping(dir: &Path, max_file_size: u64, skip: &dyn Fn(&Path) -> bool) -> ModuleContext {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return ModuleContext::default();
        };
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else { continue };
            // `file_type` does not follow links: a symlink or FIFO is not read, as in the walk.
            if file_rank(&name).is_none() || !entry.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.path();
            if skip(&path) {
                continue;
            }
            if let Some(bytes) = read_small(&path, max_file_size) {
                files.push((name, bytes));
            }
        }
        ModuleContext::from_sources(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))
    }

    /// Let `file(...)` read JSON files under the module's directory (see the `embedded` module).
    pub fn with_files(mut self, access: FileAccess) -> ModuleContext {
        self.files = Some(access);
        self
    }

    /// Build the context from in-memory files given as (file name, contents): the same rules as
    /// [`ModuleContext::load`], for callers that read blobs from git rather than disk.
    pub fn from_sources<'a, I>(files: I) -> ModuleContext
    where
        I: IntoIterator<Item = (&'a str, &'a [u8])>,
    {
        let mut tf: Vec<(&str, &[u8])> = Vec::new();
        let mut tfvars: Vec<(u8, &str, &[u8])> = Vec::new();
        for (name, bytes) in files {
            match file_rank(name) {
                Some(0) => tf.push((name, bytes)),
                Some(rank) => tfvars.push((rank, name, bytes)),
                None => {}
            }
        }
        tf.sort();
        tfvars.sort();

        let mut ctx = ModuleContext::default();
        let empty = ModuleContext::default();
        let trees: Vec<(&str, &[u8], Tree)> =
            tf.iter().filter_map(|&(name, text)| parse_tree(text).ok().map(|t| (name, text, t))).collect();

        let mut locals: Vec<LocalDef<'_>> = Vec::new();
        for (file, text, tree) in &trees {
            let mut conv = Conv::quiet(text, &empty);
            for block in top_blocks(tree.root_node()) {
                let parts = conv.block_parts(block);
                match (parts.ty.as_str(), parts.labels.as_slice()) {
                    ("variable", [name]) => {
                        let default = parts.body.and_then(|b| attribute_expr(b, "default", text));
                        if let Some(expr) = default
                            && let Ok((value, true)) = conv.expr(expr, &mut Vec::new(), 1)
                        {
                            ctx.vars.insert(name.clone(), Known::new(value));
                        }
                    }
                    ("resource", [ty, name]) if TRACKED.contains(&ty.as_str()) => {
                        let bucket = parts.body.and_then(|b| attribute_expr(b, "bucket", text));
                        let bucket = bucket.and_then(|e| conv.expr(e, &mut Vec::new(), 1).ok()).map(|(v, _)| v);
                        ctx.siblings.push(Sibling {
                            file: file.to_string(),
                            ty: ty.clone(),
                            name: name.clone(),
                            bucket: bucket.unwrap_or(Value::Null),
                        });
                    }
                    ("locals", []) => {
                        for attr in parts.body.map(kids).unwrap_or_default() {
                            if attr.kind() == "attribute"
                                && let Some((name, Some(expr))) = attribute_parts(attr, text)
                            {
                                locals.push(LocalDef { file, text, name, expr, deps: Vec::new() });
                            }
                        }
                    }
                    _ => {}
                }
            }
        }

        for &(_, name, bytes) in &tfvars {
            ctx.apply_tfvars(name, bytes);
        }
        ctx.resolve_locals(locals);
        let parsed =
            trees.into_iter().map(|(name, text, tree)| (name.to_string(), ParsedFile { text: text.to_vec(), tree }));
        ctx.trees = Arc::new(Mutex::new(parsed.collect()));
        ctx
    }

    /// The tree of the module file `name` as parsed for the context, handed over once, if its
    /// text is still `text` (the scan may read a file that changed since).
    pub fn take_tree(&self, name: &str, text: &[u8]) -> Option<Tree> {
        let mut trees = self.trees.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let parsed = trees.remove(name)?;
        (parsed.text == text).then_some(parsed.tree)
    }

    /// Resolve every local once, dependencies first (see the module doc).
    ///
    /// This is Tarjan's strongly-connected-components walk, kept on the heap: it emits each
    /// group of locals that reference one another after every group they depend on, so a
    /// single local is evaluated when its inputs are settled, and a group of several (or a
    /// local that references itself) is a cycle, reported once. Linear in locals + references.
    fn resolve_locals(&mut self, mut defs: Vec<LocalDef<'_>>) {
        // Terraform rejects a duplicate local; the first definition is the one used.
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, def) in defs.iter().enumerate() {
            index.entry(def.name.clone()).or_insert(i);
        }
        for def in &mut defs {
            def.deps =
                local_references(def.expr, def.text).iter().filter_map(|name| index.get(name).copied()).collect();
        }

        const UNSEEN: usize = usize::MAX;
        let n = defs.len();
        let (mut order, mut low) = (vec![UNSEEN; n], vec![0; n]);
        let mut on_stack = vec![false; n];
        let mut group_stack: Vec<usize> = Vec::new();
        let mut visited = 0;
        let mut budget = (0usize, 0usize);
        for root in 0..n {
            if order[root] != UNSEEN {
                continue;
            }
            // (local, how many of its dependencies have been looked at)
            let mut walk: Vec<(usize, usize)> = Vec::new();
            macro_rules! enter {
                ($v:expr) => {{
                    let v = $v;
                    order[v] = visited;
                    low[v] = visited;
                    visited += 1;
                    group_stack.push(v);
                    on_stack[v] = true;
                    walk.push((v, 0));
                }};
            }
            enter!(root);
            while let Some(&(at, next)) = walk.last() {
                if let Some(&dep) = defs[at].deps.get(next) {
                    walk.last_mut().expect("non-empty").1 += 1;
                    if order[dep] == UNSEEN {
                        enter!(dep);
                    } else if on_stack[dep] {
                        low[at] = low[at].min(order[dep]);
                    }
                    continue;
                }
                walk.pop();
                if let Some(&(parent, _)) = walk.last() {
                    low[parent] = low[parent].min(low[at]);
                }
                if low[at] != order[at] {
                    continue;
                }
                let mut group = Vec::new();
                while let Some(member) = group_stack.pop() {
                    on_stack[member] = false;
                    group.push(member);
                    if member == at {
                        break;
                    }
                }
                if group.len() > 1 || defs[at].deps.contains(&at) {
                    group.sort_unstable();
                    self.note_cycle(&defs, &group);
                } else if index.get(&defs[at].name) == Some(&at) {
                    self.resolve_one(&defs[at], &mut budget);
                }
            }
        }
    }

    /// Record a reference cycle on the file of each local in it.
    fn note_cycle(&mut self, defs: &[LocalDef<'_>], members: &[usize]) {
        // Each member's note names the others, so a long cycle is abbreviated: naming all of a
        // 10,000-local cycle on each of its 10,000 locals would cost the square.
        const SHOWN: usize = 6;
        let mut names: Vec<String> = members.iter().take(SHOWN).map(|&m| format!("local.{}", defs[m].name)).collect();
        if members.len() > SHOWN {
            names.push(format!("and {} more", members.len() - SHOWN));
        }
        let among = names.join(", ");
        for &m in members {
            let message = format!(
                "local.{} is part of a reference cycle (among {among}); its value is unknown to every check",
                defs[m].name
            );
            self.note(&defs[m], message);
        }
    }

    /// Evaluate one local whose dependencies are already resolved (or known to be unknown).
    fn resolve_one(&mut self, def: &LocalDef<'_>, budget: &mut (usize, usize)) {
        let result = {
            let mut conv = Conv::quiet(def.text, self);
            conv.max_nodes = MAX_LOCAL_NODES;
            conv.max_bytes = MAX_LOCAL_BYTES;
            let result = conv.expr(def.expr, &mut Vec::new(), 1);
            (result, conv.refused_deep)
        };
        match result {
            (Ok((value, true)), _) => {
                let known = Known::new(value);
                let (nodes, bytes) = (budget.0 + known.nodes, budget.1 + known.bytes);
                if nodes > MAX_CONTEXT_NODES || bytes > MAX_CONTEXT_BYTES {
                    let message = format!(
                        "local.{} is not resolved: the module's locals together expand to more than {MAX_CONTEXT_NODES} nodes or {MAX_CONTEXT_BYTES} bytes; its value is unknown to every check",
                        def.name
                    );
                    self.note(def, message);
                    return;
                }
                *budget = (nodes, bytes);
                self.locals.insert(def.name.clone(), known);
            }
            (Err(err), _) => {
                let message =
                    format!("local.{} is not resolved: {}; its value is unknown to every check", def.name, err.message);
                self.note(def, message);
            }
            (Ok(_), true) => {
                let message = format!(
                    "local.{} is not resolved: its value nests deeper than {} levels; its value is unknown to every check",
                    def.name,
                    limits::MAX_DEPTH
                );
                self.note(def, message);
            }
            // Not a literal (a function call, a resource attribute): nothing to say.
            (Ok(_), false) => {}
        }
    }

    fn note(&mut self, def: &LocalDef<'_>, message: String) {
        let line = def.expr.start_position().row as u32 + 1;
        self.notes.push(ContextNote { file: def.file.to_string(), line, message });
    }

    /// The literal value of `var.NAME`, when known.
    pub fn var(&self, name: &str) -> Option<&Value> {
        self.vars.get(name).map(|k| &k.value)
    }

    /// The literal value of `local.NAME`, when known.
    pub fn local(&self, name: &str) -> Option<&Value> {
        self.locals.get(name).map(|k| &k.value)
    }

    /// The S3 companion resources of the module's other files, for the document of
    /// `file_name` (see the `siblings` module).
    pub fn resources_outside(&self, file_name: &str) -> Option<Value> {
        siblings::outside(&self.siblings, file_name)
    }

    /// Why locals defined in the file `file_name` were left unresolved, in definition order.
    pub fn notes_for<'s>(&'s self, file_name: &'s str) -> impl Iterator<Item = &'s ContextNote> + 's {
        self.notes.iter().filter(move |n| n.file == file_name)
    }

    /// Set (or override) a variable, as `-var NAME=VALUE` would.
    pub fn set_var(&mut self, name: impl Into<String>, value: Value) {
        self.vars.insert(name.into(), Known::new(value));
    }

    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        self.vars.is_empty() && self.locals.is_empty()
    }

    fn apply_tfvars(&mut self, name: &str, bytes: &[u8]) {
        if name.ends_with(".json") {
            if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(bytes) {
                for (k, v) in m {
                    self.vars.insert(k, Known::new(v));
                }
            }
            return;
        }
        let Ok(tree) = parse_tree(bytes) else { return };
        let empty = ModuleContext::default();
        let mut conv = Conv::quiet(bytes, &empty);
        let Some(body) = kids(tree.root_node()).into_iter().find(|n| n.kind() == "body") else {
            return;
        };
        for attr in kids(body) {
            if attr.kind() != "attribute" {
                continue;
            }
            let Some((var, Some(expr))) = attribute_parts(attr, bytes) else { continue };
            match conv.expr(expr, &mut Vec::new(), 1) {
                Ok((value, true)) => {
                    self.vars.insert(var, Known::new(value));
                }
                // The file does set the variable, so the default no longer applies even though
                // the new value is not a literal we can use.
                _ => {
                    self.vars.remove(&var);
                }
            }
        }
    }
}

/// The file's bytes when the scan would read it too: at most `max` bytes and not binary.
pub(super) fn read_small(path: &Path, max: u64) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > max {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against a file that grows while we read it.
    file.take(max + 1).read_to_end(&mut bytes).ok()?;
    let binary = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some();
    (bytes.len() as u64 <= max && !binary).then_some(bytes)
}

/// The names `NAME` of every `local.NAME` in the expression, found without recursion.
fn local_references(expr: Node<'_>, text: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![expr];
    while let Some(node) = stack.pop() {
        let children = kids(node);
        if node.kind() == "expression"
            && let [term, get_attr, ..] = children.as_slice()
            && term.kind() == "variable_expr"
            && &text[term.byte_range()] == b"local"
            && get_attr.kind() == "get_attr"
            && let Some(id) = kids(*get_attr).into_iter().find(|n| n.kind() == "identifier")
        {
            names.push(String::from_utf8_lossy(&text[id.byte_range()]).into_owned());
        }
        stack.extend(children);
    }
    names
}

/// Whether a file of this name is part of a module's context (`.tf`, `.tfvars`, `.tfvars.json`).
pub fn is_module_file(name: &str) -> bool {
    file_rank(name).is_some()
}

/// 0 for `.tf`, then the precedence of a variables file (later ranks override earlier ones),
/// `None` for anything else.
fn file_rank(name: &str) -> Option<u8> {
    let base = name.strip_suffix(".json").unwrap_or(name);
    if !base.ends_with(".tfvars") {
        return name.ends_with(".tf").then_some(0);
    }
    Some(if base == "terraform.tfvars" {
        1
    } else if base.ends_with(".auto.tfvars") {
        2
    } else {
        3
    })
}

#[cfg(test)]
#[path = "module_tests.rs"]
mod tests;
