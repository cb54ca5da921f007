//! The Terraform module contexts of a scan: one per directory, built on the first file seen
//! there and shared by every worker.

use super::embedded::FileAccess;
use super::module::{DEFAULT_MAX_CONTEXT_FILE, ModuleContext};
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
        ModuleCache::new(DEFAULT_MAX_CONTEXT_FILE)
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

    /// Use `context` for `dir` instead of reading the directory: a module as staged in the git
    /// index (`scan --staged`), not as the work tree has it.
    pub fn insert(&self, dir: PathBuf, context: ModuleContext) {
        let slot = OnceLock::new();
        let _ = slot.set(context);
        self.dirs.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(dir, Arc::new(slot));
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
            ModuleContext::load_skipping(dir, self.max_file_size, skip).with_files(FileAccess {
                dir: dir.to_path_buf(),
                max_file_size: self.max_file_size,
                skip: self.skip.clone(),
            })
        });
        slot
    }
}
