//! Container image references (`registry:5000/team/app:1.4@sha256:...`) split into the parts
//! the `images` facet reports, the way Docker reads them: the first path component is a
//! registry when it has a `.` or a `:` or is `localhost`; the tag follows the last `:` of the
//! last component; the digest follows `@`.

use super::{Image, JsonPath};

/// The facet item for `text` at `path`.
pub fn image(path: JsonPath, text: &str, origin: &str) -> Image {
    let written = text.trim();
    let dynamic = written.contains('$') || written.contains("{{");
    let (name, digest) = match written.split_once('@') {
        Some((n, d)) => (n, Some(d.to_string())),
        None => (written, None),
    };
    let (first, rest) = name.split_once('/').unwrap_or(("", name));
    let has_registry = !first.is_empty() && (first.contains('.') || first.contains(':') || first == "localhost");
    let (registry, remainder) = if has_registry { (Some(first.to_string()), rest) } else { (None, name) };
    let last_slash = remainder.rfind('/').map_or(0, |i| i + 1);
    let (repository, tag) = match remainder[last_slash..].rfind(':') {
        Some(i) => (&remainder[..last_slash + i], Some(remainder[last_slash + i + 1..].to_string())),
        None => (remainder, None),
    };
    Image {
        path,
        image: text.to_string(),
        registry,
        repository: repository.to_string(),
        tag,
        digest,
        dynamic,
        origin: origin.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> (Option<String>, String, Option<String>, Option<String>, bool) {
        let i = image(Vec::new(), s, "test");
        (i.registry, i.repository, i.tag, i.digest, i.dynamic)
    }

    #[test]
    fn references_split_like_docker_reads_them() {
        assert_eq!(parts("nginx"), (None, "nginx".into(), None, None, false));
        assert_eq!(parts("nginx:1.25"), (None, "nginx".into(), Some("1.25".into()), None, false));
        assert_eq!(parts("library/nginx:latest"), (None, "library/nginx".into(), Some("latest".into()), None, false));
        assert_eq!(
            parts("registry:5000/team/app:1.4"),
            (Some("registry:5000".into()), "team/app".into(), Some("1.4".into()), None, false)
        );
        assert_eq!(
            parts("ghcr.io/o/app@sha256:abc"),
            (Some("ghcr.io".into()), "o/app".into(), None, Some("sha256:abc".into()), false)
        );
        assert_eq!(parts("localhost/app"), (Some("localhost".into()), "app".into(), None, None, false));
        assert_eq!(parts("${BASE}:${TAG}"), (None, "${BASE}".into(), Some("${TAG}".into()), None, true));
        assert!(parts("{{ .Values.image }}").4);
    }
}
