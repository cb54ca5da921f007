//! What tollgate asks git: the staged content of a commit-to-be (`scan --staged`) and where hooks
//! live (`install-hook`).
//!
//! This shells out to the `git` on PATH, as gitleaks and pre-commit do: it honours every index
//! extension, worktree and config the user's git does, and two short-lived processes cost a few
//! milliseconds, well inside a pre-commit hook's budget.

use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A file as it is staged: its repository path and the blob in the index.
#[derive(Debug)]
pub struct StagedFile {
    /// Relative to the top of the work tree, `/`-separated, in the display form of
    /// [`crate::discover::display_rel_bytes`] (the same identity the walk gives the file).
    pub path: String,
    /// Where the file is in the work tree, relative to the top, from git's raw bytes.
    pub rel_path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Run git in `dir` and return its standard output; a failure names the command and quotes
/// git's own message.
pub(crate) fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run git (is it installed and on PATH?)")?;
    if !out.status.success() {
        bail!("`git {}` failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(out.stdout)
}

/// What git printed, without the final line break (for one-line answers such as `rev-parse`).
pub fn stdout_line(dir: &Path, args: &[&str]) -> Result<String> {
    Ok(String::from_utf8_lossy(&git(dir, args)?).trim_end_matches(['\n', '\r']).to_string())
}

/// The top directory of the work tree containing `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf> {
    Ok(PathBuf::from(stdout_line(dir, &["rev-parse", "--show-toplevel"])?))
}

/// The directory git runs hooks from (honours `core.hooksPath` and linked worktrees).
pub fn hooks_dir(dir: &Path) -> Result<PathBuf> {
    let hooks = PathBuf::from(stdout_line(dir, &["rev-parse", "--git-path", "hooks"])?);
    Ok(if hooks.is_relative() { dir.join(hooks) } else { hooks })
}

/// The regular files the next commit adds, copies or modifies, with their staged content (not
/// the work tree's). Deletions, symlinks and submodules have no content to scan.
pub fn staged_files(top: &Path) -> Result<Vec<StagedFile>> {
    // `--raw -z`: `:<old mode> <new mode> <old sha> <new sha> <status>\0<path>\0` per file. An
    // unborn branch diffs against the empty tree, so a first commit works too.
    let raw = git(top, &["diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev", "--diff-filter=ACMT"])?;
    let mut fields = raw.split(|&b| b == 0).filter(|f| !f.is_empty());
    let mut wanted = Vec::new();
    while let (Some(header), Some(path)) = (fields.next(), fields.next()) {
        let header = String::from_utf8_lossy(header);
        let parts: Vec<&str> = header.trim_start_matches(':').split(' ').collect();
        let [_, new_mode, _, new_sha, _] = parts[..] else {
            bail!("unexpected `git diff --raw` output: {header}");
        };
        if matches!(new_mode, "100644" | "100755") {
            wanted.push((path, new_sha.to_string()));
        }
    }
    with_blobs(top, wanted)
}

/// The regular files directly in each of `dirs` (relative to the top; not their
/// subdirectories) as the index holds them, for which `wanted` (given the file name) is true:
/// the rest of a staged file's directory as the next commit will see it (a Terraform module's
/// other files). One `git ls-files` and one `git cat-file` whatever the number of directories.
pub fn index_files_in(top: &Path, dirs: &[&Path], wanted: &dyn Fn(&str) -> bool) -> Result<Vec<StagedFile>> {
    if dirs.is_empty() {
        return Ok(Vec::new());
    }
    // `ls-files --stage -z`: `<mode> <sha> <stage>\t<path>\0` per entry. A glob pathspec's `*`
    // stops at `/`, so only each directory's own files are listed, not a whole subtree.
    let specs = dirs.iter().map(|dir| {
        let mut spec = std::ffi::OsString::from(":(glob)");
        if !dir.as_os_str().is_empty() {
            spec.push(glob_escape(dir));
            spec.push("/");
        }
        spec.push("*");
        spec
    });
    let raw = {
        let out = Command::new("git")
            .arg("-C")
            .arg(top)
            .args(["ls-files", "--stage", "-z", "--"])
            .args(specs)
            .stdin(Stdio::null())
            .output()
            .context("cannot run git (is it installed and on PATH?)")?;
        if !out.status.success() {
            bail!("`git ls-files --stage` failed: {}", String::from_utf8_lossy(&out.stderr).trim());
        }
        out.stdout
    };
    let mut found = Vec::new();
    for entry in raw.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let Some(tab) = memchr::memchr(b'\t', entry) else { bail!("unexpected `git ls-files` output") };
        let header = String::from_utf8_lossy(&entry[..tab]);
        let path = &entry[tab + 1..];
        let [mode, sha, stage] = header.split(' ').collect::<Vec<_>>()[..] else {
            bail!("unexpected `git ls-files` output: {header}");
        };
        let rel_path = path_from_git(path);
        let in_dir = rel_path.parent().is_some_and(|p| dirs.contains(&p));
        let named = rel_path.file_name().and_then(|n| n.to_str()).is_some_and(wanted);
        // Stage 0 only: a file with a merge conflict has no single staged version.
        if in_dir && named && stage == "0" && matches!(mode, "100644" | "100755") {
            found.push((path, sha.to_string()));
        }
    }
    with_blobs(top, found)
}

/// Each `(path, blob id)` as a [`StagedFile`] with its blob read (one `git cat-file` for all).
fn with_blobs(top: &Path, files: Vec<(&[u8], String)>) -> Result<Vec<StagedFile>> {
    let blobs = read_blobs(top, files.iter().map(|(_, sha)| sha.as_str()))?;
    Ok(files
        .into_iter()
        .zip(blobs)
        .map(|((path, _), bytes)| StagedFile {
            path: crate::discover::display_rel_bytes(path),
            rel_path: path_from_git(path),
            bytes,
        })
        .collect())
}

/// `path` with the characters a glob pathspec treats specially escaped. (A directory whose name
/// is not UTF-8 matches nothing: its module context is then empty, as for a stream.)
fn glob_escape(path: &Path) -> std::ffi::OsString {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.into()
}

/// A path as git prints it (raw bytes with `-z`) as an OS path.
#[cfg(unix)]
fn path_from_git(raw: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(raw))
}

/// A path as git prints it: UTF-8 on Windows, where git stores names as UTF-8.
#[cfg(not(unix))]
fn path_from_git(raw: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(raw).into_owned())
}

/// The contents of the blobs named by `shas`, in order, from one `git cat-file --batch`.
fn read_blobs<'a>(top: &Path, shas: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>> {
    let request: String = shas.map(|s| format!("{s}\n")).collect();
    if request.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run git (is it installed and on PATH?)")?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    // Write from another thread: git answers while it reads, and a full stdout pipe would
    // otherwise block both sides.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut out = Vec::new();
    child.stdout.take().expect("piped stdout").read_to_end(&mut out)?;
    let status = child.wait()?;
    writer.join().map_err(|_| anyhow::anyhow!("git cat-file writer panicked"))??;
    if !status.success() {
        let mut err = String::new();
        child.stderr.take().map(|mut e| e.read_to_string(&mut err));
        bail!("`git cat-file --batch` failed: {}", err.trim());
    }
    parse_batch(&out)
}

/// Split `git cat-file --batch` output: `<sha> <type> <size>\n<content>\n` per object.
fn parse_batch(mut out: &[u8]) -> Result<Vec<Vec<u8>>> {
    let mut blobs = Vec::new();
    while !out.is_empty() {
        let nl = memchr::memchr(b'\n', out).context("truncated `git cat-file` output")?;
        let header = String::from_utf8_lossy(&out[..nl]).into_owned();
        let size: usize = match header.split(' ').collect::<Vec<_>>()[..] {
            [_, "blob", size] => size.parse().with_context(|| format!("bad `git cat-file` header: {header}"))?,
            _ => bail!("git cannot read a staged file: {header}"),
        };
        let body = nl + 1;
        let content = out.get(body..body + size).context("truncated `git cat-file` output")?;
        blobs.push(content.to_vec());
        out = out.get(body + size + 1..).unwrap_or(&[]);
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::parse_batch;

    #[test]
    fn batch_output_splits_on_sizes_not_newlines() {
        let out = b"aaa blob 6\nab\ncd\n\nbbb blob 0\n\n";
        assert_eq!(parse_batch(out).unwrap(), vec![b"ab\ncd\n".to_vec(), Vec::new()]);
        assert!(parse_batch(b"ccc missing\n").is_err());
    }
}
