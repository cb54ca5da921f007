//! Allowlists: the conditions under which a rule's match is not a finding.
//!
//! A rule has any number of allowlists (its `allowlist` table plus each `[[allowlists]]`
//! entry); a match is dropped when any one of them allows it. An allowlist names up to four
//! criteria — secret regexes, stopwords, path regexes, commits — and its `condition` says how
//! they combine: `or` (the default: any criterion that matches allows) or `and` (every criterion
//! the allowlist names must match). `regex_target` says what the regexes are run over: the
//! secret (default), the whole regex match, or the line the match starts on. This is the
//! gitleaks model, so imported gitleaks rules keep their meaning (see [`super::gitleaks`]).
//! A rule may also name a [`Preset`], entries many rules share, added to its own.

use super::paths::{PathRegex, PathVerdicts};
use anyhow::{Context, Result, bail};
use regex_automata::meta::Regex;
use serde::Deserialize;
use std::sync::Arc;

/// One allowlist as written in a rules file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowlistSpec {
    /// Regexes over [`AllowlistSpec::regex_target`]; a candidate matching any of them is allowed.
    #[serde(default)]
    pub regexes: Vec<String>,
    /// What `regexes` are run over.
    #[serde(default)]
    pub regex_target: RegexTarget,
    /// Case-insensitive substrings; a secret containing any of them is allowed.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// Regexes over the file path (with `/` separators).
    #[serde(default)]
    pub paths: Vec<String>,
    /// Commit ids. A scan of files has no commit, so they allow nothing there; they are kept so
    /// an imported allowlist with `condition = "and"` is not widened by dropping them.
    #[serde(default)]
    pub commits: Vec<String>,
    #[serde(default)]
    pub condition: Condition,
    /// A shared set of entries added to this allowlist's own (see [`Preset`]).
    #[serde(default)]
    pub preset: Option<Preset>,
}

/// Allowlist entries many rules share, named once: `allowlist.preset = "generic-value"` (the
/// regex-based generic rules) or `"code-value"` (the language-aware rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// What a generic rule's captured value is when it is no credential, and where its matches
    /// are fixtures: see [`GENERIC_VALUE_REGEXES`], [`GENERIC_VALUE_STOPWORDS`] and
    /// [`GENERIC_VALUE_PATHS`].
    GenericValue,
    /// The same for a string literal a language-aware rule reads out of code (see
    /// [`CODE_VALUE_REGEXES`], [`CODE_VALUE_STOPWORDS`] and [`CODE_VALUE_PATHS`]).
    CodeValue,
}

/// Values that are references, words or shapes rather than secrets: a `$VAR` / `%VAR%`
/// reference; a word of letters, dots, dashes and underscores only; a number; a path (`./`,
/// `/`, `~`, or `a/b/c`); a URL; a CONSTANT_NAME; a reference to a Kubernetes Secret
/// (`urn:k8s:secret:<name>:<key>`, as Traefik writes one); "password", "secret", "token" and their
/// leetspeak and `my`/`your` variants.
const GENERIC_VALUE_REGEXES: &[&str] = &[
    r"^[$%]",
    r"^[\p{L}\p{M}._-]+$",
    r"^[0-9]+$",
    r"^[./~]",
    r"^[\w.-]+(?:/[\w.-]+)+/?$",
    r"://",
    r"^[A-Z]+(?:_[A-Z0-9]+)+$",
    r"^urn:k8s:",
    r"(?i)^(?:my|the|your|super)?[_-]?(?:p[a@4][s$5]{2}w[o0]r[dt]|s[e3][ck]r[e3]t|t[o0]k[e3]n)[_-]?(?:key)?[0-9!.]*$",
];

/// Words that mark a value as made up.
const GENERIC_VALUE_STOPWORDS: &[&str] = &["example", "test", "mock", "dummy", "fake", "sample"];

/// Test directories and test files, where a generic match is a fixture.
const GENERIC_VALUE_PATHS: &[&str] = &[
    r"(?i)(?:^|/)(?:tests?|__tests__|spec|specs|fixtures?|testdata|test_data|testing)/",
    r"(?i)(?:^|/)(?:test_[^/]*|[^/]*_test\.[a-z0-9]+|[^/]*\.(?:test|spec)\.[a-z0-9]+)$",
];

/// String literals in code that are not credentials: references (`$VAR`, `%VAR%`, `${...}`,
/// templates with braces), anything with whitespace, words (letters, dots, colons, dashes, maybe
/// an escape at the end), regular expressions, paths, URLs, dotted names, encrypted-value markers
/// (`ENC(...)`, Azure Key Vault and `urn:k8s:secret:` references), CONSTANT_NAMES, ARNs, "password"/"secret"/"token"/
/// "apikey" and their leetspeak, and password *hashes* (Django/passlib prefixes, `$2b$`, `$6$`).
const CODE_VALUE_REGEXES: &[&str] = &[
    r"^[$%]",
    r"[{}]",
    r"\s",
    r"^[\p{L}\p{M}._:-]+(?:\\[0nrt])*$",
    r"\\[wdsWDSbB]|\[\^|\(\?[:=!<P]",
    r"^[./~]",
    r"^[\w.-]+(?:/[\w.-]+)+/?$",
    r"://",
    r"^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$",
    r"^ENC\(",
    r"^[A-Z]+(?:_[A-Z0-9]+)+$",
    r"^arn:",
    r"^urn:k8s:",
    r"^@Microsoft\.KeyVault\(",
    r"(?i)^(?:my|the|a)?[_-]?(?:p[a@4][s$5]{2}w[o0]r[dt]|s[e3][ck]r[e3]t|t[o0]k[e3]n|api[_-]?key)[_-]?[0-9!.]*$",
    r"^(?:pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt)\$|^\$(?:2[aby]|argon2id?|[156])\$",
];

/// Words that mark a literal as made up.
const CODE_VALUE_STOPWORDS: &[&str] = GENERIC_VALUE_STOPWORDS;

/// Test directories (and mocks), test files by each ecosystem's naming (`test_x.py`, `x_test.go`,
/// `x.spec.ts`, `x_spec.rb`, `conftest.py`, `FooTest.java`), where a literal is a fixture.
const CODE_VALUE_PATHS: &[&str] = &[
    r"(?i)(?:^|/)(?:tests?|__tests__|spec|specs|fixtures?|testdata|test_data|testing|mocks?)/",
    r"(?i)(?:^|/)(?:test_[^/]*|[^/]*_test\.[a-z0-9]+|[^/]*\.(?:test|spec)\.[a-z0-9]+|[^/]*_spec\.rb|conftest\.py)$",
    r"(?:^|/)[^/]*(?:Test|Tests|Spec)\.(?:java|kt|kts|cs|php)$",
];

impl Preset {
    /// The preset's (secret regexes, stopwords, path regexes).
    fn entries(self) -> (&'static [&'static str], &'static [&'static str], &'static [&'static str]) {
        match self {
            Preset::GenericValue => (GENERIC_VALUE_REGEXES, GENERIC_VALUE_STOPWORDS, GENERIC_VALUE_PATHS),
            Preset::CodeValue => (CODE_VALUE_REGEXES, CODE_VALUE_STOPWORDS, CODE_VALUE_PATHS),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegexTarget {
    #[default]
    Secret,
    Match,
    Line,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Condition {
    #[default]
    Or,
    And,
}

/// What an allowlist looks at for one candidate.
pub struct Candidate<'a> {
    pub path: &'a str,
    pub secret: &'a [u8],
    /// The whole regex match.
    pub matched: &'a [u8],
    /// The line the match starts on.
    pub line: &'a [u8],
}

/// A compiled [`AllowlistSpec`].
pub struct Allowlist {
    regexes: Vec<Regex>,
    target: RegexTarget,
    /// Lower-cased.
    stopwords: Vec<String>,
    paths: Vec<Arc<PathRegex>>,
    has_commits: bool,
    condition: Condition,
}

impl Allowlist {
    /// Compile `spec`; `compile` builds a pattern with the engine's syntax (a path pattern only
    /// the first time any rule names it, see [`PathRegex::shared`]).
    pub fn new(spec: &AllowlistSpec, compile: impl Fn(&str) -> Result<Regex>) -> Result<Allowlist> {
        let (preset_regexes, preset_stopwords, preset_paths) = match spec.preset {
            // A preset is a list of alternatives; under `and` it would narrow the allowlist instead.
            Some(_) if spec.condition == Condition::And => bail!("an allowlist with a preset must use condition `or`"),
            // The preset's regexes describe a secret, not a match or a line.
            Some(_) if spec.regex_target != RegexTarget::Secret => bail!("an allowlist with a preset tests the secret"),
            Some(preset) => preset.entries(),
            None => (&[][..], &[][..], &[][..]),
        };
        let invalid = |what: &str, p: &str| format!("invalid allowlist {what} regex `{p}`");
        let regexes = entries(preset_regexes, &spec.regexes).map(|p| compile(p).with_context(|| invalid("secret", p)));
        let paths = entries(preset_paths, &spec.paths)
            .map(|p| PathRegex::shared(p, &compile).with_context(|| invalid("path", p)));
        let stopwords = preset_stopwords.iter().copied().chain(spec.stopwords.iter().map(String::as_str));
        Ok(Allowlist {
            regexes: regexes.collect::<Result<_>>()?,
            target: spec.regex_target,
            stopwords: stopwords.map(|s| s.to_ascii_lowercase()).collect(),
            paths: paths.collect::<Result<_>>()?,
            has_commits: !spec.commits.is_empty(),
            condition: spec.condition,
        })
    }

    /// Does this allowlist excuse every match in the file at `path`, whatever the match? True
    /// only when paths alone decide: the rule then need not search the file at all.
    /// `verdicts` are the path patterns' answers for this file.
    pub fn allows_whole_file(&self, path: &str, verdicts: &PathVerdicts) -> bool {
        let paths_alone = match self.condition {
            Condition::Or => true,
            Condition::And => self.regexes.is_empty() && self.stopwords.is_empty() && !self.has_commits,
        };
        paths_alone && self.paths.iter().any(|r| r.is_match_in(path, verdicts))
    }

    /// Is the candidate excused?
    pub fn allows(&self, c: &Candidate) -> bool {
        // Each named criterion: Some(matched); criteria the allowlist does not name: None.
        let criteria = [
            self.path_matches(c.path),
            (!self.regexes.is_empty()).then(|| {
                let target = match self.target {
                    RegexTarget::Secret => c.secret,
                    RegexTarget::Match => c.matched,
                    RegexTarget::Line => c.line,
                };
                self.regexes.iter().any(|r| r.is_match(target))
            }),
            (!self.stopwords.is_empty()).then(|| {
                let lower = c.secret.to_ascii_lowercase();
                self.stopwords.iter().any(|w| memchr::memmem::find(&lower, w.as_bytes()).is_some())
            }),
            // No commit in a scan of files.
            self.has_commits.then_some(false),
        ];
        let mut named = criteria.iter().flatten();
        match self.condition {
            Condition::Or => named.any(|&m| m),
            Condition::And => {
                let mut any = false;
                named.all(|&m| {
                    any = true;
                    m
                }) && any
            }
        }
    }

    fn path_matches(&self, path: &str) -> Option<bool> {
        (!self.paths.is_empty()).then(|| self.paths.iter().any(|r| r.is_match(path)))
    }
}

/// A preset's entries followed by an allowlist's own.
fn entries<'a>(preset: &'static [&'static str], own: &'a [String]) -> impl Iterator<Item = &'a str> {
    preset.iter().copied().chain(own.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(p: &str) -> Result<Regex> {
        Regex::new(p).map_err(anyhow::Error::from)
    }

    fn whole_file(list: &Allowlist, path: &str) -> bool {
        let mut verdicts = PathVerdicts::default();
        verdicts.new_file();
        list.allows_whole_file(path, &verdicts)
    }

    fn cand<'a>(path: &'a str, secret: &'a str, line: &'a str) -> Candidate<'a> {
        Candidate { path, secret: secret.as_bytes(), matched: secret.as_bytes(), line: line.as_bytes() }
    }

    #[test]
    fn or_allows_on_any_criterion() {
        let spec =
            AllowlistSpec { stopwords: vec!["Sample".into()], paths: vec![r"^test/".into()], ..Default::default() };
        let list = Allowlist::new(&spec, compile).unwrap();
        assert!(list.allows(&cand("src/a.rs", "xxSAMPLExx", "")));
        assert!(list.allows(&cand("test/a.rs", "real", "")));
        assert!(!list.allows(&cand("src/a.rs", "real", "")));
        assert!(whole_file(&list, "test/a.rs"));
    }

    #[test]
    fn and_needs_every_named_criterion() {
        let spec = AllowlistSpec {
            regexes: vec!["nolint".into()],
            regex_target: RegexTarget::Line,
            paths: vec![r"\.py$".into()],
            condition: Condition::And,
            ..Default::default()
        };
        let list = Allowlist::new(&spec, compile).unwrap();
        assert!(list.allows(&cand("a.py", "s", "x = 's' # nolint")));
        assert!(!list.allows(&cand("a.rs", "s", "x = 's' # nolint")));
        assert!(!list.allows(&cand("a.py", "s", "x = 's'")));
        assert!(!whole_file(&list, "a.py"));
    }

    #[test]
    fn commits_never_match_a_file_scan() {
        let spec = AllowlistSpec { commits: vec!["abc123".into()], ..Default::default() };
        let list = Allowlist::new(&spec, compile).unwrap();
        assert!(!list.allows(&cand("a", "s", "")));
    }

    #[test]
    fn a_preset_adds_its_entries_to_the_allowlists_own() {
        let spec = AllowlistSpec {
            stopwords: vec!["changeme".into()],
            preset: Some(Preset::GenericValue),
            ..Default::default()
        };
        let list = Allowlist::new(&spec, compile).unwrap();
        assert!(list.allows(&cand("src/a.py", "changeme-now", "")), "its own stopword");
        assert!(list.allows(&cand("src/a.py", "xSAMPLEx", "")), "the preset's stopword");
        assert!(list.allows(&cand("src/a.py", "${DB_PASSWORD}", "")), "the preset's regex");
        assert!(whole_file(&list, "tests/a.py"), "the preset's path");
        assert!(!list.allows(&cand("src/a.py", "Hq8vT2mLx9Rw4Zk", "")));
        let narrowing = AllowlistSpec { condition: Condition::And, ..spec.clone() };
        assert!(Allowlist::new(&narrowing, compile).is_err());
        let on_lines = AllowlistSpec { regex_target: RegexTarget::Line, ..spec };
        assert!(Allowlist::new(&on_lines, compile).is_err());
    }

    #[test]
    fn the_code_preset_excuses_hashes_templates_and_test_classes() {
        let spec = AllowlistSpec { preset: Some(Preset::CodeValue), ..Default::default() };
        let list = Allowlist::new(&spec, compile).unwrap();
        assert!(list.allows(&cand("src/a.py", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", "")));
        assert!(list.allows(&cand("src/a.ts", "Bearer {token}", "")));
        assert!(whole_file(&list, "src/main/java/AuthServiceTest.java"));
        assert!(!list.allows(&cand("src/a.py", "Hq8vT2mLx9Rw4Zk", "")));
    }
}
