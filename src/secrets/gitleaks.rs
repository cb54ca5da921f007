//! Import of gitleaks (and Betterleaks, which reads the same format) rule files, so a team
//! that switches keeps its custom rules.
//!
//! A gitleaks config is TOML with `[[rules]]` tables (id, description, regex, secretGroup,
//! entropy, keywords, path, tags, and allowlists as `[[rules.allowlists]]` or the older
//! `[rules.allowlist]`), top-level allowlists (`[[allowlists]]`, optionally limited by
//! `targetRules`, or the older `[allowlist]`), and `[extend]`: `useDefault = true` keeps
//! tollgate's built-in rules beside the file's, otherwise only the file's rules run;
//! `disabledRules` removes built-in rules by id.
//!
//! Every key is checked: a key tollgate does not read (a typo, or a feature it lacks, such as
//! `[extend] path` or composite `[[rules.required]]`) is an error naming the key and the rule,
//! never silently dropped. Patterns are Go RE2 syntax, which the Rust regex engine reads almost
//! unchanged; `\Q...\E` quoting is translated, and what neither engine has (look-around,
//! back-references) is an error naming the rule.
//!
//! Differences that remain, by design: tollgate runs a rule only near one of its keywords (a
//! rule without `keywords` is an error, since gitleaks would run it over every whole file), and
//! searches the keyword's line (the following 16 KiB for a pattern that spans lines: one with
//! `(?s)`, `\n` or `[\s\S]`), so `^` and `$` mean line start and end.

use super::allowlist::{AllowlistSpec, Condition, RegexTarget};
use super::rule::RuleSpec;
use crate::model::Severity;
use anyhow::{Context, Result, bail};
use toml::{Table, Value};

/// What a gitleaks file contributes to a scan.
#[derive(Debug, Default)]
pub struct Imported {
    pub rules: Vec<RuleSpec>,
    /// `[extend] useDefault`: the built-in rules run too.
    pub use_default: bool,
    /// `[extend] disabledRules`: built-in rule ids that do not run.
    pub disabled: Vec<String>,
    /// Top-level allowlists with the rule ids they are limited to (empty: every rule).
    pub global: Vec<(Vec<String>, AllowlistSpec)>,
}

/// Is this parsed rules file in gitleaks' format (rather than tollgate's `[[rule]]` tables)?
pub fn is_gitleaks(table: &Table) -> bool {
    !table.contains_key("rule")
}

/// Read a gitleaks config. `origin` names the file in errors.
pub fn import(table: &Table, origin: &str) -> Result<Imported> {
    import_table(table).with_context(|| format!("{origin}: cannot import gitleaks rules"))
}

fn import_table(table: &Table) -> Result<Imported> {
    check_keys(
        table,
        &["title", "description", "minVersion", "extend", "rules", "allowlist", "allowlists"],
        "the file",
    )?;
    let mut imported = Imported::default();
    if let Some(extend) = table.get("extend") {
        let extend = as_table(extend, "extend")?;
        if extend.contains_key("path") || extend.contains_key("url") {
            bail!("`extend.path` and `extend.url` are not supported: pass each rules file with its own --rules");
        }
        check_keys(extend, &["useDefault", "disabledRules"], "[extend]")?;
        imported.use_default =
            extend.get("useDefault").map(|v| as_bool(v, "extend.useDefault")).transpose()?.unwrap_or(false);
        imported.disabled = strings(extend, "disabledRules", "[extend]")?;
    }
    for (key, list) in [("allowlist", false), ("allowlists", true)] {
        for (i, value) in tables(table, key, list)?.into_iter().enumerate() {
            let what = if list { format!("[[allowlists]] #{}", i + 1) } else { "[allowlist]".to_string() };
            let targets = strings(value, "targetRules", &what)?;
            imported.global.push((targets, allowlist(value, &what, true)?));
        }
    }
    for (i, value) in tables(table, "rules", true)?.into_iter().enumerate() {
        imported.rules.push(rule(value).with_context(|| match value.get("id").and_then(Value::as_str) {
            Some(id) => format!("rule `{id}`"),
            None => format!("rule #{}", i + 1),
        })?);
    }
    Ok(imported)
}

fn rule(t: &Table) -> Result<RuleSpec> {
    check_keys(
        t,
        &[
            "id",
            "description",
            "regex",
            "secretGroup",
            "entropy",
            "keywords",
            "path",
            "tags",
            "allowlist",
            "allowlists",
        ],
        "",
    )?;
    let id = string(t, "id")?.context("has no `id`")?;
    let Some(regex) = string(t, "regex")? else {
        bail!("has no `regex`: rules that match only a file path are not supported");
    };
    let regex = translate_regex(&regex)?;
    let keywords: Vec<String> = strings(t, "keywords", "")?.into_iter().map(|k| k.to_ascii_lowercase()).collect();
    if keywords.is_empty() || keywords.iter().any(|k| k.trim().is_empty()) {
        bail!(
            "has no `keywords`: tollgate runs a rule's regex only near one of its keywords, never over a whole file; add the literal text every match contains"
        );
    }
    let secret_group = match t.get("secretGroup") {
        None => None,
        Some(v) => Some(
            usize::try_from(v.as_integer().context("`secretGroup` must be an integer")?)
                .context("`secretGroup` must not be negative")?,
        ),
    };
    let entropy = match t.get("entropy") {
        None => None,
        Some(Value::Float(f)) => Some(*f),
        Some(Value::Integer(i)) => Some(*i as f64),
        Some(_) => bail!("`entropy` must be a number"),
    };
    let mut allowlists = Vec::new();
    for (key, list) in [("allowlist", false), ("allowlists", true)] {
        for (i, value) in tables(t, key, list)?.into_iter().enumerate() {
            let what = if list { format!("[[rules.allowlists]] #{}", i + 1) } else { "[rules.allowlist]".to_string() };
            allowlists.push(allowlist(value, &what, false)?);
        }
    }
    let multiline = ["(?s", "\\n", "[\\s\\S]", "[\\S\\s]"].iter().any(|m| regex.contains(m));
    Ok(RuleSpec {
        description: string(t, "description")?.unwrap_or_else(|| id.clone()),
        id,
        regex,
        secret_group,
        keywords,
        entropy,
        // gitleaks reports every finding; a gate on tollgate's default threshold should too.
        severity: Severity::High,
        tags: strings(t, "tags", "")?,
        checksum: None,
        multiline,
        generic: false,
        fallback: false,
        syntax: None,
        confidence: None,
        category: None,
        remediation: None,
        references: Vec::new(),
        path: string(t, "path")?,
        example_path: None,
        allowlist: AllowlistSpec::default(),
        allowlists,
        examples: Vec::new(),
        negative_examples: Vec::new(),
    })
}

fn allowlist(t: &Table, what: &str, global: bool) -> Result<AllowlistSpec> {
    let mut keys = vec!["description", "regexes", "regexTarget", "stopwords", "paths", "commits", "condition"];
    if global {
        keys.push("targetRules");
    }
    check_keys(t, &keys, what)?;
    let regex_target = match string(t, "regexTarget")?.as_deref() {
        None | Some("secret") => RegexTarget::Secret,
        Some("match") => RegexTarget::Match,
        Some("line") => RegexTarget::Line,
        Some(other) => bail!("{what}: `regexTarget` is `{other}`; expected secret, match or line"),
    };
    let condition = match string(t, "condition")?.map(|c| c.to_ascii_uppercase()).as_deref() {
        None | Some("OR") => Condition::Or,
        Some("AND") => Condition::And,
        Some(other) => bail!("{what}: `condition` is `{other}`; expected OR or AND"),
    };
    let regexes = strings(t, "regexes", what)?
        .iter()
        .map(|r| translate_regex(r).with_context(|| format!("{what}: regexes")))
        .collect::<Result<_>>()?;
    let paths = strings(t, "paths", what)?
        .iter()
        .map(|r| translate_regex(r).with_context(|| format!("{what}: paths")))
        .collect::<Result<_>>()?;
    Ok(AllowlistSpec {
        regexes,
        regex_target,
        stopwords: strings(t, "stopwords", what)?,
        paths,
        commits: strings(t, "commits", what)?,
        condition,
        preset: None,
    })
}

/// A Go RE2 pattern in the syntax tollgate's engine reads. The two agree on almost everything
/// (classes, `(?i)` anywhere, `\A`, `\z`, named groups); `\Q...\E` quoting exists only in Go
/// and is rewritten as escaped text; look-around and back-references exist in neither, and are
/// named here rather than left to a parser message.
pub fn translate_regex(go: &str) -> Result<String> {
    for (construct, name) in [
        ("(?=", "look-ahead `(?=`"),
        ("(?!", "negative look-ahead `(?!`"),
        ("(?<=", "look-behind `(?<=`"),
        ("(?<!", "negative look-behind `(?<!`"),
        ("(?>", "atomic group `(?>`"),
    ] {
        if go.contains(construct) {
            bail!("regex uses {name}, which neither Go's regexp (gitleaks) nor tollgate supports: `{go}`");
        }
    }
    let mut out = String::with_capacity(go.len());
    let mut rest = go;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let next = escape[1..].chars().next();
        match next {
            Some('Q') => {
                let body = &escape[2..];
                let end = body.find("\\E").unwrap_or(body.len());
                out.push_str(&regex::escape(&body[..end]));
                rest = body.get(end + 2..).unwrap_or("");
            }
            Some(c @ '1'..='9') => {
                bail!("regex uses the back-reference `\\{c}`, which tollgate does not support: `{go}`")
            }
            Some('C') => bail!("regex uses `\\C` (any byte), which tollgate does not support: `{go}`"),
            Some(c) => {
                out.push('\\');
                out.push(c);
                rest = &escape[1 + c.len_utf8()..];
            }
            None => {
                out.push('\\');
                rest = "";
            }
        }
    }
    out.push_str(rest);
    for possessive in ["*+", "++", "?+", "}+"] {
        // `a++` is a Go parse error and, in tollgate, a repetition of a repetition: neither is
        // what the author meant (a possessive quantifier, which neither engine has). Escaped
        // `\++` is a literal plus and fine.
        if let Some(at) = out.find(possessive)
            && !out[..at].ends_with('\\')
        {
            bail!(
                "regex uses a possessive quantifier `{possessive}`, which neither Go's regexp nor tollgate supports: `{go}`"
            );
        }
    }
    Ok(out)
}

/// Error on any key of `t` outside `known`, naming it and what it is in.
fn check_keys(t: &Table, known: &[&str], what: &str) -> Result<()> {
    if let Some(key) = t.keys().find(|k| !known.contains(&k.as_str())) {
        let what = if what.is_empty() { String::new() } else { format!("{what}: ") };
        bail!("{what}unknown or unsupported key `{key}` (tollgate reads: {})", known.join(", "));
    }
    Ok(())
}

fn as_table<'a>(v: &'a Value, key: &str) -> Result<&'a Table> {
    v.as_table().with_context(|| format!("`{key}` must be a table"))
}

fn as_bool(v: &Value, key: &str) -> Result<bool> {
    v.as_bool().with_context(|| format!("`{key}` must be true or false"))
}

fn string(t: &Table, key: &str) -> Result<Option<String>> {
    t.get(key).map(|v| v.as_str().map(str::to_string).with_context(|| format!("`{key}` must be a string"))).transpose()
}

fn strings(t: &Table, key: &str, what: &str) -> Result<Vec<String>> {
    let Some(v) = t.get(key) else { return Ok(Vec::new()) };
    let what = if what.is_empty() { String::new() } else { format!("{what}: ") };
    let bad = || format!("{what}`{key}` must be a list of strings");
    let list = v.as_array().with_context(bad)?;
    list.iter().map(|s| s.as_str().map(str::to_string).with_context(bad)).collect()
}

/// `t[key]` as tables: an array of tables when `list`, else one table.
fn tables<'a>(t: &'a Table, key: &str, list: bool) -> Result<Vec<&'a Table>> {
    match t.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) if list => {
            items.iter().map(|v| v.as_table().with_context(|| format!("`{key}` must be an array of tables"))).collect()
        }
        Some(Value::Table(table)) if !list => Ok(vec![table]),
        Some(_) if list => bail!("`{key}` must be an array of tables (`[[{key}]]`)"),
        Some(_) => bail!("`{key}` must be a table (`[{key}]`)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_is_escaped() {
        assert_eq!(translate_regex(r"\Qa.b\E(x)").unwrap(), r"a\.b(x)");
        assert_eq!(translate_regex(r"(?i)key\z").unwrap(), r"(?i)key\z");
        assert_eq!(translate_regex(r"a\++").unwrap(), r"a\++");
    }

    #[test]
    fn unsupported_constructs_are_named() {
        for (re, word) in [("a(?=b)", "look-ahead"), (r"(a)\1", "back-reference"), ("a++", "possessive")] {
            let err = translate_regex(re).unwrap_err().to_string();
            assert!(err.contains(word), "{re}: {err}");
        }
    }
}
