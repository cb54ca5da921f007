//! A small Groovy reader, enough for Jenkins pipelines: it finds *calls* — `sh 'make'`,
//! `stage('Build') { ... }`, `withEnv(["A=b"]) { ... }`, `docker.image('x').inside { ... }`,
//! `K = credentials('id')` — with their string-literal arguments, named arguments and closure
//! bodies, each with its exact byte range. It is no Groovy parser (no maintained tree-sitter
//! Groovy grammar builds with our tree-sitter): expressions it does not understand are skipped
//! up to the next separator, which is all a pipeline checker needs.
//!
//! A file is broken only when a string or comment never ends; unbalanced brackets are
//! tolerated. The tokens come from [`lex`], the call tree from [`calls`].

use super::ParseError;
use crate::model::Region;

/// One token, with its byte range.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A name, dotted parts joined (`docker.image`, `env.BRANCH`).
    Ident(String),
    /// A string literal's value (escapes resolved, `${...}` kept as written) and the byte
    /// offset of its content (after the opening quotes).
    Str {
        value: String,
        content: usize,
    },
    Punct(u8),
    /// Numbers and any other character.
    Other,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
    /// A line break lies between this token and the previous one.
    newline_before: bool,
}

/// An argument of a call.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A string literal: its value, byte range (quotes included) and content offset.
    Str { value: String, start: usize, end: usize, content: usize },
    /// `key: value`, with the byte range of the whole pair.
    Named { key: String, value: Box<Arg>, start: usize, end: usize },
    /// A nested call (`credentials('id')`, `usernamePassword(...)`).
    Call(Call),
    /// A list literal `[...]`.
    List(Vec<Arg>),
    /// A closure `{ ... }`.
    Closure(Vec<Call>),
    /// Anything else (a variable, a number, an expression).
    Other { start: usize, end: usize, text: String },
}

/// One call: `name args... { body }`. `K = value` is a call named `K` with `assign` set.
#[derive(Debug, Clone)]
pub struct Call {
    pub name: String,
    /// From the name to the end of the arguments (not the body).
    pub start: usize,
    pub end: usize,
    pub args: Vec<Arg>,
    pub body: Option<Vec<Call>>,
    pub assign: bool,
}

/// Read `text` into its top-level calls.
pub fn calls(text: &[u8]) -> Result<Vec<Call>, ParseError> {
    let text = std::str::from_utf8(text).map_err(|_| ParseError::new(None, "not UTF-8 text"))?;
    let tokens = lex(text)?;
    let mut parser = Parser { toks: &tokens, i: 0, text, depth: 0 };
    Ok(parser.block())
}

/// Byte offsets to 1-based lines and code-point columns (end exclusive), as regions need.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a [u8]) -> Lines<'a> {
        let text = std::str::from_utf8(text).unwrap_or("");
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { text, starts }
    }

    fn pos(&self, at: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= at) - 1;
        let from = self.starts[line];
        let col = self.text.get(from..at).map(|s| s.chars().count()).unwrap_or(0);
        (line as u32 + 1, col as u32 + 1)
    }

    pub fn region(&self, start: usize, end: usize) -> Region {
        let (start_line, start_column) = self.pos(start);
        let (end_line, end_column) = self.pos(end);
        Region { start_line, start_column, end_line, end_column }
    }
}

fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let b = text.as_bytes();
    let line_of = |at: usize| Some(b[..at].iter().filter(|&&c| c == b'\n').count() as u32 + 1);
    let mut out = Vec::new();
    let mut i = 0;
    let mut newline = true;
    if text.starts_with("#!") {
        i = text.find('\n').unwrap_or(text.len());
    }
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            newline = true;
            i += 1;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else if text[i..].starts_with("//") {
            i = text[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if text[i..].starts_with("/*") {
            let end = text[i + 2..].find("*/").ok_or_else(|| ParseError::new(line_of(i), "unterminated comment"))?;
            newline |= text[i..i + 2 + end].contains('\n');
            i += end + 4;
        } else if c == b'\'' || c == b'"' {
            let triple = b.len() >= i + 3 && b[i + 1] == c && b[i + 2] == c;
            let open = if triple { 3 } else { 1 };
            let (value, end) =
                string(text, i + open, c, triple).ok_or_else(|| ParseError::new(line_of(i), "unterminated string"))?;
            out.push(Token { tok: Tok::Str { value, content: i + open }, start: i, end, newline_before: newline });
            newline = false;
            i = end;
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let mut j = i;
            while j < b.len()
                && (b[j].is_ascii_alphanumeric()
                    || b[j] == b'_'
                    || b[j] == b'$'
                    || (b[j] == b'.' && j + 1 < b.len() && (b[j + 1].is_ascii_alphabetic() || b[j + 1] == b'_')))
            {
                j += 1;
            }
            out.push(Token { tok: Tok::Ident(text[i..j].to_string()), start: i, end: j, newline_before: newline });
            newline = false;
            i = j;
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            let tok = if c.is_ascii_punctuation() { Tok::Punct(c) } else { Tok::Other };
            out.push(Token { tok, start: i, end: i + len, newline_before: newline });
            newline = false;
            i += len;
        }
    }
    Ok(out)
}

/// The value of a string literal whose content starts at `from`, and the offset after its
/// closing quotes. `${...}` in double-quoted strings is kept as written, nested quotes and all.
fn string(text: &str, from: usize, quote: u8, triple: bool) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let mut value = String::new();
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if c == quote && (!triple || (b.len() >= i + 3 && b[i + 1] == quote && b[i + 2] == quote)) {
            return Some((value, i + if triple { 3 } else { 1 }));
        }
        if c == b'\n' && !triple {
            return None;
        }
        if c == b'\\' && i + 1 < b.len() {
            let (ch, len) = match b[i + 1] {
                b'n' => ('\n', 1),
                b't' => ('\t', 1),
                b'\n' => {
                    i += 2;
                    continue;
                }
                _ => (text[i + 1..].chars().next()?, text[i + 1..].chars().next()?.len_utf8()),
            };
            value.push(ch);
            i += 1 + len;
            continue;
        }
        if quote == b'"' && c == b'$' && b.get(i + 1) == Some(&b'{') {
            let end = interpolation_end(b, i + 2)?;
            value.push_str(&text[i..end]);
            i = end;
            continue;
        }
        let ch = text[i..].chars().next()?;
        value.push(ch);
        i += ch.len_utf8();
    }
    None
}

/// The offset after the `}` closing an interpolation whose body starts at `from`.
fn interpolation_end(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1;
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), b'\\') => i += 1,
            (Some(_), _) => {}
            (None, c @ (b'\'' | b'"')) => quote = Some(c),
            (None, b'{') => depth += 1,
            (None, b'}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

struct Parser<'t> {
    toks: &'t [Token],
    i: usize,
    text: &'t str,
    depth: usize,
}

/// Deepest closure nesting read; deeper bodies are skipped (a hostile file cannot overflow).
const MAX_DEPTH: usize = 100;

impl<'t> Parser<'t> {
    fn peek(&self, ahead: usize) -> Option<&'t Token> {
        self.toks.get(self.i + ahead)
    }

    fn is_punct(&self, ahead: usize, c: u8) -> bool {
        matches!(self.peek(ahead), Some(Token { tok: Tok::Punct(p), .. }) if *p == c)
    }

    fn last_end(&self) -> usize {
        self.toks[self.i.saturating_sub(1).min(self.toks.len() - 1)].end
    }

    /// Statements up to the closing `}` (consumed) or the end.
    fn block(&mut self) -> Vec<Call> {
        let mut out = Vec::new();
        self.depth += 1;
        while let Some(t) = self.peek(0) {
            match &t.tok {
                Tok::Punct(b'}') => {
                    self.i += 1;
                    break;
                }
                Tok::Punct(b'{') => {
                    self.i += 1;
                    let body = self.body();
                    out.extend(body);
                }
                Tok::Ident(name) if matches!(name.as_str(), "def" | "final" | "return" | "new") => self.i += 1,
                Tok::Ident(_) => {
                    if let Some(call) = self.call() {
                        out.push(call);
                    }
                }
                _ => self.i += 1,
            }
        }
        self.depth -= 1;
        out
    }

    /// A closure body after its `{`.
    fn body(&mut self) -> Vec<Call> {
        if self.depth < MAX_DEPTH {
            return self.block();
        }
        let mut depth = 1;
        while let Some(t) = self.peek(0) {
            self.i += 1;
            match t.tok {
                Tok::Punct(b'{') => depth += 1,
                Tok::Punct(b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        Vec::new()
    }

    /// A call at an identifier (the parser is on it).
    fn call(&mut self) -> Option<Call> {
        let t = &self.toks[self.i];
        let Tok::Ident(name) = &t.tok else { return None };
        let (name, start) = (name.clone(), t.start);
        self.i += 1;
        let mut call = Call { name, start, end: t.end, args: Vec::new(), body: None, assign: false };
        if self.is_punct(0, b'(') {
            self.i += 1;
            call.args = self.args(Some(b')'));
            call.end = self.last_end();
        } else if self.is_punct(0, b'=') && !self.is_punct(1, b'=') {
            self.i += 1;
            call.assign = true;
            call.args = self.expr(None).into_iter().collect();
            call.end = self.last_end();
            return Some(call);
        } else if self.starts_command_arg() {
            call.args = self.args(None);
            call.end = self.last_end();
        }
        if self.is_punct(0, b'{') {
            self.i += 1;
            call.body = Some(self.body());
        }
        Some(call)
    }

    /// Does a command-style argument (`sh 'x'`, `agent any`) start here, on the same line?
    fn starts_command_arg(&self) -> bool {
        match self.peek(0) {
            Some(t) if !t.newline_before => {
                matches!(t.tok, Tok::Str { .. } | Tok::Ident(_)) || matches!(t.tok, Tok::Punct(b'['))
            }
            _ => false,
        }
    }

    /// Comma-separated arguments up to `close` (consumed), or for a command-style call up to
    /// the end of the line (a trailing comma continues it) or a `{`/`}`/`;`.
    fn args(&mut self, close: Option<u8>) -> Vec<Arg> {
        let mut out = Vec::new();
        let mut after_comma = false;
        while let Some(t) = self.peek(0) {
            if let (Some(c), Tok::Punct(p)) = (close, &t.tok)
                && *p == c
            {
                self.i += 1;
                break;
            }
            if close.is_none() {
                let line_ended = !out.is_empty() && t.newline_before && !after_comma;
                if line_ended || matches!(t.tok, Tok::Punct(b'{' | b'}' | b';')) {
                    break;
                }
            }
            let before = self.i;
            if let Some(arg) = self.arg(close) {
                out.push(arg);
            }
            after_comma = self.is_punct(0, b',');
            if after_comma {
                self.i += 1;
            } else if close.is_none() {
                break;
            } else if self.i == before {
                // A stray token (`)` inside `[...]`): step over it.
                self.i += 1;
            }
        }
        out
    }

    /// One argument: `key: value` or an expression.
    fn arg(&mut self, close: Option<u8>) -> Option<Arg> {
        let t = self.peek(0)?;
        let key = match &t.tok {
            Tok::Ident(k) | Tok::Str { value: k, .. } if self.is_punct(1, b':') => Some(k.clone()),
            _ => None,
        };
        if let Some(key) = key {
            let start = t.start;
            self.i += 2;
            let value = self.expr(close)?;
            return Some(Arg::Named { key, value: Box::new(value), start, end: self.last_end() });
        }
        self.expr(close)
    }

    /// A primary value, then anything up to the next separator at this depth skipped.
    fn expr(&mut self, close: Option<u8>) -> Option<Arg> {
        let t = self.peek(0)?;
        let value = match &t.tok {
            Tok::Str { value, content } => {
                self.i += 1;
                Some(Arg::Str { value: value.clone(), start: t.start, end: t.end, content: *content })
            }
            Tok::Punct(b'[') => {
                self.i += 1;
                Some(Arg::List(self.args(Some(b']'))))
            }
            Tok::Punct(b'{') => {
                self.i += 1;
                Some(Arg::Closure(self.body()))
            }
            Tok::Ident(_) if self.is_punct(1, b'(') || self.is_punct(1, b'{') => self.call().map(Arg::Call),
            _ => None,
        };
        let from = t.start;
        let skipped = self.skip_rest(close);
        match value {
            Some(v) if !skipped => Some(v),
            _ => Some(Arg::Other {
                start: from,
                end: self.last_end(),
                text: self.text[from..self.last_end().max(from)].to_string(),
            }),
        }
    }

    /// Skip the rest of an expression; whether anything was skipped.
    fn skip_rest(&mut self, close: Option<u8>) -> bool {
        let mut depth = 0usize;
        let mut skipped = false;
        while let Some(t) = self.peek(0) {
            match t.tok {
                Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
                Tok::Punct(b')' | b']' | b'}') => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                Tok::Punct(b',' | b';') if depth == 0 => break,
                _ if depth == 0 && close.is_none() && t.newline_before => break,
                _ => {}
            }
            self.i += 1;
            skipped = true;
        }
        skipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(calls: &[Call]) -> Vec<String> {
        calls.iter().map(|c| c.name.clone()).collect()
    }

    #[test]
    fn declarative_pipeline_calls() {
        let src = "#!groovy\npipeline {\n  agent any\n  environment {\n    K = 'v' // c\n    T = credentials('tok')\n  }\n  stages {\n    stage('Build') {\n      steps {\n        sh \"\"\"\n          make ${env.X ?: \"a\"}\n        \"\"\"\n        sh(script: 'ls', returnStdout: true)\n      }\n    }\n  }\n}\n";
        let top = calls(src.as_bytes()).unwrap();
        assert_eq!(names(&top), vec!["pipeline"]);
        let body = top[0].body.as_ref().unwrap();
        assert_eq!(names(body), vec!["agent", "environment", "stages"]);
        let env = body[1].body.as_ref().unwrap();
        assert!(env[0].assign && matches!(&env[0].args[0], Arg::Str { value, .. } if value == "v"));
        assert!(matches!(&env[1].args[0], Arg::Call(c) if c.name == "credentials"));
        let stage = &body[2].body.as_ref().unwrap()[0];
        assert!(matches!(&stage.args[0], Arg::Str { value, .. } if value == "Build"));
        let steps = stage.body.as_ref().unwrap()[0].body.as_ref().unwrap();
        assert_eq!(names(steps), vec!["sh", "sh"]);
        assert!(matches!(&steps[0].args[0], Arg::Str { value, .. } if value.contains("make ${env.X ?: \"a\"}")));
        assert!(matches!(&steps[1].args[0], Arg::Named { key, .. } if key == "script"));
        let lines = Lines::new(src.as_bytes());
        let r = lines.region(steps[1].start, steps[1].end);
        assert_eq!((r.start_line, r.start_column, r.end_column), (14, 9, 45));
    }

    #[test]
    fn broken_strings_are_errors() {
        assert_eq!(calls(b"sh 'abc\n").unwrap_err().line, Some(1));
        assert!(calls(b"x = \"\"\"never").is_err());
        assert!(calls(b"node { sh 'a' ").is_ok());
    }
}
