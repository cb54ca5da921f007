//! Templated YAML: a Helm chart's `templates/*.yaml`, kops' `*.yaml.template`, a Jinja-built
//! manifest. Such a file is a Go or Jinja template whose output is YAML; the template itself
//! usually is not (`{{- if .Values.x }}` on a line of its own, `replicas: {{ .Values.n }}`).
//!
//! Such a file is refused before it is read as YAML, with an error that says it is a template
//! to render first and names the line of the first action where YAML cannot have one — first
//! thing on a line, or the unquoted start of a value or list item. Read as YAML it would either
//! fail with a message about keys and columns the author never wrote, or worse, parse:
//! `replicas: {{ .Values.n }}` is a valid flow mapping, and policies would judge a
//! `{"{\".Values.n\":null}": null}` nobody wrote. Actions inside quoted scalars
//! (`image: "{{ .Values.image }}"`) are plain YAML and are not counted.

use crate::syntax::ParseError;

/// An error if `text` is a template (has an action where YAML cannot have one).
pub(super) fn check(text: &str) -> Result<(), ParseError> {
    match action_line(text) {
        None => Ok(()),
        Some(line) => Err(ParseError::new(
            Some(line),
            "a Go/Helm or Jinja template action (`{{`) where YAML cannot have one: the file is not \
             YAML until rendered; render it (`helm template`) and scan the output to check it",
        )),
    }
}

/// The 1-based line of the first template action (`{{`, `{%`) that stands where a YAML node
/// starts: first on its line, or unquoted right after `key:` or `-`. Lines of a block scalar
/// (`data: |` and the more indented lines after it) are text, whatever they hold: an
/// Alertmanager template in a ConfigMap, a Jinja file in an Ansible `copy: content: |`.
fn action_line(text: &str) -> Option<u32> {
    // The indentation of the line that opened the block scalar we are in, if any.
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if let Some(opener) = block {
            if content.is_empty() || indent > opener {
                continue;
            }
            block = None;
        }
        if breaks_yaml(content) {
            return Some(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
        if opens_block_scalar(content) {
            block = Some(indent);
        }
    }
    None
}

/// Does the line end with a block scalar indicator (`|`, `>-`, `|+2`, ...), comments aside?
fn opens_block_scalar(line: &str) -> bool {
    let line = line.split(" #").next().unwrap_or(line).trim_end();
    let Some(at) = line.rfind(['|', '>']) else { return false };
    let before = &line[..at];
    let indicators = &line[at + 1..];
    indicators.chars().all(|c| matches!(c, '-' | '+' | '1'..='9'))
        && (before.is_empty() || before.ends_with(": ") || before.ends_with("- ") || before.ends_with(' '))
}

fn breaks_yaml(line: &str) -> bool {
    let mut rest = line;
    if rest.starts_with('#') {
        return false;
    }
    // A list item's node, then a mapping value's node, may each start with an action.
    loop {
        if is_action(rest) {
            return true;
        }
        if let Some(item) = rest.strip_prefix("- ") {
            rest = item.trim_start();
            continue;
        }
        break;
    }
    plain_value(rest).is_some_and(is_action)
}

fn is_action(s: &str) -> bool {
    s.starts_with("{{") || s.starts_with("{%")
}

/// The value after an unquoted `key: ` on this line, if there is one.
fn plain_value(line: &str) -> Option<&str> {
    if line.starts_with(['"', '\'']) {
        return None;
    }
    let at = line.find(": ")?;
    Some(line[at + 2..].trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_actions_that_break_yaml() {
        assert_eq!(action_line("{{- if .Values.enabled }}\napiVersion: v1\n"), Some(1));
        assert_eq!(action_line("kind: Deployment\nspec:\n  replicas: {{ .Values.n }}\n"), Some(3));
        assert_eq!(action_line("args:\n  - {{ .Values.arg }}\n"), Some(2));
        assert_eq!(action_line("x:\n  {% if a %}\n"), Some(2));
    }

    #[test]
    fn ignores_quoted_and_commented_actions() {
        assert_eq!(action_line("image: \"{{ .Values.image }}\"\n# {{ comment }}\n"), None);
        assert_eq!(action_line("url: 'http://{{ host }}/'\nname: a {{ b }}\n"), None);
        let block =
            "data:\n  alert.tmpl: |-\n    {{ range .Alerts }}\n\n    {{ end }}\n  other: >\n    {{ x }}\nnext: 1\n";
        assert_eq!(action_line(block), None);
        assert_eq!(action_line(&format!("{block}after: {{{{ .Values.x }}}}\n")), Some(9));
    }

    #[test]
    fn a_template_that_is_valid_yaml_is_still_refused() {
        let err = check("kind: Pod\nspec:\n  replicas: {{ .Values.n }}\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.starts_with("a Go/Helm or Jinja template action"), "{}", err.message);
        assert!(check("kind: Pod\nname: \"{{ .Release.Name }}\"\n").is_ok());
    }
}
