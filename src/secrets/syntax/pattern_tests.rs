//! The hand matcher against tree-sitter's own query engine: on every language's rule examples
//! and on code written to exercise each pattern's edges (anchors broken by a comment, extra
//! arguments, fields swapped, predicates failing), both must find exactly the same matches.

use super::super::{LANGUAGES, Language};
use super::*;
use std::collections::BTreeSet;
use streaming_iterator::StreamingIterator;

/// Each match as its sorted (capture name, start, end) triples.
type Found = BTreeSet<Vec<(String, usize, usize)>>;

fn by_tree_sitter(lang: Language, text: &str) -> Found {
    let query = tree_sitter::Query::new(&lang.grammar(), lang.entry().3).unwrap();
    let tree = parse(lang, text);
    let mut cursor = tree_sitter::QueryCursor::new();
    let mut found = Found::new();
    let mut matches = cursor.matches(&query, tree.root_node(), text.as_bytes());
    while let Some(m) = matches.next() {
        let mut captures: Vec<_> = m
            .captures()
            .iter()
            .map(|c| (query.capture_names()[c.index as usize].to_string(), c.node.start_byte(), c.node.end_byte()))
            .collect();
        captures.sort();
        found.insert(captures);
    }
    found
}

fn by_hand(lang: Language, text: &str) -> Found {
    let patterns = Patterns::new(&lang.grammar(), lang.entry().3).unwrap();
    let tree = parse(lang, text);
    let mut found = Found::new();
    patterns.for_each_match(tree.root_node(), text.as_bytes(), |captures| {
        let mut captures: Vec<_> =
            captures.iter().map(|(c, n)| (patterns.captures[*c].clone(), n.start_byte(), n.end_byte())).collect();
        captures.sort();
        found.insert(captures);
    });
    found
}

fn parse(lang: Language, text: &str) -> tree_sitter::Tree {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&lang.grammar()).unwrap();
    parser.parse(text, None).unwrap()
}

/// Code per language name that reaches every pattern and its edges.
fn edge_cases(name: &str) -> &'static [&'static str] {
    match name {
        "python" => &[
            "password = \"a1\"\nself.api_key = 'b2'\napp.config[\"SECRET\"] = \"c3\"\nx[1] = \"d4\"\n",
            "connect(password=\"a\", token=b)\n{\"client_secret\": \"v\", 1: \"w\"}\n",
            "def f(password=\"a\", token: str = \"b\", n=1):\n    pass\n",
            "def get_key():\n    return \"k\"\ndef two():\n    x = 1\n    return \"k\"\ndef three():\n    return \"k\"\n    # after\n",
            "def four():\n    # before\n    return \"k\"\n",
        ],
        "javascript" | "typescript" => &[
            "const token = \"a\", other = `b${x}`;\nobj.secret = 'c';\nobj[\"password\"] = \"d\";\nobj[k] = \"e\";\n",
            "const o = { apiKey: \"a\", \"token\": `b`, [k]: \"c\" };\nfunction f(password = \"a\") {}\n",
            "class C { secret = \"s\"; static token = 't'; }\nfunction key() { return \"k\"; }\nfunction two() { f(); return \"k\"; }\n",
            "function three() { return \"k\"; // trailing\n}\n",
        ],
        "go" => &[
            "package p\nconst Password = \"a\"\nvar token, other = \"b\", \"c\"\nvar apiKey string = `d`\n",
            "package p\nfunc f() {\n\ttoken := \"a\"\n\ta, b := \"x\", \"y\"\n\tcfg.Secret = \"s\"\n\ttoken = \"t\"\n}\n",
            "package p\nvar m = map[string]string{\"password\": \"p\"}\nvar c = Config{ClientSecret: \"s\"}\n",
            "package p\nfunc apiKey() string { return \"k\" }\nfunc two() string { f(); return \"k\" }\n",
        ],
        "java" => &[
            "class A { String password = \"a\"; void f() { token = \"b\"; this.secret = \"c\"; } }\n",
            "class A { void f() { m.put(\"password\", \"p\"); m.get(\"password\", \"p\"); m.put(\"a\", \"b\", \"c\"); } }\n",
            "class A { String getToken() { return \"t\"; } String two() { f(); return \"t\"; } }\n",
        ],
        "csharp" => &[
            "class A { const string Password = \"a\"; string token = @\"b\"; public string ApiKey { get; set; } = \"c\"; }\n",
            "class A { void F() { this.Secret = \"s\"; token = \"t\"; settings[\"password\"] = \"p\"; s[\"a\", \"b\"] = \"x\"; Connect(password: \"p\"); Connect(\"x\"); } }\n",
        ],
        "ruby" => &[
            "password = \"a\"\n@api_key = 'b'\n@@token = \"c\"\n$secret = \"d\"\nSECRET = \"e\"\nconfig.password = \"f\"\nh[\"token\"] = \"g\"\nh[:a, \"b\"] = \"x\"\n",
            "x = { client_secret: \"a\", :token => \"b\", \"secret\" => \"c\" }\nconnect(password: \"p\")\ndef f(token: \"t\", key = \"k\"); end\n",
        ],
        "php" => &[
            "<?php\n$password = \"a\";\n$this->secret = 'b';\n$cfg['token'] = \"c\";\n$cfg[\"k$x\"] = \"d\";\n",
            "<?php\n$a = ['password' => 'p', \"token\" => \"t\", 'x'];\nclass C { private $token = 'a'; const SECRET = 'b'; }\n",
            "<?php\ndefine('DB_PASSWORD', 'p');\nother('DB_PASSWORD', 'p');\ndefine('A', 'b', true);\nconnect(password: 'p');\n",
        ],
        "kotlin" => &[
            "val password = \"a\"\nvar token: String = \"b\"\nfun f() { secret = \"c\"; cfg.apiKey = \"d\" }\n",
            "fun g() { connect(password = \"p\"); mapOf(\"token\" to \"t\", \"a\" until \"b\") }\n",
            "fun h(token: String = \"t\") {}\nclass C(val secret: String = \"s\")\n",
        ],
        "rust" => &[
            "const PASSWORD: &str = \"a\";\nstatic TOKEN: &str = r\"b\";\nfn f() { let secret = \"c\"; x.token = \"d\"; token = \"e\"; }\n",
            "fn g() { let c = Config { password: \"p\", token: \"t\".to_string(), key: \"k\".len(), secret: String::from(\"s\"), other: Other::new(\"o\") }; }\n",
        ],
        "shell" => &["PASSWORD=abc\nexport TOKEN=\"def\"\nlocal key='ghi'\nX=$(cmd)\n"],
        other => panic!("no edge cases for {other}"),
    }
}

#[test]
fn the_hand_matcher_finds_what_tree_sitter_finds() {
    let specs = crate::secrets::builtin_specs().unwrap();
    for &(lang, name, ..) in LANGUAGES {
        let examples = specs
            .iter()
            .filter(|s| s.syntax.as_deref() == Some(name))
            .flat_map(|s| s.examples.iter().chain(&s.negative_examples).map(String::as_str));
        let mut checked = 0;
        for text in examples.chain(edge_cases(name).iter().copied()) {
            let want = by_tree_sitter(lang, text);
            assert_eq!(by_hand(lang, text), want, "{lang:?} on:\n{text}");
            checked += want.len();
        }
        assert!(checked > 3, "{lang:?}: the examples reach too few matches ({checked})");
    }
}

#[test]
fn patterns_outside_the_subset_or_the_grammar_are_refused() {
    let python = Language::Python.grammar();
    for (query, why) in [
        ("(assignment left: (identifier)* @name)", "unsupported"),
        ("(no_such_kind) @x", "no node kind"),
        ("(assignment nope: (identifier))", "no field"),
        ("((assignment left: (identifier) @n) (#any-of? @n \"a\"))", "unsupported predicate"),
        ("(assignment \"=\")", "expected"),
        ("(assignment", "unclosed"),
    ] {
        let err = format!("{:#}", Patterns::new(&python, query).err().unwrap_or_else(|| panic!("{query} read")));
        assert!(err.contains(why), "{query}: {err}");
    }
}

/// The same comparison over a real tree: `TOLLGATE_SYNTAX_CORPUS=DIR cargo test --release --lib
/// -- --ignored hand_matcher_on_a_corpus`.
#[test]
#[ignore = "reads a corpus named by TOLLGATE_SYNTAX_CORPUS"]
fn hand_matcher_on_a_corpus() {
    let root = std::env::var("TOLLGATE_SYNTAX_CORPUS").expect("TOLLGATE_SYNTAX_CORPUS names a directory");
    let (mut files, mut matches) = (0, 0);
    for entry in ignore::WalkBuilder::new(root).build().flatten() {
        let path = entry.path().to_string_lossy().into_owned();
        let Some(lang) = Language::of_path(&path) else { continue };
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        if text.len() > super::super::MAX_PARSE_BYTES {
            continue;
        }
        let want = by_tree_sitter(lang, &text);
        assert_eq!(by_hand(lang, &text), want, "{path}");
        files += 1;
        matches += want.len();
    }
    eprintln!("{files} files, {matches} matches, all equal");
}
