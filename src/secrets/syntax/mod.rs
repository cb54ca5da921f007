//! Language-aware detection of generic credentials: a string literal assigned to, passed as a
//! named argument to, returned from, or stored under a secret-named identifier, field, key or
//! parameter (`password = "…"`, `connect(api_key="…")`, `{"client_secret": "…"}`,
//! `const API_TOKEN: &str = "…"`), found by parsing the file with tree-sitter.
//!
//! Regex rules see characters; this sees code. It reports the literal's exact region, and by
//! construction never reports an environment or secret-store read (`os.environ["X"]`,
//! `process.env.X`, `vault.read(…)` are not literals), an interpolated string (`f"{x}"`), a
//! type name, a comment or a docstring.
//!
//! A rule opts in with `syntax = "<language>"` in its TOML; its keywords are the secret words
//! of identifiers, found in the scanner's one keyword pass, and a file is parsed only when one
//! of them is part of a credential's name followed by a literal the rule would report (see
//! [`SyntaxGate`]), so the cost is paid by few files: 6 of the cargo registry's 21,663. Each
//! language's patterns are a tree-sitter query in `queries/<language>.scm` with two captures:
//! `@name` (the identifier or key) and `@value` (the literal). [`names`] judges the name,
//! [`literal`] finds the text inside the literal's delimiters.

mod literal;
pub mod names;
mod pattern;

use crate::syntax::grammars;
use pattern::Patterns;
use std::sync::OnceLock;
use tree_sitter::Parser;

/// Files larger than this are not parsed (the regex rules still scan them): generated or
/// minified files are where parsing is slowest and a hand-written credential least likely
/// (bindings of a few hundred KiB made parsing the bulk of a scan of the cargo registry).
const MAX_PARSE_BYTES: usize = 256 << 10;

/// How much of a file's head is searched for a generated-code marker.
const GENERATED_HEAD: usize = 1024;

/// How far after a keyword hit the literal (or a `return` of one) is looked for.
const QUOTE_REACH: usize = 256;

/// The shortest and longest literal the built-in syntax rules report (their regex).
const MIN_LITERAL: usize = 8;
const MAX_LITERAL: usize = 256;

/// A language the syntax rules understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    CSharp,
    Ruby,
    Php,
    Kotlin,
    Rust,
    Shell,
}

/// Per language: its name in rules files (`syntax = "…"`), the file extensions it is read
/// from, and its query.
const LANGUAGES: &[(Language, &str, &[&str], &str)] = &[
    (Language::Python, "python", &["py", "pyw", "pyi"], include_str!("queries/python.scm")),
    (Language::JavaScript, "javascript", &["js", "mjs", "cjs", "jsx"], include_str!("queries/javascript.scm")),
    (Language::TypeScript, "typescript", &["ts", "mts", "cts"], include_str!("queries/typescript.scm")),
    (Language::Tsx, "typescript", &["tsx"], include_str!("queries/typescript.scm")),
    (Language::Go, "go", &["go"], include_str!("queries/go.scm")),
    (Language::Java, "java", &["java"], include_str!("queries/java.scm")),
    (Language::CSharp, "csharp", &["cs"], include_str!("queries/csharp.scm")),
    (Language::Ruby, "ruby", &["rb", "rake", "gemspec"], include_str!("queries/ruby.scm")),
    (Language::Php, "php", &["php"], include_str!("queries/php.scm")),
    (Language::Kotlin, "kotlin", &["kt", "kts"], include_str!("queries/kotlin.scm")),
    (Language::Rust, "rust", &["rs"], include_str!("queries/rust.scm")),
    (Language::Shell, "shell", &["sh", "bash", "zsh", "ksh"], include_str!("queries/bash.scm")),
];

impl Language {
    /// The language of a file, from its extension.
    pub fn of_path(path: &str) -> Option<Language> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let (_, ext) = name.rsplit_once('.')?;
        let ext = ext.to_ascii_lowercase();
        LANGUAGES.iter().find(|(_, _, exts, _)| exts.contains(&ext.as_str())).map(|&(lang, ..)| lang)
    }

    /// Is `name` a language name a rule may give as `syntax`?
    pub fn is_known_name(name: &str) -> bool {
        LANGUAGES.iter().any(|&(_, n, ..)| n == name)
    }

    /// The name rules use for this language.
    pub fn name(self) -> &'static str {
        self.entry().1
    }

    /// A file name in this language (the path rule examples are checked under).
    pub fn example_path(name: &str) -> Option<String> {
        LANGUAGES.iter().find(|&&(_, n, ..)| n == name).map(|(_, _, exts, _)| format!("example.{}", exts[0]))
    }

    fn entry(self) -> &'static (Language, &'static str, &'static [&'static str], &'static str) {
        LANGUAGES.iter().find(|e| e.0 == self).expect("every language has an entry")
    }

    fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => grammars::python(),
            Language::JavaScript => grammars::javascript(),
            Language::TypeScript => grammars::typescript(),
            Language::Tsx => grammars::tsx(),
            Language::Go => grammars::go(),
            Language::Java => grammars::java(),
            Language::CSharp => grammars::c_sharp(),
            Language::Ruby => grammars::ruby(),
            Language::Php => grammars::php(),
            Language::Kotlin => grammars::kotlin(),
            Language::Rust => grammars::rust(),
            Language::Shell => grammars::bash(),
        }
    }

    /// The language's patterns, read on first use (a scan that meets no file of the language
    /// never pays for it; reading them takes microseconds, see [`pattern`]).
    fn patterns(self) -> &'static Compiled {
        static PATTERNS: [OnceLock<Compiled>; LANGUAGES.len()] = [const { OnceLock::new() }; LANGUAGES.len()];
        let at = LANGUAGES.iter().position(|e| e.0 == self).expect("every language has an entry");
        PATTERNS[at].get_or_init(|| {
            let patterns = Patterns::new(&self.grammar(), self.entry().3)
                .unwrap_or_else(|e| panic!("the built-in {:?} patterns do not read: {e:#}", self));
            let index = |name| patterns.capture_index(name).expect("every language captures @name and @value");
            Compiled { name: index("name"), value: index("value"), patterns }
        })
    }
}

struct Compiled {
    patterns: Patterns,
    name: usize,
    value: usize,
}

/// Which syntax rules a file is worth parsing for. Their keywords (`token`, `secret` ...) are
/// searched in the scanner's one keyword pass, as a group of their own (see
/// [`super::keywords::KeywordIndex::grouped`]); each hit is judged here.
pub struct SyntaxGate {
    /// Per rule of the scanner, is it a syntax rule?
    is_syntax: Vec<bool>,
    /// Per language name a rule gives (`typescript`), its rules, so a file's are found without
    /// visiting every rule.
    by_language: Vec<(String, Vec<usize>)>,
    /// The lowest entropy floor of the syntax rules: a literal below it (scaled for hex, the
    /// lowest-scaled alphabet) cannot be reported, so it is no reason to parse.
    min_entropy: f64,
}

impl SyntaxGate {
    /// `languages` is every rule's `syntax` value, by rule index; `min_entropy` the lowest
    /// entropy floor of the syntax rules.
    pub fn new(languages: Vec<Option<String>>, min_entropy: f64) -> SyntaxGate {
        let mut by_language: Vec<(String, Vec<usize>)> = Vec::new();
        for (r, name) in languages.iter().enumerate() {
            let Some(name) = name else { continue };
            match by_language.iter_mut().find(|(n, _)| n == name) {
                Some((_, rules)) => rules.push(r),
                None => by_language.push((name.clone(), vec![r])),
            }
        }
        SyntaxGate {
            is_syntax: languages.iter().map(Option::is_some).collect(),
            by_language,
            min_entropy: min_entropy * crate::secrets::filter::HEX_FLOOR_SCALE,
        }
    }

    /// Is rule `r` a syntax rule?
    pub fn is_syntax_rule(&self, r: usize) -> bool {
        self.is_syntax[r]
    }

    /// Set `out` to the syntax rules that may run on `text`, a file of `lang`: those of its
    /// language, none when the file is too large to parse or says it is generated.
    pub fn rules_for(&self, text: &[u8], lang: Language, out: &mut Vec<usize>) {
        out.clear();
        let Some((_, rules)) = self.by_language.iter().find(|(name, _)| name == lang.name()) else { return };
        if text.len() <= MAX_PARSE_BYTES && !is_generated(text) {
            out.extend_from_slice(rules);
        }
    }

    /// Is the keyword of syntax rule `r` at `text[start..end]` a reason to parse the file (of
    /// `lang`) for it? Only if it is part of a credential's name followed by a literal the
    /// rule could report: the rule scans the file (`judge(r, None)`; rules skip test files)
    /// and would keep the literal (`judge(r, Some(sighting))`). Parsing a file to find only
    /// literals its rules would then drop (a word, a path, a placeholder, a Rust lifetime taken
    /// for an unclosed quote) was most of what the syntax rules cost. The cheap tests come
    /// first: judging compiles the rule's patterns, which a pre-commit run over files with no
    /// candidate must not pay for.
    pub fn worth_parsing_for(
        &self,
        text: &[u8],
        start: usize,
        end: usize,
        lang: Language,
        r: usize,
        judge: &Judge,
    ) -> bool {
        let reports = |start: usize, end: usize, whole: bool| {
            (!whole || plausible(&text[start..end], self.min_entropy))
                && judge(r, None)
                && judge(r, Some(Sighting { text, start, end, whole }))
        };
        names::may_name_a_secret(text, start, end) && worth_parsing(text, end, lang, &reports)
    }
}

/// The scanner's verdict on a syntax rule, for [`SyntaxGate`].
pub type Judge<'a> = dyn Fn(usize, Option<Sighting>) -> bool + 'a;

/// A literal the gate saw after a secret name: its text is `text[start..end]`, or, when it
/// does not close on its line (`whole` false), begins with it: its first line, line break
/// included. Of such a literal only what holds for any continuation can be judged (a rule's
/// allowlists: the line break alone is whitespace, which the built-in rules never report).
#[derive(Debug, Clone, Copy)]
pub struct Sighting<'t> {
    pub text: &'t [u8],
    pub start: usize,
    pub end: usize,
    pub whole: bool,
}

/// Does the file say it is generated (`automatically generated by rust-bindgen`, Go's `Code
/// generated ... DO NOT EDIT.`, protobuf's `Generated by the protocol buffer compiler`)? Its
/// literals were written by a tool, not by someone pasting a credential.
fn is_generated(text: &[u8]) -> bool {
    let head = text[..text.len().min(GENERATED_HEAD)].to_ascii_lowercase();
    let has = |needle: &[u8]| memchr::memmem::find(&head, needle).is_some();
    has(b"automatically generated") || has(b"do not edit") || has(b"generated by the protoc") || has(b"@generated")
}

/// Could the keyword that ends at `hit_end` be part of a name a literal is stored under? Only
/// if the name (the rest of the identifier, and a closing quote or bracket of a key) is followed
/// by `=`, `:`, `=>`, `,`, Kotlin's `to`, a declared type and `=`, or (in Java and Kotlin) a call's `(`,
/// and then a quote on the same line (in shell, `=` is enough: values may be bare words); or by `()` and a `return` of
/// a literal soon after. A
/// cheap test that keeps files that only mention `token` in code (`TokenStream`, `tokens:
/// &mut Vec<Token>`, `next_token()`) from being parsed.
fn worth_parsing(text: &[u8], hit_end: usize, lang: Language, reports: &Reports) -> bool {
    let reach = text.len().min(hit_end + QUOTE_REACH);
    let mut at = hit_end;
    at += text[at..reach].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
    at += text[at..reach].iter().take_while(|b| matches!(b, b'"' | b'\'' | b'`' | b']')).count();
    at += text[at..reach].iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
    let line_end = memchr::memchr(b'\n', &text[at..reach]).map_or(reach, |i| at + i);
    let quote_in = |from: usize, to: usize| reportable_literal_in(text, from, to, reports);
    match &text[at..reach] {
        [b'=', b'=', ..] | [b':', b':', ..] => false,
        [b'=', tail @ ..] if lang == Language::Shell => match tail.first() {
            Some(b'"' | b'\'') => quote_in(at + 1, reach),
            _ => {
                let word = tail.iter().take_while(|b| !b.is_ascii_whitespace() && **b != b';').count();
                reports(at + 1, at + 1 + word, true)
            }
        },
        [b'=' | b':' | b',', ..] => quote_in(at + 1, line_end),
        [b't', b'o', b' ', ..] => quote_in(at + 3, line_end),
        // A Java or Kotlin setter or builder step: `.password("…")`, `.apiKey("…")`.
        [b'(', ..] if matches!(lang, Language::Java | Language::Kotlin) => quote_in(at + 1, line_end),
        [b'(', b')', tail @ ..] => memchr::memmem::find_iter(tail, b"return").any(|i| {
            tail[i + 6..].iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| matches!(b, b'"' | b'\'' | b'`'))
        }),
        // A declared type between the name and the value: `Password string = "…"` (Go),
        // `ApiKey { get; set; } = "…"` (C#).
        [b'a'..=b'z' | b'A'..=b'Z' | b'{', ..] => text[at..line_end]
            .iter()
            .position(|&b| b == b'=')
            .is_some_and(|i| text.get(at + i + 1) != Some(&b'=') && quote_in(at + i, line_end)),
        _ => false,
    }
}

/// A rule's verdict on a literal by its offsets, and whether they hold all of it (see
/// [`Sighting`]).
type Reports<'a> = dyn Fn(usize, usize, bool) -> bool + 'a;

/// Is there, among the quoted strings of `text[from..to]`, one a syntax rule could report? A
/// string that does not close in the range is judged by its beginning (see [`Sighting`]); one
/// that holds escapes is given the benefit of the doubt: the parser decides.
fn reportable_literal_in(text: &[u8], from: usize, to: usize, reports: &Reports) -> bool {
    let mut at = from;
    while let Some(open) = text[at..to].iter().position(|b| matches!(b, b'"' | b'\'' | b'`')) {
        let quote = text[at + open];
        // Past a run of the same quote (`"""` in Python and Kotlin).
        let start = at + open + text[at + open..to].iter().take_while(|&&b| b == quote).count();
        let Some(len) = text[start..to].iter().position(|&b| b == quote) else {
            let first_line_end = if text.get(to) == Some(&b'\n') { to + 1 } else { to };
            return reports(start, first_line_end, false);
        };
        if text[start..start + len].contains(&b'\\') || reports(start, start + len, true) {
            return true;
        }
        at = start + len + 1;
        if at >= to {
            break;
        }
    }
    false
}

/// Could `value` be what a syntax rule reports? Its text must be 8 to 256 visible characters
/// with no space (the rules' regex) and not below `min_entropy`: a cheap test before the rule's
/// own.
fn plausible(value: &[u8], min_entropy: f64) -> bool {
    (MIN_LITERAL..=MAX_LITERAL).contains(&value.len())
        && value.iter().all(|b| (b'!'..=b'~').contains(b))
        && crate::secrets::filter::shannon_entropy(value) >= min_entropy
}

/// Per-thread parser, reused across files.
#[derive(Default)]
pub struct SyntaxScratch {
    parser: Option<Parser>,
}

/// Byte spans of the text of every literal stored under a secret name in `text`, a file of
/// `lang`, in file order. Empty when the file is too large or cannot be parsed at all.
pub fn secret_literals(scratch: &mut SyntaxScratch, lang: Language, text: &[u8]) -> Vec<(usize, usize)> {
    if text.len() > MAX_PARSE_BYTES {
        return Vec::new();
    }
    let parser = scratch.parser.get_or_insert_with(Parser::new);
    if parser.set_language(&lang.grammar()).is_err() {
        return Vec::new();
    }
    let Some(tree) = parser.parse(text, None) else {
        return Vec::new();
    };
    let compiled = lang.patterns();
    let mut spans = Vec::new();
    compiled.patterns.for_each_match(tree.root_node(), text, |captures| {
        let node = |index| captures.iter().find(|c| c.0 == index).map(|c| c.1);
        let (Some(name), Some(value)) = (node(compiled.name), node(compiled.value)) else {
            return;
        };
        if value.has_error()
            || !names::is_secret_name(&text[name.start_byte()..name.end_byte()])
            || in_test_scope(value, text)
        {
            return;
        }
        if let Some(span) = literal::text_span(value, text) {
            spans.push(span);
        }
    });
    spans.sort_unstable();
    spans.dedup();
    spans
}

/// Is `node` inside a function, class or module whose name says it is a test (`test_login`,
/// `TestClient`, Rust's `mod tests`, `login_test`)? Test suites are full of sample credentials,
/// and a test file is not always in a test directory.
fn in_test_scope(node: tree_sitter::Node, text: &[u8]) -> bool {
    let mut scope = node.parent();
    while let Some(n) = scope {
        if let Some(name) = n.child_by_field_name("name")
            && name.end_byte() - name.start_byte() <= 128
        {
            let name = &text[name.start_byte()..name.end_byte()];
            let lower = name.to_ascii_lowercase();
            if lower.starts_with(b"test")
                || lower.ends_with(b"_test")
                || lower.ends_with(b"_tests")
                || name.ends_with(b"Test")
            {
                return true;
            }
        }
        scope = n.parent();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_languages_patterns_read() {
        for &(lang, ..) in LANGUAGES {
            lang.patterns();
        }
    }

    #[test]
    fn parse_only_where_a_literal_may_follow_the_name() {
        let worth = |line: &str, lang| {
            let end = line.find('|').expect("the test marks the keyword end with |");
            let text = line.replace('|', "");
            let floor = 2.8 * crate::secrets::filter::HEX_FLOOR_SCALE;
            // As the built-in rules judge: an unclosed literal that spans lines holds whitespace.
            let literal = |s: usize, e: usize| &text.as_bytes()[s..e];
            worth_parsing(text.as_bytes(), end, lang, &|s, e, whole| {
                if whole { plausible(literal(s, e), floor) } else { !literal(s, e).contains(&b'\n') }
            })
        };
        for (line, lang) in [
            ("db_pass|word = \"Gv7T6#GLBPcpbXq2\"", Language::Python),
            ("API_TOKEN|: &str = \"Gv7T6#GLBPcpbXq2\";", Language::Rust),
            ("put(\"secret|\", \"Gv7T6#GLBPcpbXq2\")", Language::Java),
            ("\"token|\" to \"Gv7T6#GLBPcpbXq2\"", Language::Kotlin),
            ("Password| string = \"Gv7T6#GLBPcpbXq2\"", Language::Go),
            ("ApiKey| { get; set; } = \"Gv7T6#GLBPcpbXq2\";", Language::CSharp),
            ("local master_key|=Gv7T6GLBPcpbXq2", Language::Shell),
            ("def api_key|():\n    return \"Gv7T6#GLBPcpbXq2\"", Language::Python),
            // Unclosed at the end of the text: judged by its beginning, so the parser decides.
            ("token| = \"Gv7T6#GLBPcpbXq2", Language::JavaScript),
        ] {
            assert!(worth(line, lang), "{line}");
        }
        for (line, lang) in [
            ("fn to_token|s(&self, tokens: &mut TokenStream) {", Language::Rust),
            ("Token|::Literal(\"x\")", Language::Rust),
            ("if token| == \"x\" {", Language::Go),
            ("token|s.push(x); // \"quoted\"", Language::Rust),
            ("let token| = next();", Language::Rust),
            ("SECRET|=x", Language::Python),
            // Values no syntax rule reports: too short, spaced, low entropy.
            ("api_key| = \"abc\"", Language::Python),
            ("secret| = \"not a real value\"", Language::Python),
            ("token| = \"aaaaaaaaaaaa\"", Language::Python),
            ("local master_key|=short", Language::Shell),
            // Not literals: a Rust lifetime, a string the keyword is inside of, a docstring.
            ("password|: Option<Password<'authority>>,\n}", Language::Rust),
            ("\"unexpected token|, expected `)`\",\n", Language::Rust),
            ("password| = \"\"\"\nGv7T6#GLBPcpbXq2\n\"\"\"", Language::Python),
        ] {
            assert!(!worth(line, lang), "{line}");
        }
    }

    #[test]
    fn generated_files_are_not_parsed() {
        assert!(is_generated(b"/* automatically generated by rust-bindgen 0.73.2 */\nconst X: &str = \"y\";"));
        assert!(is_generated(b"// Code generated by protoc-gen-go. DO NOT EDIT.\npackage x"));
        assert!(!is_generated(b"package config\n\nconst Password string = \"x\""));
    }

    #[test]
    fn languages_from_paths() {
        assert_eq!(Language::of_path("src/app/settings.py"), Some(Language::Python));
        assert_eq!(Language::of_path("web/App.TSX"), Some(Language::Tsx));
        assert_eq!(Language::of_path("deploy.sh"), Some(Language::Shell));
        assert_eq!(Language::of_path("README"), None);
        assert_eq!(Language::of_path("notes.txt"), None);
    }
}
