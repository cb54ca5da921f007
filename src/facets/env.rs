//! Environment variables: whether a literal value is really a reference to where the secret
//! lives (a secret store, a parameter, a pipeline expression or another variable), which the
//! `env` facet reports as `secret_ref`.

use super::{EnvVar, JsonPath};

/// True for `${{ secrets.X }}`, `${VAR}`, `$VAR`, `$(cmd)`, `{{resolve:...}}` and other
/// `{{ template }}` values: the value is looked up elsewhere, not written here.
pub fn is_reference(value: &str) -> bool {
    let v = value.trim();
    let unescaped = v.replace("$$", "");
    let bytes = unescaped.as_bytes();
    let variable = bytes
        .windows(2)
        .any(|w| w[0] == b'$' && (w[1] == b'{' || w[1] == b'(' || w[1] == b'_' || w[1].is_ascii_alphabetic()));
    variable || (v.starts_with("{{") && v.ends_with("}}"))
}

/// An item whose name is at `name_path` and value at `path`.
pub fn var(path: JsonPath, name_path: JsonPath, name: &str, value: &str, origin: &str) -> EnvVar {
    EnvVar {
        path,
        name_path,
        name: name.to_string(),
        value: value.to_string(),
        secret_ref: is_reference(value),
        origin: origin.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_told_from_literals() {
        for r in
            ["${{ secrets.TOKEN }}", "${DB_PASSWORD}", "$TOKEN", "$(cat /run/s)", "{{resolve:ssm:/a}}", "{{ token }}"]
        {
            assert!(is_reference(r), "{r}");
        }
        for l in ["hunter2", "p$$word", "a$", "cost: $5", ""] {
            assert!(!is_reference(l), "{l}");
        }
    }
}
