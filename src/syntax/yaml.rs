//! YAML to JSON documents with source maps, for Kubernetes manifests, CloudFormation
//! templates, GitHub Actions, GitLab CI, buildspecs and the like. A Go/Jinja template (a Helm
//! chart's `templates/*.yaml`) is refused as one: see [`template`].
//!
//! Built on `saphyr-parser`'s event stream because it is the only YAML reader that keeps both
//! positions and tags (CloudFormation's `!Ref`/`!GetAtt` short forms). Work happens in two
//! passes per document:
//!
//! 1. events become a small arena tree whose aliases point at the anchored node instead of
//!    copying it, so the tree is never larger than the input;
//! 2. the tree is converted to `serde_json::Value`, expanding aliases and `<<` merge keys under
//!    a node and byte budget for the whole file, so an alias bomb costs a bounded amount of
//!    work and memory before it becomes a [`ParseError`].
//!
//! Conventions the policies rely on:
//! - plain scalars resolve with the YAML 1.2 core schema (so `on:` stays the string `"on"`),
//!   quoted and block scalars are always strings, keys are always their text;
//! - local tags (`!Name`) mean nothing to YAML itself; the caller's [`LocalTags`] may turn
//!   one into a wrapping key (CloudFormation: `!Ref x` -> `{"Ref": "x"}`, `!GetAtt a.b` ->
//!   `{"Fn::GetAtt": ["a", "b"]}`), other tags are dropped;
//! - duplicate keys: the last one wins; keys written in a mapping win over merged ones.
//!
//! Source map: a mapping member spans its key through the end of its value, a sequence item
//! spans itself, the root spans the root node. Nodes reached through an alias are not
//! recorded, so they resolve to the alias site; keys brought in by `<<` resolve to the `<<`
//! member that merged them.

use super::limits::{MAX_DEPTH, MAX_NODES};
use super::{Document, ParseError, Seg, SourceMap};
use crate::model::Region;
mod position;
mod scalar;
mod template;
use position::{LfLines, Lines, Pos, region, to_u32};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag as YamlTag};
use scalar::resolve_plain;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// String bytes alias and merge expansion may produce in one file: the node limit alone
/// would still let a bomb of long strings allocate gigabytes.
const MAX_EXPANDED_BYTES: usize = 64 << 20;

/// Path segments a source map may hold in total. Every recorded node stores its whole path,
/// so a hostile file with a long flat list at the bottom of a deep nest would otherwise cost
/// depth x items; past the budget deeper nodes simply resolve to an ancestor.
pub(super) const MAX_MAP_SEGMENTS: usize = 4_000_000;

/// What a local tag (`!Name`, the suffix given without `!`) means, or `None` to drop it.
pub type LocalTags = fn(&str) -> Option<LocalTag>;

/// A local tag that wraps its node in a one-key object: `!Ref x` -> `{"Ref": "x"}`. A scalar
/// under it is always a string (`!Ref 123` names "123"); with `split_at`, a scalar becomes the
/// list of its text before and after the first such character (`!GetAtt a.b` -> `["a", "b"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTag {
    pub key: &'static str,
    pub split_at: Option<char>,
}

/// Parse a YAML stream into one [`Document`] per YAML document, dropping every local tag.
/// Empty documents and documents whose root is null are skipped, so an empty file gives no
/// documents.
pub fn parse_yaml(text: &[u8]) -> Result<Vec<Document>, ParseError> {
    parse_yaml_with_tags(text, |_| None)
}

/// [`parse_yaml`], with local tags given the meaning `tags` says.
pub fn parse_yaml_with_tags(text: &[u8], tags: LocalTags) -> Result<Vec<Document>, ParseError> {
    let text = std::str::from_utf8(text).map_err(|e| utf8_error(text, e))?;
    // saphyr-parser is third-party code fed hostile input; if it ever panics, the file gets
    // a diagnostic instead of taking the worker (and the scan) down.
    template::check(text)?;
    std::panic::catch_unwind(|| parse_str(text, tags))
        .unwrap_or_else(|_| Err(ParseError::new(None, "internal error in the YAML parser")))
}

/// A diagnostic for input that is not UTF-8, at the line of the first bad byte.
pub(super) fn utf8_error(text: &[u8], e: std::str::Utf8Error) -> ParseError {
    let good = &text[..e.valid_up_to()];
    let line = memchr::memchr_iter(b'\n', good).count() + 1;
    ParseError::new(Some(to_u32(line)), "file is not valid UTF-8")
}

fn parse_str(text: &str, tags: LocalTags) -> Result<Vec<Document>, ParseError> {
    let mut parser = Parser::new_from_str(text);
    let mut lines = Lines::new(text);
    let mut docs = Vec::new();
    let mut builder = Builder::default();
    let mut budget = Budget::default();
    let lone_crs = LfLines::if_needed(text);
    while let Some(event) = parser.next_event() {
        let (event, span) = match (event, &lone_crs) {
            (Err(e), Some(lf)) => {
                return Err(scan_error(text, &ScanError::new(lf.marker(*e.marker()), e.info().into())));
            }
            (Err(e), None) => return Err(scan_error(text, &e)),
            (Ok((event, span)), Some(lf)) => (event, Span::new(lf.marker(span.start), lf.marker(span.end))),
            (Ok(ok), None) => ok,
        };
        match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart => {}
            Event::DocumentStart(_) => builder = Builder::default(),
            Event::DocumentEnd => {
                let done = std::mem::take(&mut builder);
                if let Some(doc) = done.finish(&mut budget)? {
                    docs.push(doc);
                }
            }
            Event::Alias(anchor) => builder.alias(anchor, span)?,
            Event::Scalar(value, style, anchor, tag) => builder.scalar(
                value.into_owned(),
                style,
                anchor,
                classify_tag(tag.as_deref(), tags),
                span,
                &mut lines,
            )?,
            Event::SequenceStart(anchor, tag) => {
                builder.start(true, anchor, classify_tag(tag.as_deref(), tags), span)?
            }
            Event::MappingStart(anchor, tag) => {
                builder.start(false, anchor, classify_tag(tag.as_deref(), tags), span)?
            }
            Event::SequenceEnd | Event::MappingEnd => builder.end(span)?,
        }
    }
    Ok(docs)
}

fn scan_error(text: &str, e: &ScanError) -> ParseError {
    let m = e.marker();
    // At the end of a file saphyr can report the line after the last one.
    let last_line = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    ParseError::new(Some(to_u32(m.line().clamp(1, last_line))), format!("{} (column {})", e.info(), m.col() + 1))
}

/// What a tag means for the JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// No tag, or one we ignore.
    None,
    /// `!!str` and friends: the scalar is a string even if it looks like a number.
    Str,
    /// `!!int`, `!!bool`, ...: resolve the text as if it were plain.
    Resolve,
    /// A local tag the caller gave a meaning.
    Local(LocalTag),
}

fn classify_tag(tag: Option<&YamlTag>, local: LocalTags) -> Tag {
    let Some(tag) = tag else { return Tag::None };
    if tag.is_yaml_core_schema() {
        return match tag.suffix.as_str() {
            "int" | "float" | "bool" | "null" => Tag::Resolve,
            "str" | "binary" | "timestamp" => Tag::Str,
            _ => Tag::None,
        };
    }
    if tag.handle != "!" {
        return Tag::None;
    }
    local(&tag.suffix).map_or(Tag::None, Tag::Local)
}

#[derive(Debug)]
enum Kind {
    Scalar { text: String, plain: bool, tag: Tag },
    Seq { items: Vec<usize>, tag: Tag },
    Map { pairs: Vec<(usize, usize)>, tag: Tag },
    Alias { target: usize },
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    start: Pos,
    end: Pos,
}

/// An open collection while its events arrive.
#[derive(Debug)]
struct Open {
    node: usize,
    anchor: usize,
    /// The key of a mapping member whose value has not arrived yet.
    key: Option<usize>,
}

/// Pass 1: turns one document's events into an arena tree, aliases left as references.
#[derive(Debug, Default)]
struct Builder {
    nodes: Vec<Node>,
    stack: Vec<Open>,
    /// Anchor id -> node, registered only once the anchored node is complete, so an alias
    /// can never point into its own ancestor and the tree stays acyclic.
    anchors: HashMap<usize, usize>,
    root: Option<usize>,
}

impl Builder {
    fn push(&mut self, node: Node) -> Result<usize, ParseError> {
        if self.nodes.len() >= MAX_NODES {
            return Err(ParseError::new(Some(node.start.line), format!("YAML document exceeds {MAX_NODES} nodes")));
        }
        self.nodes.push(node);
        Ok(self.nodes.len() - 1)
    }

    /// Hang a completed node on its parent (or make it the root).
    fn attach(&mut self, id: usize) {
        let Some(open) = self.stack.last_mut() else {
            self.root = Some(id);
            return;
        };
        match &mut self.nodes[open.node].kind {
            Kind::Seq { items, .. } => items.push(id),
            Kind::Map { pairs, .. } => match open.key.take() {
                None => open.key = Some(id),
                Some(k) => pairs.push((k, id)),
            },
            Kind::Scalar { .. } | Kind::Alias { .. } => {}
        }
    }

    fn complete(&mut self, id: usize, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, id);
        }
        self.attach(id);
    }

    fn alias(&mut self, anchor: usize, span: Span) -> Result<(), ParseError> {
        let start = Pos::of(span.start);
        let Some(&target) = self.anchors.get(&anchor) else {
            return Err(ParseError::new(
                Some(start.line),
                "alias refers to its own enclosing node (recursive YAML alias)",
            ));
        };
        let id = self.push(Node { kind: Kind::Alias { target }, start, end: Pos::of(span.end) })?;
        self.attach(id);
        Ok(())
    }

    fn scalar(
        &mut self,
        text: String,
        style: ScalarStyle,
        anchor: usize,
        tag: Tag,
        span: Span,
        lines: &mut Lines,
    ) -> Result<(), ParseError> {
        let start = Pos::of(span.start);
        let mut end = Pos::of(span.end);
        if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
            // A block scalar's span runs through the blank lines after it, up to the next
            // token; findings should end on its last line of text.
            end = lines.trim_back(start, end);
        }
        let kind = Kind::Scalar { text, plain: style == ScalarStyle::Plain, tag };
        let id = self.push(Node { kind, start, end })?;
        self.complete(id, anchor);
        Ok(())
    }

    fn start(&mut self, seq: bool, anchor: usize, tag: Tag, span: Span) -> Result<(), ParseError> {
        let start = Pos::of(span.start);
        if self.stack.len() >= MAX_DEPTH {
            return Err(depth_error(start.line));
        }
        let kind = if seq { Kind::Seq { items: Vec::new(), tag } } else { Kind::Map { pairs: Vec::new(), tag } };
        let node = self.push(Node { kind, start, end: Pos::of(span.end) })?;
        self.stack.push(Open { node, anchor, key: None });
        Ok(())
    }

    fn end(&mut self, span: Span) -> Result<(), ParseError> {
        let Some(open) = self.stack.pop() else {
            return Err(ParseError::new(Some(to_u32(span.start.line())), "unbalanced collection end"));
        };
        let last_child_end = match &self.nodes[open.node].kind {
            Kind::Seq { items, .. } => items.last().map(|&i| self.nodes[i].end),
            Kind::Map { pairs, .. } => pairs.last().map(|&(k, v)| self.nodes[k].end.max(self.nodes[v].end)),
            Kind::Scalar { .. } | Kind::Alias { .. } => None,
        };
        let node = &mut self.nodes[open.node];
        // A flow collection's end event covers its `]`/`}`; a block collection's end event
        // sits at the next token, possibly lines later, so it ends with its last child.
        node.end = if span.end.index() > span.start.index() {
            Pos::of(span.end)
        } else {
            last_child_end.unwrap_or(node.end).max(node.start)
        };
        self.complete(open.node, open.anchor);
        Ok(())
    }

    fn finish(self, budget: &mut Budget) -> Result<Option<Document>, ParseError> {
        let Some(root) = self.root else { return Ok(None) };
        let mut conv =
            Converter { nodes: &self.nodes, produced: 0, budget, map: SourceMap::default(), segments: 0, site: None };
        let node = &self.nodes[root];
        conv.record(&[], region(node.start, node.end));
        let value = conv.value(root, &mut Vec::new(), 0, true)?;
        if value.is_null() {
            return Ok(None);
        }
        Ok(Some(Document { value, source_map: conv.map }))
    }
}

fn depth_error(line: u32) -> ParseError {
    ParseError::new(Some(line), format!("YAML nesting deeper than {MAX_DEPTH} levels"))
}

/// What alias and merge expansion has produced so far in the whole file. It is shared by
/// all documents of a stream, since a bomb repeated in thousands of small documents would
/// otherwise stay under every per-document limit.
#[derive(Debug, Default)]
struct Budget {
    nodes: usize,
    bytes: usize,
}

/// Pass 2: arena tree to JSON, expanding aliases and merge keys under budgets.
///
/// `record` is false exactly for copies (alias targets, merge sources, complex keys), so it
/// also tells which work is expansion: the rest is bounded by the size of the input.
struct Converter<'a, 'b> {
    nodes: &'a [Node],
    /// Nodes of this document produced so far.
    produced: usize,
    budget: &'b mut Budget,
    map: SourceMap,
    segments: usize,
    /// Line of the alias or `<<` being expanded, where an expansion error is reported: the
    /// anchored node the copy comes from may be far away.
    site: Option<u32>,
}

impl<'a, 'b> Converter<'a, 'b> {
    fn count(&mut self, n: usize, at: &Node, record: bool) -> Result<(), ParseError> {
        self.produced += n;
        if !record {
            self.budget.nodes += n;
        }
        // Past the limit with copies involved, the copies are what to blame.
        if self.budget.nodes > MAX_NODES || (self.produced > MAX_NODES && self.budget.nodes > 0) {
            return Err(ParseError::new(
                Some(self.site.unwrap_or(at.start.line)),
                format!("YAML alias expansion exceeds {MAX_NODES} nodes"),
            ));
        }
        if self.produced > MAX_NODES {
            return Err(ParseError::new(Some(at.start.line), format!("YAML document exceeds {MAX_NODES} nodes")));
        }
        Ok(())
    }

    fn text(&mut self, s: &str, at: &Node, record: bool) -> Result<String, ParseError> {
        if !record {
            self.budget.bytes = self.budget.bytes.saturating_add(s.len());
            if self.budget.bytes > MAX_EXPANDED_BYTES {
                return Err(ParseError::new(
                    Some(self.site.unwrap_or(at.start.line)),
                    format!("YAML alias expansion exceeds {MAX_EXPANDED_BYTES} bytes"),
                ));
            }
        }
        Ok(s.to_string())
    }

    fn record(&mut self, path: &[Seg], region: Region) {
        if self.segments + path.len() > MAX_MAP_SEGMENTS {
            return;
        }
        self.segments += path.len();
        self.map.insert(path.to_vec(), region);
    }

    /// Follow an alias to the node it names.
    fn resolve(&self, mut id: usize) -> usize {
        // Targets are always earlier in the arena than their aliases, so this terminates.
        while let Kind::Alias { target } = self.nodes[id].kind {
            id = target;
        }
        id
    }

    /// The JSON value of node `id` found at `path` (inside `depth` collections). With
    /// `record`, the regions of its descendants go into the source map; the caller records
    /// the node itself, since its region depends on whether it is a member or an item.
    fn value(&mut self, id: usize, path: &mut Vec<Seg>, depth: usize, record: bool) -> Result<Value, ParseError> {
        let nodes = self.nodes;
        let node = &nodes[id];
        let tag = match &node.kind {
            Kind::Alias { target } => return self.expand(*target, node.start.line, path, depth),
            Kind::Scalar { tag, .. } | Kind::Seq { tag, .. } | Kind::Map { tag, .. } => *tag,
        };
        let Tag::Local(LocalTag { key: name, split_at }) = tag else {
            return self.untagged(node, path, depth, record);
        };
        self.count(1, node, record)?;
        if depth >= MAX_DEPTH {
            return Err(depth_error(node.start.line));
        }
        path.push(Seg::Key(name.to_string()));
        if record {
            self.record(path, region(node.start, node.end));
        }
        let inner = match &node.kind {
            Kind::Scalar { text, .. } if split_at.is_some() => {
                // Only the first separator splits (CloudFormation's `!GetAtt Db.Endpoint.Address`
                // is `["Db", "Endpoint.Address"]`).
                let (res, attr) = match split_at.and_then(|at| text.split_once(at)) {
                    Some((r, a)) => (r, Some(a)),
                    None => (text.as_str(), None),
                };
                let mut parts = vec![Value::String(self.text(res, node, record)?)];
                if let Some(attr) = attr {
                    parts.push(Value::String(self.text(attr, node, record)?));
                }
                self.count(parts.len(), node, record)?;
                if depth + 1 >= MAX_DEPTH {
                    return Err(depth_error(node.start.line));
                }
                Value::Array(parts)
            }
            // A tag's scalar argument is a name or a string (`!Ref 123` refers to the logical
            // id "123"), never a number or null.
            Kind::Scalar { text, .. } => {
                self.count(1, node, record)?;
                Value::String(self.text(text, node, record)?)
            }
            _ => self.untagged(node, path, depth + 1, record)?,
        };
        path.pop();
        let mut wrapper = Map::new();
        wrapper.insert(name.to_string(), inner);
        Ok(Value::Object(wrapper))
    }

    /// The value of `node` ignoring its local tag's meaning.
    fn untagged(&mut self, node: &Node, path: &mut Vec<Seg>, depth: usize, record: bool) -> Result<Value, ParseError> {
        self.count(1, node, record)?;
        match &node.kind {
            Kind::Scalar { text, plain, tag } => Ok(match (tag, plain) {
                (Tag::Str, _) => Value::String(self.text(text, node, record)?),
                (Tag::Resolve, _) | (_, true) => match resolve_plain(text) {
                    Some(v) => v,
                    None => Value::String(self.text(text, node, record)?),
                },
                _ => Value::String(self.text(text, node, record)?),
            }),
            Kind::Seq { items, .. } => {
                if depth >= MAX_DEPTH {
                    return Err(depth_error(node.start.line));
                }
                let mut out = Vec::with_capacity(items.len());
                for (i, &item) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    if record {
                        let n = &self.nodes[item];
                        self.record(path, region(n.start, n.end));
                    }
                    let v = self.value(item, path, depth + 1, record);
                    path.pop();
                    out.push(v?);
                }
                Ok(Value::Array(out))
            }
            Kind::Map { pairs, .. } => {
                if depth >= MAX_DEPTH {
                    return Err(depth_error(node.start.line));
                }
                self.mapping(pairs, path, depth, record)
            }
            Kind::Alias { target } => self.expand(*target, node.start.line, path, depth),
        }
    }

    /// A copy of node `id` made at `line` (an alias or a `<<`): not recorded in the source
    /// map, so its paths resolve to the copy site.
    fn expand(&mut self, id: usize, line: u32, path: &mut Vec<Seg>, depth: usize) -> Result<Value, ParseError> {
        let outer = self.site;
        self.site = Some(outer.unwrap_or(line));
        let result = self.value(id, path, depth, false);
        self.site = outer;
        result
    }

    fn member_region(&self, k: usize, v: usize) -> Region {
        let (k, v) = (&self.nodes[k], &self.nodes[v]);
        region(k.start, k.end.max(v.end))
    }

    /// `<<` written as a plain, untagged key.
    fn is_merge_key(&self, k: usize) -> bool {
        matches!(&self.nodes[k].kind,
            Kind::Scalar { text, plain: true, tag: Tag::None } if text == "<<")
    }

    /// The mappings a `<<` value merges: one mapping or a sequence of mappings (aliases
    /// followed). Anything else is not a merge, and `<<` stays an ordinary key.
    fn merge_sources(&self, v: usize) -> Option<Vec<usize>> {
        let v = self.resolve(v);
        match &self.nodes[v].kind {
            Kind::Map { .. } => Some(vec![v]),
            Kind::Seq { items, .. } => items
                .iter()
                .map(|&i| {
                    let i = self.resolve(i);
                    matches!(self.nodes[i].kind, Kind::Map { .. }).then_some(i)
                })
                .collect(),
            _ => None,
        }
    }

    /// A key's text: scalars as written, collections (rare complex keys) as compact JSON.
    fn key_string(&mut self, k: usize, depth: usize, record: bool) -> Result<String, ParseError> {
        let nodes = self.nodes;
        let node = &nodes[self.resolve(k)];
        if let Kind::Scalar { text, .. } = &node.kind {
            return self.text(text, node, record);
        }
        let v = self.value(k, &mut Vec::new(), depth + 1, false)?;
        let s = serde_json::to_string(&v).unwrap_or_default();
        self.text(&s, node, record)
    }

    fn mapping(
        &mut self,
        pairs: &[(usize, usize)],
        path: &mut Vec<Seg>,
        depth: usize,
        record: bool,
    ) -> Result<Value, ParseError> {
        let mut explicit = Vec::with_capacity(pairs.len());
        let mut merges = Vec::new();
        for &(k, v) in pairs {
            if self.is_merge_key(k)
                && let Some(sources) = self.merge_sources(v)
            {
                let at = self.member_region(k, v);
                merges.extend(sources.into_iter().map(|s| (s, at)));
                continue;
            }
            explicit.push((self.key_string(k, depth, record)?, k, v));
        }
        // Last duplicate wins, decided before converting so a losing value leaves nothing
        // behind in the source map.
        let mut keep = vec![false; explicit.len()];
        {
            let mut seen = HashSet::new();
            for (i, (key, _, _)) in explicit.iter().enumerate().rev() {
                keep[i] = seen.insert(key.as_str());
            }
        }
        let mut out = Map::new();
        for ((key, k, v), keep) in explicit.into_iter().zip(keep) {
            if !keep {
                continue;
            }
            path.push(Seg::Key(key));
            if record {
                let at = self.member_region(k, v);
                self.record(path, at);
            }
            let value = self.value(v, path, depth + 1, record)?;
            if let Some(Seg::Key(key)) = path.pop() {
                out.insert(key, value);
            }
        }
        // Earlier merge sources win over later ones, and explicit keys over all of them.
        for (source, at) in merges {
            let Value::Object(merged) = self.expand(source, at.start_line, path, depth)? else {
                continue;
            };
            for (key, value) in merged {
                if out.contains_key(&key) {
                    continue;
                }
                if record {
                    path.push(Seg::Key(key.clone()));
                    self.record(path, at);
                    path.pop();
                }
                out.insert(key, value);
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests;
