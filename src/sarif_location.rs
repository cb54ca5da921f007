//! How a SARIF log names files and identifies results, for the one module that writes SARIF
//! ([`crate::report::sarif`]) and the ones that read it back ([`crate::suppress::baseline`],
//! [`crate::linehash`] before an upload): display paths to URIs and back, and the
//! `partialFingerprints` keys. Writer and readers share this so that what one writes the others
//! read, and so that none of them imports another.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use serde_json::Value;
use std::path::Path;

/// The base id relative artifact URIs are resolved against (the scan root).
pub const SRCROOT: &str = "%SRCROOT%";
/// Key of tollgate's own fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "tollgate/v1";
/// The `partialFingerprints` key GitHub reads (see [`crate::linehash`]).
pub const LINE_HASH_KEY: &str = "primaryLocationLineHash";

/// Characters that may not appear raw in a URI path.
const URI_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A relative path as a relative URI reference. Besides the usual percent-encoding, a `:` in the
/// first segment is encoded (RFC 3986 §4.2): a root-level file named `javascript:alert(1).py` or
/// `http:x.py` would otherwise be a URI with a scheme, no longer under `%SRCROOT%`.
pub fn relative_uri(path: &str) -> String {
    let encoded = utf8_percent_encode(path, URI_PATH).to_string();
    let first_end = encoded.find('/').unwrap_or(encoded.len());
    let (first, rest) = encoded.split_at(first_end);
    if !first.contains(':') {
        return encoded;
    }
    format!("{}{rest}", first.replace(':', "%3A"))
}

/// `file:///abs/path` for a display path that is already absolute (`/`-separated), as is.
pub fn absolute_path_uri(path: &str) -> String {
    format!("file://{}", utf8_percent_encode(path, URI_PATH))
}

/// `file:///abs/dir/` for a directory (trailing slash, as SARIF requires for base URIs).
pub fn dir_uri(dir: &Path) -> String {
    let mut uri = file_uri(dir);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// `file:///abs/path`, percent-encoded as every URI of the report.
pub fn file_uri(path: &Path) -> String {
    let mut s = path.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    format!("file://{}", utf8_percent_encode(&s, URI_PATH))
}

/// The file an artifact location names: its `uri`, or failing that the `uri` of the run's artifact
/// at its `index`; percent-decoded: a relative reference as a relative path, a `file:` URI (no
/// host, or `localhost`) as an absolute path. `None` for other schemes and hosts.
pub fn artifact_path(location: &Value, artifacts: &Value) -> Option<String> {
    let uri = match location.get("uri") {
        Some(uri) => uri.as_str()?,
        None => {
            let index = usize::try_from(location.get("index")?.as_u64()?).ok()?;
            artifacts.get(index)?.pointer("/location/uri")?.as_str()?
        }
    };
    // The scheme is read before decoding: `%3A` in a first segment is part of a name.
    let path = match uri_scheme(uri) {
        None => uri,
        Some(scheme) if scheme.eq_ignore_ascii_case("file") => {
            let rest = &uri[scheme.len() + 1..];
            match rest.strip_prefix("//") {
                Some(authority_and_path) => {
                    let slash = authority_and_path.find('/')?;
                    let host = &authority_and_path[..slash];
                    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
                        return None;
                    }
                    &authority_and_path[slash..]
                }
                None => rest.starts_with('/').then_some(rest)?,
            }
        }
        Some(_) => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    Some(percent_decode_str(path).decode_utf8().ok()?.into_owned())
}

/// The scheme of an absolute URI (RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`, `.`,
/// ending at a `:` before any `/`, `?` or `#`); `None` for a relative reference.
fn uri_scheme(uri: &str) -> Option<&str> {
    let end = uri.find([':', '/', '?', '#'])?;
    let scheme = &uri[..end];
    let valid = uri[end..].starts_with(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn relative_uris_never_gain_a_scheme() {
        assert_eq!(relative_uri("javascript:alert(1).py"), "javascript%3Aalert(1).py");
        assert_eq!(relative_uri("http:x.py"), "http%3Ax.py");
        assert_eq!(relative_uri("a:b/c:d.py"), "a%3Ab/c:d.py");
        assert_eq!(relative_uri("src/conf dir/app.py"), "src/conf%20dir/app.py");
        for path in ["javascript:alert(1).py", "http:x.py", "a:b/c:d.py", "C:/x", "x/y"] {
            assert_eq!(uri_scheme(&relative_uri(path)), None, "{path}");
        }
    }

    #[test]
    fn artifact_paths_read_uris_as_a_uri_parser_would() {
        let path = |uri: &str| artifact_path(&json!({"uri": uri}), &Value::Null);
        assert_eq!(path("src/a%20b.py").as_deref(), Some("src/a b.py"));
        assert_eq!(path("javascript%3Aalert(1).py").as_deref(), Some("javascript:alert(1).py"));
        assert_eq!(path("file:///repo/a.py").as_deref(), Some("/repo/a.py"));
        assert_eq!(path("file://localhost/repo/a.py").as_deref(), Some("/repo/a.py"));
        assert_eq!(path("file:/repo/a.py").as_deref(), Some("/repo/a.py"));
        assert_eq!(path("a.py?x#y").as_deref(), Some("a.py"));
        for other in
            ["javascript:alert(1).py", "http:x.py", "https://example.com/a.py", "file://host/a.py", "file:a.py"]
        {
            assert_eq!(path(other), None, "{other}");
        }
        let artifacts = json!([{"location": {"uri": "by%20index.py"}}]);
        assert_eq!(artifact_path(&json!({"index": 0}), &artifacts).as_deref(), Some("by index.py"));
    }
}
