//! Which parser reads which kind of file, and the per-directory Terraform module contexts.

use super::terraform::{self, ModuleContext};
use super::{Document, ParseError, dockerfile, json, yaml};
use crate::classify::FileKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Terraform module contexts (literal `var.*` and `local.*` values of one directory), built
/// once per directory on first use and shared by every worker.
pub struct ModuleCache {
    dirs: Mutex<HashMap<PathBuf, Arc<OnceLock<ModuleContext>>>>,
    /// The scan's `--max-file-size`: a sibling file the scan skips is not read for context.
    max_file_size: u64,
    /// The scan's exclusions (`--exclude`, vendored files), likewise.
    skip: Option<Arc<SkipFn>>,
}

type SkipFn = dyn Fn(&Path) -> bool + Send + Sync;

impl Default for ModuleCache {
    fn default() -> Self {
        ModuleCache::new(terraform::DEFAULT_MAX_CONTEXT_FILE)
    }
}

impl ModuleCache {
    /// A cache whose contexts read only files of at most `max_file_size` bytes.
    pub fn new(max_file_size: u64) -> ModuleCache {
        ModuleCache { dirs: Mutex::default(), max_file_size, skip: None }
    }

    /// Also leave out the sibling files for which `skip` is true (the scan's exclusions).
    pub fn skipping(mut self, skip: impl Fn(&Path) -> bool + Send + Sync + 'static) -> ModuleCache {
        self.skip = Some(Arc::new(skip));
        self
    }

    /// The context of `dir`, loading it if this is the first file seen there. The map lock is
    /// held only to find the slot; loading happens outside it, once, while other workers of the
    /// same directory wait on the slot.
    pub fn get(&self, dir: &Path) -> Arc<OnceLock<ModuleContext>> {
        let slot = {
            let mut dirs = self.dirs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            dirs.entry(dir.to_path_buf()).or_default().clone()
        };
        slot.get_or_init(|| {
            let keep_all = |_: &Path| false;
            let skip: &SkipFn = self.skip.as_deref().unwrap_or(&keep_all);
            ModuleContext::load_skipping(dir, self.max_file_size, skip).with_files(terraform::FileAccess {
                dir: dir.to_path_buf(),
                max_file_size: self.max_file_size,
                skip: self.skip.clone(),
            })
        });
        slot
    }
}

/// Parse `bytes` as `kind`. `Ok(None)` when the kind has no document form (source code, text,
/// Terraform variable files, which are inputs to the module rather than configuration).
/// `name` is the file's display name; `fs_path` where it is on disk, when it is (a stream
/// read from standard input has no module directory).
pub fn documents(
    kind: FileKind,
    bytes: &[u8],
    name: &str,
    fs_path: Option<&Path>,
    modules: &ModuleCache,
) -> Result<Option<Vec<Document>>, ParseError> {
    let starts_like_json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    match kind {
        FileKind::Terraform => {
            if !name.to_ascii_lowercase().ends_with(".tf") {
                // `.tfvars` feed the module context; `.tf.json` is not supported yet.
                return Ok(None);
            }
            let slot = fs_path.and_then(Path::parent).map(|dir| modules.get(dir));
            let empty = ModuleContext::default();
            let module = slot.as_ref().and_then(|s| s.get()).unwrap_or(&empty);
            terraform::parse_terraform(bytes, module).map(|d| Some(vec![d]))
        }
        FileKind::Dockerfile => dockerfile::parse_dockerfile(bytes).map(|d| Some(vec![d])),
        FileKind::Cloudformation
        | FileKind::Kubernetes
        | FileKind::DockerCompose
        | FileKind::GithubActions
        | FileKind::GitlabCi
        | FileKind::CodebuildBuildspec
        | FileKind::CodedeployAppspec => {
            if starts_like_json {
                json::parse_json(bytes).map(|d| Some(vec![d]))
            } else {
                yaml::parse_yaml(bytes).map(Some)
            }
        }
        FileKind::Source(_) | FileKind::Text => Ok(None),
    }
}

/// Why values the file `fs_path` defines could not be seen by checks (Terraform locals in a
/// cycle or past the size budgets), as (line, message). Empty for other kinds, and for a file
/// whose module context has not been built.
pub fn context_notes(kind: FileKind, fs_path: Option<&Path>, modules: &ModuleCache) -> Vec<(u32, String)> {
    let (FileKind::Terraform, Some(path)) = (kind, fs_path) else { return Vec::new() };
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let slot = modules.get(dir);
    let Some(module) = slot.get() else { return Vec::new() };
    module.notes_for(name).map(|n| (n.line, n.message.clone())).collect()
}
