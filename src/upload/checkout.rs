//! Reading the source files a SARIF log names, to fingerprint their lines, without ever leaving
//! the checkout.
//!
//! The log comes from anywhere (another tool, a pull request's artifact), and its URIs are just
//! text: `../../dev/zero` would be read until memory runs out, a FIFO would block forever, and a
//! symlink would hand the content of a file outside the repository to the hash. So a URI is
//! resolved the way a careful server resolves a request path: no `..`, symlinks followed only
//! while the target stays under the (canonical) root, the last component opened without
//! following a link and without blocking, the opened file checked (on Linux) to really be under
//! the root, and it must be a regular file of bounded size. Anything else is a [`Refusal`], which the upload reports and goes on without that hash.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// Files larger than this are not hashed. The scan's own limit is 5 MiB by default; this leaves
/// room for a raised limit or another tool's log, and bounds what a hostile log can make us read.
pub const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

/// The checkout root, as given and with its symlinks resolved.
#[derive(Debug, Clone)]
pub struct Checkout {
    /// The root as the user gave it (absolute): `file://` URIs in the log are written against it.
    given: PathBuf,
    /// The same directory with every symlink resolved: what "inside" is checked against.
    canonical: PathBuf,
}

/// Why a file the log names was not read.
#[derive(Debug)]
pub enum Refusal {
    /// The path leaves the checkout root (`..`, an absolute path elsewhere, a symlink out).
    OutsideRoot,
    /// No such file.
    Missing,
    /// A directory, FIFO, device or socket.
    NotRegular,
    /// Over [`MAX_SOURCE_BYTES`].
    TooLarge(u64),
    /// Exists but could not be read.
    Unreadable(io::Error),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::OutsideRoot => f.write_str("it is outside the checkout root"),
            Refusal::Missing => f.write_str("no such file under the checkout root"),
            Refusal::NotRegular => f.write_str("not a regular file"),
            Refusal::TooLarge(size) => {
                write!(f, "{size} bytes, over the {} MiB limit for line fingerprints", MAX_SOURCE_BYTES >> 20)
            }
            Refusal::Unreadable(err) => write!(f, "cannot read it: {err}"),
        }
    }
}

impl Checkout {
    /// The checkout at `root` (an absolute directory path).
    pub fn new(root: &Path) -> io::Result<Checkout> {
        Ok(Checkout { given: root.to_path_buf(), canonical: root.canonicalize()? })
    }

    /// The text of the file at `path` (a decoded SARIF URI path: relative to the root, or absolute
    /// from a `file://` URI), if it is a regular file inside the root.
    pub fn read(&self, path: &str) -> Result<String, Refusal> {
        let relative = self.relative(Path::new(path))?;
        let joined = self.canonical.join(&relative);
        let resolved = match joined.canonicalize() {
            Ok(p) => p,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Refusal::Missing),
            Err(e) => return Err(Refusal::Unreadable(e)),
        };
        if !resolved.starts_with(&self.canonical) {
            return Err(Refusal::OutsideRoot);
        }
        let file = open_no_follow(&resolved).map_err(|e| match e.raw_os_error() {
            // The last component became a symlink after it was resolved.
            Some(code) if is_symlink_refusal(code) => Refusal::OutsideRoot,
            _ if e.kind() == io::ErrorKind::NotFound => Refusal::Missing,
            _ => Refusal::Unreadable(e),
        })?;
        // A directory on the way could have been swapped for a symlink since it was resolved:
        // where the kernel says the open file lives is what counts.
        if opened_path(&file).is_some_and(|real| !real.starts_with(&self.canonical)) {
            return Err(Refusal::OutsideRoot);
        }
        let meta = file.metadata().map_err(Refusal::Unreadable)?;
        if !meta.is_file() {
            return Err(Refusal::NotRegular);
        }
        if meta.len() > MAX_SOURCE_BYTES {
            return Err(Refusal::TooLarge(meta.len()));
        }
        // The size can change after the check: read no more than the limit either way.
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes).map_err(Refusal::Unreadable)?;
        if bytes.len() as u64 > MAX_SOURCE_BYTES {
            return Err(Refusal::TooLarge(bytes.len() as u64));
        }
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// `path` relative to the root, with `.` components dropped; refused if it has a `..`
    /// component or is absolute outside the root.
    fn relative(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let rest = if path.is_absolute() {
            path.strip_prefix(&self.given)
                .or_else(|_| path.strip_prefix(&self.canonical))
                .map_err(|_| Refusal::OutsideRoot)?
        } else {
            path
        };
        let mut out = PathBuf::new();
        for component in rest.components() {
            match component {
                Component::Normal(name) => out.push(name),
                Component::CurDir => {}
                Component::ParentDir | Component::RootDir | Component::Prefix(_) => return Err(Refusal::OutsideRoot),
            }
        }
        if out.as_os_str().is_empty() {
            return Err(Refusal::NotRegular);
        }
        Ok(out)
    }
}

/// Open for reading without following a symlink in the last component, and without blocking on
/// a FIFO (whose open waits for a writer); the caller checks what it got.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// The path of an open file as the kernel knows it (Linux: `/proc/self/fd/N`); `None` where that
/// is not available.
#[cfg(target_os = "linux")]
fn opened_path(file: &File) -> Option<PathBuf> {
    use std::os::fd::AsRawFd;
    std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
}

#[cfg(not(target_os = "linux"))]
fn opened_path(_file: &File) -> Option<PathBuf> {
    None
}

/// The error `open` gives for a symlink under `O_NOFOLLOW` (Linux: ELOOP; some BSDs: EMLINK).
#[cfg(unix)]
fn is_symlink_refusal(code: i32) -> bool {
    code == libc::ELOOP || code == libc::EMLINK
}

#[cfg(not(unix))]
fn is_symlink_refusal(_code: i32) -> bool {
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn setup() -> (tempfile::TempDir, Checkout) {
        let outer = tempfile::TempDir::new().unwrap();
        let root = outer.path().join("repo");
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/a.py"), "x = 1\n").unwrap();
        std::fs::write(outer.path().join("secret.txt"), "outside\n").unwrap();
        let checkout = Checkout::new(&root).unwrap();
        (outer, checkout)
    }

    #[test]
    fn reads_regular_files_inside_the_root() {
        let (outer, checkout) = setup();
        assert_eq!(checkout.read("src/a.py").unwrap(), "x = 1\n");
        assert_eq!(checkout.read("./src/./a.py").unwrap(), "x = 1\n");
        let absolute = outer.path().join("repo/src/a.py");
        assert_eq!(checkout.read(absolute.to_str().unwrap()).unwrap(), "x = 1\n");
        // A symlink that stays inside is fine.
        symlink("src/a.py", outer.path().join("repo/link.py")).unwrap();
        assert_eq!(checkout.read("link.py").unwrap(), "x = 1\n");
    }

    #[test]
    fn refuses_everything_else() {
        let (outer, checkout) = setup();
        let refused = |path: &str| checkout.read(path).unwrap_err().to_string();
        assert!(refused("../secret.txt").contains("outside"));
        assert!(refused("src/../../secret.txt").contains("outside"));
        assert!(refused("../../../../../../dev/zero").contains("outside"));
        assert!(refused("/dev/zero").contains("outside"));
        assert!(refused(outer.path().join("secret.txt").to_str().unwrap()).contains("outside"));
        symlink(outer.path().join("secret.txt"), outer.path().join("repo/escape.txt")).unwrap();
        assert!(refused("escape.txt").contains("outside"));
        symlink("/dev/zero", outer.path().join("repo/zero")).unwrap();
        assert!(refused("zero").contains("outside"));
        assert!(refused("nope.py").contains("no such file"));
        assert!(refused("src").contains("not a regular file"));
        let fifo = outer.path().join("repo/fifo");
        let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: plain syscall with a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        assert!(refused("fifo").contains("not a regular file"));
        let big = File::create(outer.path().join("repo/big")).unwrap();
        big.set_len(MAX_SOURCE_BYTES + 1).unwrap();
        assert!(refused("big").contains("over the 32 MiB limit"));
    }
}
