//! Getting one file's text for analysis: open it safely, read at most the size limit, and
//! decode a byte-order-marked UTF-16 file into the UTF-8 the engines read.
//!
//! The walk lists files; by the time a worker opens one, it may have been replaced. A FIFO in
//! its place would block `open(2)` (and then `read`) forever, and a symlink would be followed
//! to content outside the root, reported under an in-tree path. So a walked file is opened
//! with `O_NOFOLLOW | O_NONBLOCK` (a symlink fails to open, a FIFO opens without waiting for a
//! writer) and the *opened* file is checked with `fstat` to be a regular file before a byte
//! is read. A path the user named on the command line may be a symlink (they chose it), but
//! must still be a regular file. On other platforms the check is the same `fstat`, after an
//! ordinary open.
//!
//! Text encoding: a file starting with a UTF-16 byte-order mark (LE or BE) is decoded to UTF-8
//! and a UTF-8 byte-order mark is dropped, so that both are scanned like any other text (a
//! UTF-16 file is full of NUL bytes and was skipped as binary). Findings' lines and columns then
//! refer to the decoded text, which is what an editor showing the file displays: lines are the
//! same, and columns count characters (the byte-order mark is not one).

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How a file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Found by the walk: a symlink here was put there after the walk looked, so it is refused.
    Refuse,
    /// Named by the user: followed.
    Follow,
}

/// Read the regular file at `path` into `buf`, replacing what it held; `false` when the file
/// is larger than `max` bytes. `buf` keeps its capacity, so a worker reading thousands of files
/// into one buffer allocates (and has the kernel zero pages for) the largest once, not each.
/// Anything else (a FIFO, a device, a directory, a symlink when `links` refuses them) is an
/// error that says what the path is.
pub fn read_regular_file(path: &Path, links: Links, max: u64, buf: &mut Vec<u8>) -> io::Result<bool> {
    let file = open(path, links)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other(format!("not a regular file ({})", what_is(&meta.file_type()))));
    }
    buf.clear();
    if meta.len() > max {
        return Ok(false);
    }
    if meta.len() == 0 {
        // procfs and some FUSE file systems report size 0 for files that have content.
        return read_bounded(&mut &file, max, buf);
    }
    // Only the `len` bytes `fstat` reported: bytes appended since are not read, as if the
    // file had been read a moment earlier. `Take` then ends the read without a second
    // `read(2)` that would only find the end, one syscall fewer per file.
    buf.reserve(meta.len() as usize);
    (&file).take(meta.len()).read_to_end(buf)?;
    Ok(true)
}

/// Append `reader` to `buf` up to its end; `false` as soon as it passes `max` bytes (a stream,
/// or a file that grows while it is read, never costs more than `max + 1` bytes of memory).
pub fn read_bounded(reader: &mut dyn Read, max: u64, buf: &mut Vec<u8>) -> io::Result<bool> {
    reader.take(max.saturating_add(1)).read_to_end(buf)?;
    Ok(buf.len() as u64 <= max)
}

#[cfg(unix)]
fn open(path: &Path, links: Links) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = libc::O_NONBLOCK;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    std::fs::OpenOptions::new().read(true).custom_flags(flags).open(path).map_err(|err| {
        // ELOOP is how O_NOFOLLOW says the last component is a symlink.
        if links == Links::Refuse && err.raw_os_error() == Some(libc::ELOOP) {
            io::Error::other(
                "not a regular file (a symbolic link, which the walk did not see: replaced during the scan?)",
            )
        } else {
            err
        }
    })
}

/// Without `O_NOFOLLOW` and `O_NONBLOCK`, check the path's own type first (the `fstat` after the
/// open still guards what is read; only the race between the two checks remains).
#[cfg(not(unix))]
fn open(path: &Path, links: Links) -> io::Result<File> {
    let meta = if links == Links::Refuse { std::fs::symlink_metadata(path)? } else { std::fs::metadata(path)? };
    if !meta.is_file() {
        return Err(io::Error::other(format!("not a regular file ({})", what_is(&meta.file_type()))));
    }
    File::open(path)
}

/// What a file that is not a regular file is, for messages.
pub fn what_is(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a file or directory"
    }
}

/// The text the engines read: UTF-16 (with a byte-order mark) decoded to UTF-8, a UTF-8
/// byte-order mark dropped, anything else as it is. Unpaired UTF-16 surrogates become U+FFFD.
///
/// `FF FE` is also `ÿþ` in Latin-1, so a UTF-16 byte-order mark counts only when the file has a
/// NUL byte somewhere — as UTF-16 text does for every ASCII character (and so for every secret),
/// and as 8-bit text does not. A file without one is scanned as it is, as it always was.
pub fn decode_text(bytes: &[u8]) -> Cow<'_, [u8]> {
    let utf16 = || memchr::memchr(0, bytes).is_some();
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => Cow::Borrowed(rest),
        [0xFF, 0xFE, rest @ ..] if utf16() => Cow::Owned(decode_utf16(rest, u16::from_le_bytes)),
        [0xFE, 0xFF, rest @ ..] if utf16() => Cow::Owned(decode_utf16(rest, u16::from_be_bytes)),
        _ => Cow::Borrowed(bytes),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut out = String::with_capacity(bytes.len() / 2 * 3 / 2 + 4);
    out.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
    if bytes.len() % 2 == 1 {
        // A dangling half unit: the file is cut short.
        out.push(char::REPLACEMENT_CHARACTER);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(bom: &[u8], text: &str, unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
        let mut v = bom.to_vec();
        v.extend(text.encode_utf16().flat_map(unit));
        v
    }

    #[test]
    fn decodes_both_utf16_byte_orders_and_drops_a_utf8_bom() {
        let text = "key = \"välue 😀\"\n";
        assert_eq!(&*decode_text(&utf16(&[0xFF, 0xFE], text, u16::to_le_bytes)), text.as_bytes());
        assert_eq!(&*decode_text(&utf16(&[0xFE, 0xFF], text, u16::to_be_bytes)), text.as_bytes());
        assert_eq!(&*decode_text(b"\xEF\xBB\xBFa=1"), b"a=1");
        assert!(matches!(decode_text(b"plain\0binary"), Cow::Borrowed(b"plain\0binary")));
        // Latin-1 text that happens to start with `ÿþ` has no NUL: it is not UTF-16.
        assert!(matches!(decode_text(b"\xff\xfe garbage key=1"), Cow::Borrowed(b"\xff\xfe garbage key=1")));
        // A lone surrogate and a dangling byte are replaced, not fatal.
        assert_eq!(&*decode_text(&[0xFF, 0xFE, 0x00, 0xD8, b'a', 0, 7]), "\u{FFFD}a\u{FFFD}".as_bytes());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::TempDir::new().unwrap();
        let fifo = dir.path().join("swapped.tf");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // Without O_NONBLOCK this open waits for a writer that never comes.
        for links in [Links::Refuse, Links::Follow] {
            let err = read_regular_file(&fifo, links, 1024, &mut Vec::new()).unwrap_err();
            assert!(err.to_string().contains("a FIFO"), "{err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_walked_symlink_is_not_followed() {
        let dir = tempfile::TempDir::new().unwrap();
        let outside = dir.path().join("outside-secret");
        std::fs::write(&outside, "AKIA...").unwrap();
        let link = dir.path().join("in-tree.env");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let err = read_regular_file(&link, Links::Refuse, 1024, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        // A path the user named is theirs to point anywhere.
        let mut buf = b"left from the file before".to_vec();
        assert!(read_regular_file(&link, Links::Follow, 1024, &mut buf).unwrap());
        assert_eq!(buf, b"AKIA...");
        assert!(!read_regular_file(&link, Links::Follow, 4, &mut buf).unwrap(), "over the limit");
    }

    #[test]
    fn reading_stops_past_the_limit() {
        let mut endless = std::io::repeat(b'A');
        let mut buf = Vec::new();
        assert!(!read_bounded(&mut endless, 4096, &mut buf).unwrap());
        assert_eq!(buf.len(), 4097, "one byte past the limit, no more");
        let mut short: &[u8] = b"abc";
        let mut buf = Vec::new();
        assert!(read_bounded(&mut short, 3, &mut buf).unwrap());
        assert_eq!(buf, b"abc");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_is_read_whole_even_when_its_size_says_otherwise() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("config.env");
        std::fs::write(&path, "TOKEN=abc\n").unwrap();
        // The buffer held a longer file before: nothing of it may remain.
        let mut buf = b"a much longer file read before this one".to_vec();
        assert!(read_regular_file(&path, Links::Refuse, 1024, &mut buf).unwrap());
        assert_eq!(buf, b"TOKEN=abc\n");
        // procfs reports size 0 for files that have content: they are read to their end.
        assert!(read_regular_file(Path::new("/proc/self/status"), Links::Follow, 1 << 20, &mut buf).unwrap());
        assert!(buf.starts_with(b"Name:"), "{}", String::from_utf8_lossy(&buf));
    }
}
