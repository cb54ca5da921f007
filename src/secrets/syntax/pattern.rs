//! The syntax rules' patterns: the subset of tree-sitter's query language that
//! `queries/<language>.scm` uses, matched by walking the parsed tree.
//!
//! Why not `tree_sitter::Query`: compiling a query analyses every pattern against the
//! grammar's whole parse table, which costs 3–50 ms per language (Ruby's three `assignment`
//! patterns alone ~25 ms). A pre-commit hook that touches one Ruby file paid that on every
//! commit. These patterns are small and rooted at a known node kind, so matching them by hand
//! costs nothing up front and about as much per file as the query cursor.
//!
//! The subset, with tree-sitter's meaning (the tests hold it to `tree_sitter::Query` on every
//! language's examples):
//! - `(kind child…)`: a named node of that kind whose *named* children match the child
//!   patterns in order (others may come between); `(_)` is any named node;
//! - `field: pattern`: the child must be in that field;
//! - `[alt…]`: any one alternative;
//! - `.` anchors: before the first child, it must be the first named child; between two,
//!   they must be adjacent named siblings; after the last, it must be the last named child;
//! - `@capture` after a pattern, and `(#eq? @capture "text")` / `(#match? @capture "regex")`
//!   predicates on the captured text, inside the pattern or beside it in a `((…) (#…))` group.
//!
//! Anything else (quantifiers, negated fields, anonymous `"…"` nodes) is refused when the
//! pattern is read, like an unknown node kind or field name, so a rule cannot silently match
//! less than it says.

use anyhow::{Result, bail};
use regex::bytes::Regex;
use tree_sitter::{Language, Node};

/// Every pattern of one language's query, ready to match.
pub struct Patterns {
    patterns: Vec<Pattern>,
    /// Pattern indexes by the kind id of the node they are rooted at (every named id with the
    /// pattern's kind name: an array index per node of the walk, not a string hash).
    by_root: Vec<Vec<usize>>,
    captures: Vec<String>,
}

/// One way a pattern matched: (capture index, node) pairs.
pub type Captures<'t> = Vec<(usize, Node<'t>)>;

struct Pattern {
    root: Step,
    predicates: Vec<Predicate>,
}

/// A pattern for one node (or an alternation of them), as a child of its parent when `field`
/// is set.
struct Step {
    field: Option<String>,
    what: What,
    capture: Option<usize>,
}

enum What {
    /// A named node of this kind (`None`: any named node), with its child patterns.
    Node {
        kind: Option<String>,
        children: Vec<Child>,
        anchored_end: bool,
    },
    Alternatives(Vec<Step>),
}

struct Child {
    step: Step,
    /// `.` before it: the first named child, or right after the previous child's match.
    anchored: bool,
}

enum Predicate {
    Eq(usize, Vec<u8>),
    Match(usize, Regex),
}

impl Patterns {
    /// Read `source` (a query in the subset above) for `language`.
    pub fn new(language: &Language, source: &str) -> Result<Patterns> {
        let mut reader = Reader { tokens: tokenize(source)?, at: 0, language, captures: Vec::new() };
        let mut patterns = Vec::new();
        while reader.peek().is_some() {
            patterns.push(reader.pattern()?);
        }
        let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); language.node_kind_count()];
        for (i, p) in patterns.iter().enumerate() {
            let What::Node { kind: Some(kind), .. } = &p.root.what else {
                bail!("a pattern must start with a node of a named kind");
            };
            for (id, roots) in by_root.iter_mut().enumerate() {
                let id = u16::try_from(id)?;
                if language.node_kind_is_named(id) && language.node_kind_for_id(id) == Some(kind.as_str()) {
                    roots.push(i);
                }
            }
        }
        Ok(Patterns { patterns, by_root, captures: reader.captures })
    }

    /// The index of the capture `@name`, if a pattern has it.
    pub fn capture_index(&self, name: &str) -> Option<usize> {
        self.captures.iter().position(|c| c == name)
    }

    /// Call `found` with every match of every pattern in the tree under `root`, outer nodes
    /// first.
    pub fn for_each_match<'t>(&self, root: Node<'t>, text: &[u8], mut found: impl FnMut(&Captures<'t>)) {
        let mut cursor = root.walk();
        loop {
            let node = cursor.node();
            if let Some(candidates) = self.by_root.get(usize::from(node.kind_id())) {
                for &i in candidates {
                    let pattern = &self.patterns[i];
                    for captures in matches(&pattern.root, node) {
                        if pattern.predicates.iter().all(|p| p.holds(&captures, text)) {
                            found(&captures);
                        }
                    }
                }
            }
            if cursor.goto_first_child() || cursor.goto_next_sibling() {
                continue;
            }
            loop {
                if !cursor.goto_parent() {
                    return;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
            }
        }
    }
}

impl Predicate {
    fn holds(&self, captures: &Captures, text: &[u8]) -> bool {
        let capture = match self {
            Predicate::Eq(c, _) | Predicate::Match(c, _) => *c,
        };
        captures.iter().filter(|(c, _)| *c == capture).all(|(_, n)| {
            let captured = &text[n.start_byte()..n.end_byte()];
            match self {
                Predicate::Eq(_, want) => captured == want.as_slice(),
                Predicate::Match(_, re) => re.is_match(captured),
            }
        })
    }
}

/// Every way `step` matches `node` (ignoring its field, which the parent checks).
fn matches<'t>(step: &Step, node: Node<'t>) -> Vec<Captures<'t>> {
    let mut found = match &step.what {
        What::Alternatives(alternatives) => alternatives.iter().flat_map(|a| matches(a, node)).collect(),
        What::Node { kind, children, anchored_end } => {
            if !node.is_named() || kind.as_deref().is_some_and(|k| k != node.kind()) {
                return Vec::new();
            }
            if children.is_empty() {
                vec![Vec::new()]
            } else {
                let mut cursor = node.walk();
                let mut named = Vec::new();
                if cursor.goto_first_child() {
                    loop {
                        if cursor.node().is_named() {
                            named.push((cursor.node(), cursor.field_name()));
                        }
                        if !cursor.goto_next_sibling() {
                            break;
                        }
                    }
                }
                let mut out = Vec::new();
                sequence(children, *anchored_end, &named, 0, None, Vec::new(), &mut out);
                out
            }
        }
    };
    if let Some(capture) = step.capture {
        found.iter_mut().for_each(|c| c.insert(0, (capture, node)));
    }
    found
}

/// Match `children[0..]` against the named children `named`, the previous child pattern
/// having matched at `previous`; push each complete way (with `so_far`) to `out`.
fn sequence<'t>(
    children: &[Child],
    anchored_end: bool,
    named: &[(Node<'t>, Option<&str>)],
    from: usize,
    previous: Option<usize>,
    so_far: Captures<'t>,
    out: &mut Vec<Captures<'t>>,
) {
    let Some((child, rest)) = children.split_first() else {
        if !anchored_end || previous.is_some_and(|p| p + 1 == named.len()) {
            out.push(so_far);
        }
        return;
    };
    let candidates = if child.anchored { from..(from + 1).min(named.len()) } else { from..named.len() };
    for at in candidates {
        let (node, field) = named[at];
        if child.step.field.as_deref().is_some_and(|f| Some(f) != field) {
            continue;
        }
        for captures in matches(&child.step, node) {
            let mut next = so_far.clone();
            next.extend(captures);
            sequence(rest, anchored_end, named, at + 1, Some(at), next, out);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    OpenAlt,
    CloseAlt,
    Anchor,
    Field(String),
    Capture(String),
    Word(String),
    Predicate(String),
    Str(String),
}

fn tokenize(source: &str) -> Result<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    let word_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '?' || c == '-';
    while let Some((at, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            ';' => while chars.next_if(|&(_, c)| c != '\n').is_some() {},
            '(' => tokens.push(Token::Open),
            ')' => tokens.push(Token::Close),
            '[' => tokens.push(Token::OpenAlt),
            ']' => tokens.push(Token::CloseAlt),
            '.' => tokens.push(Token::Anchor),
            '"' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.next() {
                            Some((_, 'n')) => text.push('\n'),
                            Some((_, other)) => text.push(other),
                            None => bail!("unterminated string"),
                        },
                        Some((_, other)) => text.push(other),
                        None => bail!("unterminated string"),
                    }
                }
                tokens.push(Token::Str(text));
            }
            '@' | '#' | '_' | 'a'..='z' | 'A'..='Z' => {
                let mut word = String::new();
                if c != '@' && c != '#' {
                    word.push(c);
                }
                while let Some((_, c)) = chars.next_if(|&(_, c)| word_char(c)) {
                    word.push(c);
                }
                tokens.push(match c {
                    '@' => Token::Capture(word),
                    '#' => Token::Predicate(word),
                    _ if chars.next_if(|&(_, c)| c == ':').is_some() => Token::Field(word),
                    _ => Token::Word(word),
                });
            }
            other => bail!("unsupported `{other}` at byte {at} (the patterns use a subset of tree-sitter queries)"),
        }
    }
    Ok(tokens)
}

struct Reader<'l> {
    tokens: Vec<Token>,
    at: usize,
    language: &'l Language,
    captures: Vec<String>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Result<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token.ok_or_else(|| anyhow::anyhow!("the pattern ends too early"))
    }

    fn expect(&mut self, want: Token) -> Result<()> {
        let got = self.next()?;
        if got != want {
            bail!("expected {want:?}, found {got:?}");
        }
        Ok(())
    }

    /// A top-level pattern: a node, or a `((node) (#predicate…)…)` group.
    fn pattern(&mut self) -> Result<Pattern> {
        let mut predicates = Vec::new();
        if self.tokens.get(self.at..self.at + 2) == Some(&[Token::Open, Token::Open]) {
            self.next()?;
            let root = self.step(None, &mut predicates)?;
            while self.peek() == Some(&Token::Open) {
                self.next()?;
                self.predicate(&mut predicates)?;
            }
            self.expect(Token::Close)?;
            return Ok(Pattern { root, predicates });
        }
        let root = self.step(None, &mut predicates)?;
        Ok(Pattern { root, predicates })
    }

    fn step(&mut self, field: Option<String>, predicates: &mut Vec<Predicate>) -> Result<Step> {
        let what = match self.next()? {
            Token::OpenAlt => {
                let mut alternatives = Vec::new();
                while self.peek() != Some(&Token::CloseAlt) {
                    alternatives.push(self.step(None, predicates)?);
                }
                self.next()?;
                What::Alternatives(alternatives)
            }
            Token::Open => self.node(predicates)?,
            other => bail!("expected a node or `[`, found {other:?}"),
        };
        let capture = match self.peek() {
            Some(Token::Capture(_)) => {
                let Token::Capture(name) = self.next()? else { unreachable!() };
                Some(self.capture(&name))
            }
            _ => None,
        };
        Ok(Step { field, what, capture })
    }

    /// The rest of `(kind children…)` after its `(`.
    fn node(&mut self, predicates: &mut Vec<Predicate>) -> Result<What> {
        let kind = match self.next()? {
            Token::Word(w) if w == "_" => None,
            Token::Word(w) => {
                if self.language.id_for_node_kind(&w, true) == 0 {
                    bail!("no node kind `{w}` in this grammar");
                }
                Some(w)
            }
            other => bail!("expected a node kind, found {other:?}"),
        };
        let (mut children, mut anchored) = (Vec::new(), false);
        loop {
            match self.peek().cloned() {
                Some(Token::Close) => {
                    self.next()?;
                    return Ok(What::Node { kind, children, anchored_end: anchored });
                }
                Some(Token::Anchor) => {
                    self.next()?;
                    anchored = true;
                }
                Some(Token::Open) if matches!(self.tokens.get(self.at + 1), Some(Token::Predicate(_))) => {
                    self.next()?;
                    self.predicate(predicates)?;
                }
                Some(Token::Field(name)) => {
                    self.next()?;
                    if self.language.field_id_for_name(&name).is_none() {
                        bail!("no field `{name}` in this grammar");
                    }
                    children.push(Child { step: self.step(Some(name), predicates)?, anchored });
                    anchored = false;
                }
                Some(_) => {
                    children.push(Child { step: self.step(None, predicates)?, anchored });
                    anchored = false;
                }
                None => bail!("unclosed `(`"),
            }
        }
    }

    /// The rest of `(#eq? @capture "text")` after its `(`.
    fn predicate(&mut self, predicates: &mut Vec<Predicate>) -> Result<()> {
        let Token::Predicate(name) = self.next()? else { bail!("expected a predicate") };
        let Token::Capture(capture) = self.next()? else { bail!("#{name} needs a capture first") };
        let Token::Str(text) = self.next()? else { bail!("#{name} needs a string second") };
        self.expect(Token::Close)?;
        let capture = self.capture(&capture);
        predicates.push(match name.as_str() {
            "eq?" => Predicate::Eq(capture, text.into_bytes()),
            "match?" => Predicate::Match(capture, Regex::new(&text)?),
            other => bail!("unsupported predicate #{other}"),
        });
        Ok(())
    }

    fn capture(&mut self, name: &str) -> usize {
        self.captures.iter().position(|c| c == name).unwrap_or_else(|| {
            self.captures.push(name.to_string());
            self.captures.len() - 1
        })
    }
}

#[cfg(test)]
#[path = "pattern_tests.rs"]
mod tests;
