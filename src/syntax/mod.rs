//! Syntax readers: each turns one format (YAML, JSON, HCL, Dockerfile) into a JSON document plus
//! a [`SourceMap`] from JSON path to the exact region it came from. They know no file kinds:
//! which reader a file goes through, and any kind-specific step (CloudFormation's short-form
//! tags), is decided by its kind in [`crate::kinds`].
//!
//! Policies see only the JSON document; when one blames a path, the engine asks the source
//! map for that path's region (or its nearest ancestor's), so every finding has an exact
//! line and column and no policy ever computes positions itself.

pub mod dockerfile;
pub mod grammars;
pub mod groovy;
pub mod json;
pub mod terraform;
pub mod yaml;

use crate::model::Region;
use std::collections::HashMap;
use std::fmt;

/// One step of a path into a document. Serialised as a JSON string or integer, the way a
/// policy writes a path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(untagged)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(k: &str) -> Seg {
        Seg::Key(k.to_string())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Seg {
        Seg::Index(i)
    }
}

impl fmt::Display for Seg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seg::Key(k) => write!(f, "{k}"),
            Seg::Index(i) => write!(f, "{i}"),
        }
    }
}

/// Where each node of a document came from. Paths with no entry resolve to their nearest
/// ancestor that has one (see [`SourceMap::locate`]).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// Hashed with foldhash (seeded per process): every node of every parsed document is
    /// recorded here, and the standard SipHash was a few percent of a scan of an IaC tree.
    spans: HashMap<Vec<Seg>, Region, foldhash::fast::RandomState>,
}

impl SourceMap {
    /// Record the region of the node at `path`. For an object member, the region should cover
    /// the key through the end of its value (`cidr_blocks = ["0.0.0.0/0"]`, `image: x:latest`);
    /// for an array element, the element itself. The root (`[]`) is the whole document.
    pub fn insert(&mut self, path: Vec<Seg>, region: Region) {
        self.spans.insert(path, region);
    }

    pub fn get(&self, path: &[Seg]) -> Option<Region> {
        self.spans.get(path).copied()
    }

    /// The region of `path`, or of its nearest ancestor that has one, with how many segments
    /// of `path` were matched.
    pub fn locate(&self, path: &[Seg]) -> Option<(Region, usize)> {
        (0..=path.len()).rev().find_map(|n| self.get(&path[..n]).map(|r| (r, n)))
    }

    /// Every recorded path and its region, in no particular order (the fuzz tests check that
    /// each one lies inside its file).
    pub fn iter(&self) -> impl Iterator<Item = (&[Seg], Region)> {
        self.spans.iter().map(|(path, region)| (path.as_slice(), *region))
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// A parsed file (or one document of a multi-document YAML file).
#[derive(Debug, Clone)]
pub struct Document {
    pub value: serde_json::Value,
    pub source_map: SourceMap,
}

/// Why a file could not be parsed: shown to the user as a diagnostic for that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line the problem is at, when known.
    pub line: Option<u32>,
    pub message: String,
}

impl ParseError {
    pub fn new(line: Option<u32>, message: impl Into<String>) -> ParseError {
        ParseError { line, message: message.into() }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// Limits that keep a hostile or broken file from exhausting memory or stack.
pub mod limits {
    /// Deepest nesting of arrays/objects accepted.
    pub const MAX_DEPTH: usize = 128;
    /// Most nodes one document may expand to (YAML aliases included): an alias bomb is an
    /// error for its file, not an out-of-memory.
    pub const MAX_NODES: usize = 1_000_000;
}
