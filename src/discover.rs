//! Which files to scan: an ignore-aware walk (`.gitignore`, `.ignore`, `.tollgateignore`) of
//! the given paths, minus vendored directories, lock files and files over the size limit.
//!
//! Discovery only lists files; reading and sniffing happen in the parallel analysis stage.

use crate::report::Diagnostic;
use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    pub max_file_size: u64,
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
    pub size: u64,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<Candidate>,
    /// Files over the size limit, by display path.
    pub too_large: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Walk the paths. Paths must exist (the CLI checks before calling).
pub fn discover(opts: &DiscoverOptions) -> anyhow::Result<Discovered> {
    let Some((first, rest)) = opts.paths.split_first() else {
        return Ok(Discovered::default());
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
    if !opts.excludes.is_empty() {
        let mut overrides = OverrideBuilder::new(&opts.root);
        for glob in &opts.excludes {
            overrides.add(&format!("!{glob}"))?;
        }
        builder.overrides(overrides.build()?);
    }
    let default_excludes = opts.default_excludes;
    builder.filter_entry(move |entry| {
        let name = entry.file_name().to_string_lossy();
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        // Always skip git's own database; the rest only by default.
        if is_dir && name == ".git" {
            return false;
        }
        if !default_excludes || entry.depth() == 0 {
            return true;
        }
        if is_dir { !VENDORED_DIRS.contains(&name.as_ref()) } else { !LOCK_FILES.contains(&name.as_ref()) }
    });

    let found = Mutex::new(Discovered::default());
    builder.build_parallel().run(|| {
        Box::new(|result| {
            let push =
                |f: &mut dyn FnMut(&mut Discovered)| f(&mut found.lock().expect("no panics while holding the lock"));
            match result {
                Ok(entry) => {
                    if !entry.file_type().is_some_and(|t| t.is_file()) {
                        return ignore::WalkState::Continue;
                    }
                    let display = display_path(entry.path(), &opts.root);
                    match entry.metadata() {
                        Ok(meta) if meta.len() > opts.max_file_size => push(&mut |d| d.too_large.push(display.clone())),
                        Ok(meta) => push(&mut |d| {
                            d.files.push(Candidate {
                                path: entry.path().to_path_buf(),
                                display: display.clone(),
                                size: meta.len(),
                            })
                        }),
                        Err(err) => push(&mut |d| {
                            d.diagnostics.push(Diagnostic::error(&display, format!("cannot read metadata: {err}")))
                        }),
                    }
                }
                Err(err) => {
                    let path = walk_error_path(&err).map(|p| display_path(p, &opts.root)).unwrap_or_default();
                    push(&mut |d| {
                        d.diagnostics
                            .push(Diagnostic::error(&path, format!("cannot walk: {}", strip_path_prefix(&err))))
                    });
                }
            }
            ignore::WalkState::Continue
        })
    });
    let mut found = found.into_inner().expect("walk threads are done");
    // The parallel walk visits in no fixed order; reports must be deterministic.
    found.files.sort_by(|a, b| a.display.cmp(&b.display));
    found.files.dedup_by(|a, b| a.display == b.display);
    found.too_large.sort();
    found.diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// `path` relative to `root` with `/` separators, or the path as given when outside the root.
pub fn display_path(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    let s = rel.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' { s.into_owned() } else { s.replace(std::path::MAIN_SEPARATOR, "/") }
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
