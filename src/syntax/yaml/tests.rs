//! Unit tests of the yaml reader.

use super::*;
use serde_json::json;

#[test]
fn a_lone_carriage_return_is_not_a_line_break_for_positions() {
    // `\r\r\n` ends each line: YAML sees two breaks, the line index one.
    let doc = one("a: 1\r\r\nb:\r\r\n  c: 2\r\r\n");
    assert_eq!(at(&doc, &["b", "c"]), (3, 3, 3, 7));
    let err = parse_yaml(b"a: 1\r\rb: [\r\r\n").unwrap_err();
    assert_eq!(err.line, Some(2));
    // An error at the very end is on the last line, not the one after it.
    let err = parse_yaml(b"a:\n  b:\n    c: d\n    D").unwrap_err();
    assert_eq!(err.line, Some(4), "{err}");
}

fn one(src: &str) -> Document {
    let mut docs = parse_yaml(src.as_bytes()).unwrap();
    assert_eq!(docs.len(), 1, "{docs:?}");
    docs.remove(0)
}

fn path(p: &[&str]) -> Vec<Seg> {
    p.iter()
        .map(|s| match s.parse::<usize>() {
            Ok(i) => Seg::Index(i),
            Err(_) => Seg::Key(s.to_string()),
        })
        .collect()
}

fn at(doc: &Document, p: &[&str]) -> (u32, u32, u32, u32) {
    let r = doc.source_map.get(&path(p)).unwrap_or_else(|| panic!("no span for {p:?}"));
    (r.start_line, r.start_column, r.end_line, r.end_column)
}

const POD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: web   # comment
spec:
  containers:
    - name: app
      image: nginx:latest
      ports:
        - containerPort: 80

    - name: sidecar
      image: \"busybox\"

# trailing comment
status: {}
";

#[test]
fn nested_spans() {
    let doc = one(POD);
    assert_eq!(doc.value["spec"]["containers"][0]["image"], json!("nginx:latest"));
    assert_eq!(doc.value["spec"]["containers"][0]["ports"][0]["containerPort"], json!(80));
    assert_eq!(at(&doc, &["spec", "containers", "0", "image"]), (8, 7, 8, 26));
    assert_eq!(at(&doc, &["metadata", "name"]), (4, 3, 4, 12));
    // Block values end with their last content, not at the next key or comment.
    assert_eq!(at(&doc, &["spec", "containers", "0"]), (7, 7, 10, 28));
    assert_eq!(at(&doc, &["spec"]), (5, 1, 13, 23));
    assert_eq!(at(&doc, &["spec", "containers", "1", "image"]), (13, 7, 13, 23));
    assert_eq!(at(&doc, &["status"]), (16, 1, 16, 11));
    assert_eq!(at(&doc, &[]), (1, 1, 16, 11));
    let (r, n) = doc.source_map.locate(&path(&["spec", "containers", "0", "image", "x"])).unwrap();
    assert_eq!((r.start_line, n), (8, 4));
}

#[test]
fn columns_count_code_points() {
    let doc = one("é: ü\nk: v\n");
    assert_eq!(at(&doc, &["é"]), (1, 1, 1, 5));
    assert_eq!(at(&doc, &["k"]), (2, 1, 2, 5));
}

#[test]
fn block_scalar_ends_on_its_last_line() {
    let doc = one("run: |\n  echo a\n  echo b\n\n\nnext: 1\n");
    assert_eq!(doc.value["run"], json!("echo a\necho b\n"));
    assert_eq!(at(&doc, &["run"]), (1, 1, 3, 9));
    let doc = one("a:\n  - >-\n    folded\n    text\n  # c\nb: 2\n");
    assert_eq!(doc.value["a"][0], json!("folded text"));
    assert_eq!(at(&doc, &["a", "0"]), (3, 5, 4, 9));
}

#[test]
fn scalar_types() {
    let doc = one("n1: null\nn2: ~\nn3:\nb1: true\nb2: True\nb3: FALSE\ni1: 42\ni2: -7\ni3: 0x1F\n\
             i4: 0o17\nf1: 1.5\nf2: 1e3\nf3: .inf\ns1: \"42\"\ns2: 'true'\ns3: yes\ns4: 0644x\n\
             s5: !!str 12\ni5: 0123\nbig: 99999999999999999999\nver: 1.10\n");
    let v = &doc.value;
    assert_eq!(v["n1"], Value::Null);
    assert_eq!(v["n2"], Value::Null);
    assert_eq!(v["n3"], Value::Null);
    assert_eq!((v["b1"].clone(), v["b2"].clone(), v["b3"].clone()), (json!(true), json!(true), json!(false)));
    assert_eq!(
        (v["i1"].clone(), v["i2"].clone(), v["i3"].clone(), v["i4"].clone()),
        (json!(42), json!(-7), json!(31), json!(15))
    );
    assert_eq!((v["f1"].clone(), v["f2"].clone()), (json!(1.5), json!(1000.0)));
    assert_eq!(v["f3"], json!(".inf"));
    assert_eq!((v["s1"].clone(), v["s2"].clone(), v["s3"].clone()), (json!("42"), json!("true"), json!("yes")));
    assert_eq!((v["s4"].clone(), v["s5"].clone(), v["i5"].clone()), (json!("0644x"), json!("12"), json!(123)));
    assert!(v["big"].is_number());
    assert_eq!(v["ver"], json!(1.1));
}

#[test]
fn github_on_key_and_non_string_keys() {
    let doc = one("on:\n  push:\n    branches: [main]\n1: one\ntrue: yes\n");
    assert_eq!(doc.value["on"]["push"]["branches"], json!(["main"]));
    assert_eq!(doc.value["1"], json!("one"));
    assert_eq!(doc.value["true"], json!("yes"));
    assert_eq!(at(&doc, &["on", "push", "branches", "0"]), (3, 16, 3, 20));
}

#[test]
fn multi_document() {
    let docs = parse_yaml(b"---\na: 1\n---\n# only a comment\n---\n~\n---\nb: 2\n...\n").unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].value, json!({"a": 1}));
    assert_eq!(docs[1].value, json!({"b": 2}));
    assert_eq!(at(&docs[1], &["b"]), (8, 1, 8, 5));
    assert!(parse_yaml(b"").unwrap().is_empty());
    assert!(parse_yaml(b"# nothing\n").unwrap().is_empty());
}

/// The local tags of [`local_tags`]: `!Ref` wraps, `!Pair` wraps and splits at `.`.
fn test_tags(tag: &str) -> Option<LocalTag> {
    match tag {
        "Ref" => Some(LocalTag { key: "Ref", split_at: None }),
        "Pair" => Some(LocalTag { key: "Fn::Pair", split_at: Some('.') }),
        _ => None,
    }
}

#[test]
fn local_tags() {
    let src = "Properties:
  Name: !Ref Name
  Arn: !Pair Db.Endpoint.Address
  Arn2: !Pair [Db, Arn]
  Url: !Ref
    - 'https://${Host}/x'
    - Host: !Ref shared-host
  Size: !Ref [IsProd, 100, !Ref AWS::NoValue]
  Number: !Ref 123
  Other: !Custom 5
";
    let mut docs = parse_yaml_with_tags(src.as_bytes(), test_tags).unwrap();
    let doc = docs.remove(0);
    let p = &doc.value["Properties"];
    assert_eq!(p["Name"], json!({"Ref": "Name"}));
    assert_eq!(p["Arn"], json!({"Fn::Pair": ["Db", "Endpoint.Address"]}));
    assert_eq!(p["Arn2"], json!({"Fn::Pair": ["Db", "Arn"]}));
    assert_eq!(p["Url"], json!({"Ref": ["https://${Host}/x", {"Host": {"Ref": "shared-host"}}]}));
    assert_eq!(p["Size"], json!({"Ref": ["IsProd", 100, {"Ref": "AWS::NoValue"}]}));
    assert_eq!(p["Number"], json!({"Ref": "123"}));
    assert_eq!(p["Other"], json!(5));
    assert_eq!(at(&doc, &["Properties", "Name"]), (2, 3, 2, 18));
    assert_eq!(at(&doc, &["Properties", "Name", "Ref"]), (2, 9, 2, 18));
    assert_eq!(at(&doc, &["Properties", "Url"]), (5, 3, 7, 29));
    assert_eq!(at(&doc, &["Properties", "Url", "Ref", "1", "Host"]), (7, 7, 7, 29));
    assert_eq!(at(&doc, &["Properties", "Size", "Ref", "2"]), (8, 28, 8, 45));
    // Without a meaning for them, local tags are dropped.
    assert_eq!(one(src).value["Properties"]["Name"], json!("Name"));
}

#[test]
fn anchors_and_merge_keys() {
    let doc = one(".defaults: &defaults
  image: ruby:3
  tags: [docker]
  variables: &vars
    A: 1
.extra: &extra
  image: ignored
  retry: 2
job:
  <<: [*defaults, *extra]
  tags: [shell]
  script: [make]
other:
  <<: *defaults
  vars: *vars
");
    let job = &doc.value["job"];
    assert_eq!(job["image"], json!("ruby:3"), "earlier merge source wins");
    assert_eq!(job["retry"], json!(2));
    assert_eq!(job["tags"], json!(["shell"]), "explicit key wins over merged");
    assert_eq!(job["variables"], json!({"A": 1}));
    assert!(job.get("<<").is_none());
    assert_eq!(doc.value["other"]["vars"], json!({"A": 1}));
    assert_eq!(doc.value["other"]["image"], json!("ruby:3"));
    // Merged keys point at the `<<` that brought them, aliased content at the alias.
    assert_eq!(at(&doc, &["job", "image"]), (10, 3, 10, 26));
    assert_eq!(at(&doc, &["job", "tags"]), (11, 3, 11, 16));
    assert_eq!(at(&doc, &["other", "vars"]), (15, 3, 15, 14));
    let (r, _) = doc.source_map.locate(&path(&["other", "vars", "A"])).unwrap();
    assert_eq!(r.start_line, 15);
    let (r, _) = doc.source_map.locate(&path(&["job", "variables", "A"])).unwrap();
    assert_eq!(r.start_line, 10);
}

#[test]
fn merge_key_that_is_not_a_mapping_stays_a_key() {
    let doc = one("a:\n  <<: 1\n  '<<': {x: 1}\n");
    assert_eq!(doc.value["a"]["<<"], json!({"x": 1}));
    let doc = one("a:\n  <<: 1\n");
    assert_eq!(doc.value["a"]["<<"], json!(1));
}

#[test]
fn duplicate_keys_last_wins() {
    let doc = one("a:\n  b: 1\nc: 2\na:\n  d: 3\n");
    assert_eq!(doc.value, json!({"a": {"d": 3}, "c": 2}));
    assert!(doc.source_map.get(&path(&["a", "b"])).is_none());
    assert_eq!(at(&doc, &["a"]), (4, 1, 5, 7));
}

#[test]
fn alias_bomb_is_an_error() {
    let mut src =
        String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..12 {
        let prev = i - 1;
        src.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{prev}"); 9].join(", ")));
    }
    let t = std::time::Instant::now();
    let err = parse_yaml(src.as_bytes()).unwrap_err();
    assert!(err.message.contains("alias expansion exceeds"), "{err}");
    // Blamed on the alias being expanded, not on the far-away anchor.
    assert!(err.line.is_some_and(|l| l > 1), "{err}");
    assert!(t.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn bomb_spread_over_documents_is_an_error() {
    let ten = |x: &str| [x; 10].join(", ");
    let doc = format!("---\na: &a [{}]\nb: &b [{}]\nc: [{}]\n", ten("x"), ten("*a"), ten("*b"));
    let err = parse_yaml(doc.repeat(1000).as_bytes()).unwrap_err();
    assert!(err.message.contains("alias expansion exceeds"), "{err}");
    assert_eq!(parse_yaml(doc.repeat(3).as_bytes()).unwrap().len(), 3);
}

#[test]
fn long_string_bomb_is_an_error() {
    let big = "x".repeat(1 << 20);
    let src = format!(
        "a: &a \"{big}\"\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n"
    );
    let err = parse_yaml(src.as_bytes()).unwrap_err();
    assert!(err.message.contains("bytes"), "{err}");
}

#[test]
fn depth_bombs_are_errors() {
    let flow = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
    assert!(parse_yaml(flow.as_bytes()).is_err());
    let mut block = String::new();
    for i in 0..300 {
        block.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
    }
    let err = parse_yaml(block.as_bytes()).unwrap_err();
    assert!(err.message.contains("nesting"), "{err}");
    // Aliases can build depth the source does not have.
    let mut chain = String::from("a0: &a0 [x]\n");
    for i in 1..200 {
        chain.push_str(&format!("a{i}: &a{i} [*a{}]\n", i - 1));
    }
    let err = parse_yaml(chain.as_bytes()).unwrap_err();
    assert!(err.message.contains("nesting"), "{err}");
}

#[test]
fn recursive_alias_is_an_error() {
    assert!(parse_yaml(b"a: &x [*x]\n").is_err());
    assert!(parse_yaml(b"a: *nope\n").is_err());
}

#[test]
fn syntax_errors_carry_the_line() {
    let err = parse_yaml(b"a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
    assert!(err.line.is_some(), "{err}");
    let err = parse_yaml(b"a: 1\n  b: 2\n").unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
    let err = parse_yaml(b"ok: 1\nbad: \"unterminated\n").unwrap_err();
    assert!(err.line.is_some_and(|l| l >= 2), "{err}");
}

#[test]
fn crlf_and_bom() {
    let doc = one("\u{feff}a: 1\r\nb:\r\n  c: \"x\"\r\n  d: |\r\n    lit\r\n\r\n");
    assert_eq!(doc.value, json!({"a": 1, "b": {"c": "x", "d": "lit\n"}}));
    assert_eq!(at(&doc, &["b", "c"]), (3, 3, 3, 9));
    assert_eq!(at(&doc, &["b", "d"]), (4, 3, 5, 8));
}

#[test]
fn non_utf8_is_an_error() {
    let err = parse_yaml(b"a: 1\nb: \xff\xfe\n").unwrap_err();
    assert_eq!(err.line, Some(2));
}

#[test]
fn odd_inputs_do_not_panic() {
    for src in [
        "",
        "-",
        "?",
        ":",
        "[",
        "{",
        "]",
        "}",
        "&a",
        "*a",
        "!",
        "!!",
        "|",
        ">",
        "%YAML 1.2\n---\n",
        "---\n...\n...\n",
        "? [a, b]\n: c\n",
        "? - a\n",
        "\t",
        "a:\n\t- b\n",
        "- &a\n- *a\n",
        "{a: 1, a: 2}",
        "!Ref",
        "!GetAtt",
        "!If\n",
        "<<: *x",
        "<<: [1]",
        "x: !Sub",
    ] {
        let _ = parse_yaml(src.as_bytes());
    }
    let doc = one("? [a, b]\n: c\n");
    assert_eq!(doc.value, json!({"[\"a\",\"b\"]": "c"}));
}
