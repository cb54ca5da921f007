//! Secret rules as data: the TOML format in `rules/**/*.toml`, its validation, and compilation.
//!
//! One `[[rule]]` table per rule. A rule cannot exist without at least one keyword (the
//! prefilter needs it: no regex ever runs over a whole file) and at least one example and one
//! negative example (`tollgate rules check` runs them through the real engine).

pub use super::allowlist::AllowlistSpec;
use super::allowlist::{Allowlist, Candidate};
use super::paths::{PathRegex, PathVerdicts};
use crate::model::Severity;
pub use crate::model::{Category, Confidence};
use anyhow::{Context, Result, bail};
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{PatternID, Span};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

/// A rule as written in a rules file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub description: String,
    /// The pattern; capture group `secret_group` (default: the first group that took part in
    /// the match, so alternatives such as a quoted and an unquoted value can each capture it;
    /// the whole match when the regex has no groups) is the secret itself, so the region and
    /// fingerprint cover the value, not its surroundings.
    pub regex: String,
    pub secret_group: Option<usize>,
    /// Literal substrings (matched case-insensitively) that must appear near any match.
    pub keywords: Vec<String>,
    /// Minimum Shannon entropy (bits per byte) of the secret.
    pub entropy: Option<f64>,
    pub severity: Severity,
    #[serde(default)]
    pub tags: Vec<String>,
    /// A self-verifying token format whose checksum must be valid (`github`, `npm`).
    pub checksum: Option<Checksum>,
    /// The match may span lines (PEM blocks, JSON key files): search up to this many bytes
    /// after the keyword instead of only the keyword's line.
    #[serde(default)]
    pub multiline: bool,
    /// Heuristic rule (e.g. `password = "..."`): its finding is dropped where a specific rule
    /// found the same secret.
    #[serde(default)]
    pub generic: bool,
    /// A catch-all generic rule (a secret-looking value beside any credential name): its
    /// finding is dropped where any other rule, generic ones included, found the same secret,
    /// so the more precise rule's id and message are the ones reported; and it leaves source
    /// files of the languages the syntax rules parse to them, since the parse tells a literal
    /// in code from one in a comment, a docstring or a test.
    #[serde(default)]
    pub fallback: bool,
    /// A language (`python`, `go`, `shell`, ...): the rule's candidates are string literals
    /// stored under secret-named identifiers in files of that language, found by parsing
    /// ([`super::syntax`]); `keywords` gate the parse and `regex` must match the literal's
    /// whole text.
    pub syntax: Option<String>,
    /// How sure a finding of this rule is to be a real credential: `high` for a fixed prefix or
    /// checksum, `medium` for an unprefixed format recognised by a keyword on the line, `low`
    /// for heuristics. Unset: `low` for a `generic` rule, else `medium`.
    pub confidence: Option<Confidence>,
    /// The family of service the credential belongs to (unset: `generic` for a `generic` rule,
    /// else `other`).
    pub category: Option<Category>,
    pub remediation: Option<String>,
    /// Documentation of the credential (how it is issued, revoked or rotated); the first is
    /// the SARIF `helpUri`.
    #[serde(default)]
    pub references: Vec<String>,
    /// Regex over the file path (with `/` separators): the rule runs only in matching files.
    pub path: Option<String>,
    /// The path the self-test scans the rule's examples and negative examples under (default:
    /// `example.txt`, or `example.<ext>` for a `syntax` rule). A rule with `path` needs one its
    /// `path` matches, or its examples could never fire.
    pub example_path: Option<String>,
    /// When a match is not a finding (see [`AllowlistSpec`]): `allowlist` and each of
    /// `allowlists`.
    #[serde(default)]
    pub allowlist: AllowlistSpec,
    #[serde(default)]
    pub allowlists: Vec<AllowlistSpec>,
    pub examples: Vec<String>,
    pub negative_examples: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Checksum {
    /// GitHub `gh?_` tokens and npm `npm_` tokens: CRC32 of the random part, base62, 6 chars.
    Github,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    rule: Vec<RuleSpec>,
}

/// Parse one rules file. `origin` names the file in errors.
pub fn parse_rules(src: &str, origin: &str) -> Result<Vec<RuleSpec>> {
    let file: RuleFile = toml::from_str(src).with_context(|| format!("{origin}: invalid rules file"))?;
    for spec in &file.rule {
        spec.validate().with_context(|| format!("{origin}: rule `{}`", spec.id))?;
    }
    Ok(file.rule)
}

/// Parse one rules file that `build.rs` converted from TOML to JSON (the built-in rules: JSON
/// parses several times faster, and every scan reads all of them). `origin` names the file.
pub fn parse_rules_json(json: &str, origin: &str) -> Result<Vec<RuleSpec>> {
    let file: RuleFile = serde_json::from_str(json).with_context(|| format!("{origin}: invalid rules file"))?;
    for spec in &file.rule {
        spec.validate().with_context(|| format!("{origin}: rule `{}`", spec.id))?;
    }
    Ok(file.rule)
}

/// Load every `*.toml` file under `dir`, subdirectories included (sorted, for a deterministic
/// rule order), as the built-in `rules/` tree is laid out.
pub fn load_rules_dir(dir: &Path) -> Result<Vec<RuleSpec>> {
    let mut paths = Vec::new();
    collect_toml(dir, &mut paths)?;
    if paths.is_empty() {
        bail!("rules directory {} has no *.toml files", dir.display());
    }
    paths.sort();
    let mut specs = Vec::new();
    for path in paths {
        let src = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        specs.extend(parse_rules(&src, &path.display().to_string())?);
    }
    Ok(specs)
}

fn collect_toml(dir: &Path, paths: &mut Vec<std::path::PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read rules directory {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, paths)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            paths.push(path);
        }
    }
    Ok(())
}

impl RuleSpec {
    fn validate(&self) -> Result<()> {
        if self.id.is_empty()
            || !self.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        {
            bail!("id must be non-empty and use only letters, digits, `-`, `_` and `.`");
        }
        if self.keywords.is_empty() || self.keywords.iter().any(|k| k.trim().is_empty()) {
            bail!("needs at least one non-empty keyword for the prefilter");
        }
        if self.examples.is_empty() {
            bail!("needs at least one example");
        }
        if self.negative_examples.is_empty() {
            bail!("needs at least one negative example");
        }
        if let Some(lang) = &self.syntax
            && !super::syntax::Language::is_known_name(lang)
        {
            bail!("unknown syntax language `{lang}`");
        }
        if let Some(p) = &self.example_path
            && (p.is_empty() || p.starts_with('/') || p.contains('\\'))
        {
            bail!("example_path `{p}` must be a relative path with `/` separators");
        }
        if let Some(bad) = self.references.iter().find(|r| !r.starts_with("https://") && !r.starts_with("http://")) {
            bail!("reference `{bad}` is not an http(s) URL");
        }
        Ok(())
    }

    /// The path the self-test scans this rule's examples under: `example_path`, else a file of
    /// the `syntax` rule's language, else `example.txt`.
    pub fn example_path(&self) -> String {
        let language = || self.syntax.as_deref().and_then(super::syntax::Language::example_path);
        self.example_path.clone().or_else(language).unwrap_or_else(|| "example.txt".to_string())
    }

    /// The declared confidence, else `low` for a generic rule and `medium` for any other.
    pub fn confidence(&self) -> Confidence {
        self.confidence.unwrap_or(if self.generic { Confidence::Low } else { Confidence::Medium })
    }

    /// The declared category, else `generic` for a generic rule and `other` for any other.
    pub fn category(&self) -> Category {
        self.category.unwrap_or(if self.generic { Category::Generic } else { Category::Other })
    }
}

/// A rule ready to run. Its patterns are checked and compiled on first use: most rules never
/// see a keyword hit in a given scan, and even parsing all of them up front would cost every
/// invocation (a pre-commit hook runs on a handful of files) ~10 ms, compiling them ~50 ms.
/// User rules and `rules check` compile eagerly ([`Rule::compile`]), and the test suite compiles
/// the built-in ones, so a scan never meets a rule it cannot run.
pub struct Rule {
    pub spec: RuleSpec,
    compiled: OnceLock<Compiled>,
}

struct Compiled {
    regex: Regex,
    /// Bytes every match contains (see [`super::required`]).
    required: Vec<u8>,
    /// The capture group holding the secret, when the rule names one.
    secret_group: Option<usize>,
    path: Option<Arc<PathRegex>>,
    allowlists: Vec<Allowlist>,
}

impl Rule {
    pub fn new(spec: RuleSpec) -> Rule {
        Rule { spec, compiled: OnceLock::new() }
    }

    /// Check and compile the patterns now, reporting any failure (bad syntax, a secret group
    /// the regex does not have, size limits).
    pub fn compile(&self) -> Result<()> {
        if self.compiled.get().is_none() {
            let compiled = self.build().with_context(|| format!("rule `{}`", self.spec.id))?;
            let _ = self.compiled.set(compiled);
        }
        Ok(())
    }

    fn build(&self) -> Result<Compiled> {
        let hir =
            regex_automata::util::syntax::parse_with(&self.spec.regex, &syntax(false)).context("invalid regex")?;
        let required = super::required::required_bytes(&hir, &self.spec.keywords);
        let regex = regex_builder(false).build_from_hir(&hir).context("invalid regex")?;
        let groups = regex.group_info().group_len(PatternID::ZERO).saturating_sub(1);
        let secret_group = self.spec.secret_group;
        if let Some(n) = secret_group
            && n > groups
        {
            bail!("secret_group {n} but the regex has {groups} groups");
        }
        let path = self.spec.path.as_deref();
        let path = path.map(|p| PathRegex::shared(p, |p| compile_regex(p, true)).context("invalid path regex"));
        let path = path.transpose()?;
        // A declared `example_path` must be one the rule's `path` matches. (An undeclared one
        // is checked by the self-test only: a user rule with `path` that loaded before the field
        // existed keeps loading for scans.)
        if let (Some(p), Some(example_path)) = (&path, &self.spec.example_path) {
            check_example_path(p, &self.spec, example_path)?;
        }
        let allowlists = std::iter::once(&self.spec.allowlist)
            .chain(&self.spec.allowlists)
            .map(|a| Allowlist::new(a, compile_allowlist_regex))
            .collect::<Result<Vec<_>>>()?;
        Ok(Compiled { regex, required, secret_group, path, allowlists })
    }

    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            // Built-in rules are compiled by the test suite and user rules when loaded
            // (`compile`), so this cannot fail for any rule a scan runs.
            self.build().unwrap_or_else(|e| panic!("rule `{}` does not compile: {e:#}", self.spec.id))
        })
    }

    pub fn regex(&self) -> &Regex {
        &self.compiled().regex
    }

    /// Could a match lie inside `window`? `false` when it lacks a byte every match contains.
    pub fn may_match_in(&self, window: &[u8]) -> bool {
        super::required::has_all(window, &self.compiled().required)
    }

    /// Where the secret is in a match: the rule's `secret_group`, else the first group that
    /// took part, else (a regex without groups, or none took part) the whole match.
    pub fn secret_span(&self, caps: &Captures) -> Option<Span> {
        match self.compiled().secret_group {
            Some(n) => caps.get_group(n),
            None => (1..caps.group_len()).find_map(|g| caps.get_group(g)),
        }
        .or_else(|| caps.get_match().map(|m| m.span()))
    }

    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// The path the self-test scans the rule's examples under ([`RuleSpec::example_path`]), or an
    /// error when the rule's `path` does not match it (the examples could never fire).
    pub fn example_path(&self) -> Result<String> {
        let example_path = self.spec.example_path();
        if let Some(p) = &self.compiled().path {
            check_example_path(p, &self.spec, &example_path).with_context(|| format!("rule `{}`", self.spec.id))?;
        }
        Ok(example_path)
    }

    /// Is this candidate excused by one of the rule's allowlists?
    pub fn allows(&self, candidate: &Candidate) -> bool {
        self.compiled().allowlists.iter().any(|a| a.allows(candidate))
    }

    /// Need the rule not search the file at `path` at all (its `path` restriction excludes it,
    /// or an allowlist excuses every match in it)? `verdicts` are the path patterns' answers
    /// for this file.
    pub fn skips_file(&self, path: &str, verdicts: &PathVerdicts) -> bool {
        let compiled = self.compiled();
        compiled.path.as_ref().is_some_and(|r| !r.is_match_in(path, verdicts))
            || compiled.allowlists.iter().any(|a| a.allows_whole_file(path, verdicts))
    }
}

/// The rule's examples, scanned as `example_path`, must be in a file its `path` matches, or
/// they could never fire.
fn check_example_path(path: &PathRegex, spec: &RuleSpec, example_path: &str) -> Result<()> {
    if path.is_match(example_path) {
        return Ok(());
    }
    let path = spec.path.as_deref().unwrap_or_default();
    let default = if spec.example_path.is_none() { " (the default: `example_path` is unset)" } else { "" };
    bail!(
        "its examples are scanned as `{example_path}`{default}, which its `path` regex `{path}` does not match, \
         so they could never fire: set `example_path` to a file path that `path` matches"
    )
}

/// The syntax every rule pattern is read with. `^`/`$` mean line start/end (rules are written
/// per line, and a window is a line, not the file); CRLF line ends count. Detection regexes
/// are ASCII (`\w`, `\s`, `(?i)`; opt in with `(?u)`): credentials are ASCII, and Unicode
/// classes make automata ~10x larger and slower to build. Allowlists, which run only on
/// candidates, keep Unicode.
fn syntax(unicode: bool) -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new().multi_line(true).crlf(true).unicode(unicode).utf8(unicode)
}

/// An allowlist pattern, compiled once per process: the presets put the same patterns in 28
/// rules, and compiling their Unicode classes (`\p{L}`) again for each rule was most of those
/// rules' compile time.
fn compile_allowlist_regex(pattern: &str) -> Result<Regex> {
    static COMPILED: LazyLock<Mutex<HashMap<String, Regex>>> = LazyLock::new(Default::default);
    super::paths::intern(&COMPILED, pattern, || compile_regex(pattern, true))
}

fn compile_regex(pattern: &str, unicode: bool) -> Result<Regex> {
    regex_builder(unicode).build(pattern).map_err(anyhow::Error::from)
}

fn regex_builder(unicode: bool) -> regex_automata::meta::Builder {
    let mut builder = Regex::builder();
    // Generous size limit: some token formats are long alternations.
    builder.syntax(syntax(unicode)).configure(Regex::config().nfa_size_limit(Some(20 << 20)));
    builder
}
