//! Which files to scan: an ignore-aware walk (`.gitignore`, `.ignore`, `.tollgateignore`) of
//! the given paths, minus vendored directories and lock files.
//!
//! Discovery only lists files, streaming them to the analysis stage as it finds them; reading,
//! the size limit and the binary sniff happen there, on the open file.

use crate::model::Diagnostic;
use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// Directory names skipped unless `--no-default-excludes`: dependencies and tool caches
/// that the project does not own.
pub const VENDORED_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    "bower_components",
    "vendor",
    "third_party",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".terraform",
    ".yarn",
    "Pods",
];

/// Lock files: full of integrity hashes that look like secrets and hold none.
pub const LOCK_FILES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "Cargo.lock",
    "go.sum",
    "poetry.lock",
    "Pipfile.lock",
    "composer.lock",
    "Gemfile.lock",
    ".terraform.lock.hcl",
    "packages.lock.json",
];

/// What to walk and what to leave out.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    pub paths: Vec<PathBuf>,
    /// Reported paths are relative to this directory.
    pub root: PathBuf,
    pub default_excludes: bool,
    /// Extra gitignore-style globs to exclude.
    pub excludes: Vec<String>,
    pub threads: usize,
}

/// A file to analyse.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// Path relative to the root, `/`-separated; the name every report uses.
    pub display: String,
    /// Named on the command line rather than found by the walk: may be a symlink.
    pub named: bool,
}

/// What the walk yields, as it goes.
#[derive(Debug)]
pub enum Discovered {
    File(Candidate),
    /// A directory entry that could not be read: the scan cannot vouch for it.
    Error(Diagnostic),
}

/// Walk the paths, sending each file to `sink` as soon as it is found, so analysis overlaps
/// the walk. Paths must exist (the CLI checks before calling). Order is unspecified.
pub fn walk(opts: &DiscoverOptions, sink: Sender<Discovered>) -> anyhow::Result<()> {
    let Some((first, rest)) = opts.paths.split_first() else {
        return Ok(());
    };
    let mut builder = WalkBuilder::new(first);
    for p in rest {
        builder.add(p);
    }
    builder
        .hidden(false)
        .follow_links(false)
        .require_git(false)
        .add_custom_ignore_filename(".tollgateignore")
        .threads(opts.threads);
    if let Some(overrides) = exclude_overrides(opts)? {
        builder.overrides(overrides);
    }
    let default_excludes = opts.default_excludes;
    builder.filter_entry(move |entry| {
        let name = entry.file_name().as_encoded_bytes();
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        // Always skip git's own database; the rest only by default.
        if is_dir && name == b".git" {
            return false;
        }
        !default_excludes || entry.depth() == 0 || !excluded_by_default(name, is_dir)
    });

    builder.build_parallel().run(|| {
        let sink = sink.clone();
        Box::new(move |result| {
            let item = match result {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => Discovered::File(Candidate {
                    display: display_path(entry.path(), &opts.root),
                    named: entry.depth() == 0,
                    path: entry.into_path(),
                }),
                Ok(_) => return ignore::WalkState::Continue,
                Err(err) => {
                    let path = walk_error_path(&err).map(|p| display_path(p, &opts.root)).unwrap_or_default();
                    Discovered::Error(Diagnostic::error(&path, format!("cannot walk: {}", strip_path_prefix(&err))))
                }
            };
            // The receiver only goes away if the scan is being abandoned.
            if sink.send(item).is_err() { ignore::WalkState::Quit } else { ignore::WalkState::Continue }
        })
    });
    Ok(())
}

/// The `--exclude` globs as `ignore` overrides (relative to the root), if there are any.
fn exclude_overrides(opts: &DiscoverOptions) -> anyhow::Result<Option<ignore::overrides::Override>> {
    if opts.excludes.is_empty() {
        return Ok(None);
    }
    let mut overrides = OverrideBuilder::new(&opts.root);
    for glob in &opts.excludes {
        overrides.add(&format!("!{glob}"))?;
    }
    Ok(Some(overrides.build()?))
}

/// A vendored directory or a lock file, skipped unless `--no-default-excludes`.
fn excluded_by_default(name: &[u8], is_dir: bool) -> bool {
    let names = if is_dir { VENDORED_DIRS } else { LOCK_FILES };
    names.iter().any(|n| n.as_bytes() == name)
}

/// The walk's exclusions (`--exclude` globs, vendored directories, lock files) for files that
/// are listed rather than walked, such as the staged files of a commit.
pub struct PathFilter {
    overrides: Option<ignore::overrides::Override>,
    default_excludes: bool,
}

impl PathFilter {
    pub fn new(opts: &DiscoverOptions) -> anyhow::Result<PathFilter> {
        Ok(PathFilter { overrides: exclude_overrides(opts)?, default_excludes: opts.default_excludes })
    }

    /// Is the file at `rel` (relative to the root, `/`-separated) left out?
    pub fn excludes(&self, rel: &str) -> bool {
        let mut dirs: Vec<&str> = rel.split('/').collect();
        let name = dirs.pop().unwrap_or(rel);
        if self.default_excludes
            && (excluded_by_default(name.as_bytes(), false)
                || dirs.iter().any(|d| excluded_by_default(d.as_bytes(), true)))
        {
            return true;
        }
        let Some(overrides) = &self.overrides else { return false };
        // A glob may name the file or any directory above it (`docs/`).
        let mut prefix = String::new();
        for d in dirs {
            prefix.push_str(d);
            if overrides.matched(&prefix, true).is_ignore() {
                return true;
            }
            prefix.push('/');
        }
        overrides.matched(rel, false).is_ignore()
    }
}

/// `path` relative to `root` with `/` separators, or the path as given when outside the root,
/// in the escaped form of [`crate::escape::path_bytes`]: this is the one place a file's name
/// becomes the string every report, baseline and fingerprint identifies it by, so odd names
/// (control characters, bytes that are not UTF-8) can neither drive a terminal nor collide.
pub fn display_path(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    let bytes = rel.as_os_str().as_encoded_bytes();
    if std::path::MAIN_SEPARATOR == '/' {
        crate::escape::path_bytes(bytes)
    } else {
        // Windows: the separator is ASCII, so it is one byte even in the OS string's encoding.
        let slashed: Vec<u8> =
            bytes.iter().map(|&b| if b == std::path::MAIN_SEPARATOR as u8 { b'/' } else { b }).collect();
        crate::escape::path_bytes(&slashed)
    }
}

/// The display form of a `/`-separated path relative to the root given as raw bytes (as git
/// names a staged file): the same escaping as [`display_path`], so a staged file and the same
/// file walked on disk have one identity.
pub fn display_rel_bytes(rel: &[u8]) -> String {
    crate::escape::path_bytes(rel)
}

/// `path` spelled under `root` when it is inside `root` only through a symlink: the working
/// directory is always the resolved one (`/real/repo`) while `--root` or `GITHUB_WORKSPACE` may
/// name it through a link (`/link/repo`), and then every reported path would be absolute, outside
/// `%SRCROOT%`. Paths truly outside the root, and paths already under it as spelled, are kept.
/// A named file's own symlink is not resolved: it is the file the user named.
pub fn spell_under_root(path: &Path, root: &Path) -> PathBuf {
    if path.starts_with(root) {
        return path.to_path_buf();
    }
    let resolved = if path.is_dir() {
        path.canonicalize().ok()
    } else {
        let (parent, name) = (path.parent(), path.file_name());
        parent.zip(name).and_then(|(parent, name)| Some(parent.canonicalize().ok()?.join(name)))
    };
    let (Some(resolved), Ok(real_root)) = (resolved, root.canonicalize()) else {
        return path.to_path_buf();
    };
    match resolved.strip_prefix(&real_root) {
        Ok(rest) if rest.as_os_str().is_empty() => root.to_path_buf(),
        Ok(rest) => root.join(rest),
        Err(_) => path.to_path_buf(),
    }
}

fn walk_error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        _ => None,
    }
}

/// The walker's message without the path we already report separately.
fn strip_path_prefix(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } => err.to_string(),
        ignore::Error::WithDepth { err, .. } => strip_path_prefix(err),
        other => other.to_string(),
    }
}

/// Every exclude glob must compile; the error names where it came from (`--exclude`, or the
/// config file and its `exclude` key) and the glob.
pub fn check_excludes(globs: &[String], from: &str) -> anyhow::Result<()> {
    for glob in globs {
        // The walk adds each as a negated override (`!GLOB`); the parser's own message would
        // quote that form, so only its reason is kept.
        if let Err(err) = ignore::overrides::OverrideBuilder::new("/").add(&format!("!{glob}")) {
            let reason = match err {
                ignore::Error::Glob { err, .. } => err,
                other => other.to_string(),
            };
            anyhow::bail!("{from} has a bad glob `{glob}`: {reason}");
        }
    }
    Ok(())
}
