//! Unit tests of the terraform reader.

use super::syntax::check_bracket_depth;
use super::*;
use serde_json::json;

#[test]
fn absurd_nesting_is_rejected_before_tree_sitter() {
    let deep: String = (0..300).map(|i| format!("a = {{\n{}", "  ".repeat(i + 1))).collect();
    let err = parse_terraform(deep.as_bytes(), &ModuleContext::default()).unwrap_err();
    assert!(err.message.contains("nesting deeper than"), "{}", err.message);
    // Brackets inside strings and comments do not count.
    let quoted = format!("a = \"{}\"\n# {}\n/* {} */\nb = [1]\n", "{".repeat(400), "[".repeat(400), "(".repeat(400));
    assert!(check_bracket_depth(quoted.as_bytes()).is_ok());
    assert!(parse_terraform(quoted.as_bytes(), &ModuleContext::default()).is_ok());
}

fn parse(src: &str) -> Document {
    parse_terraform(src.as_bytes(), &ModuleContext::default()).expect("parses")
}

fn path(segs: &[Seg]) -> Vec<Seg> {
    segs.to_vec()
}

fn keys(parts: &[&str]) -> Vec<Seg> {
    parts
        .iter()
        .map(|p| match p.parse::<usize>() {
            Ok(i) => Seg::Index(i),
            Err(_) => Seg::from(*p),
        })
        .collect()
}

fn line_of(doc: &Document, p: &[&str]) -> (u32, u32, u32, u32) {
    let r = doc.source_map.get(&keys(p)).unwrap_or_else(|| panic!("no region for {p:?}"));
    (r.start_line, r.start_column, r.end_line, r.end_column)
}

const SG: &str = r#"# web tier
resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port = 443
    to_port   = 443
    protocol  = "tcp"
    cidr_blocks = [
      "10.0.0.0/8",
      "0.0.0.0/0",
    ]
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  versioning {
    enabled = true
  }
}
"#;

#[test]
fn repeated_blocks_are_arrays_with_exact_regions() {
    let doc = parse(SG);
    let sg = &doc.value["resource"]["aws_security_group"]["web"];
    assert_eq!(sg["name"], "web");
    let ingress = sg["ingress"].as_array().expect("array");
    assert_eq!(ingress.len(), 2);
    assert_eq!(ingress[0]["from_port"], 22);
    assert_eq!(ingress[0]["cidr_blocks"], json!(["0.0.0.0/0"]));
    assert_eq!(ingress[1]["cidr_blocks"], json!(["10.0.0.0/8", "0.0.0.0/0"]));
    // A single nested block is still an array.
    assert_eq!(doc.value["resource"]["aws_s3_bucket"]["logs"]["versioning"], json!([{"enabled": true}]));

    let base = ["resource", "aws_security_group", "web"];
    assert_eq!(line_of(&doc, &base), (2, 1, 21, 2));
    let cidr0 = [&base[..], &["ingress", "0", "cidr_blocks"]].concat();
    assert_eq!(line_of(&doc, &cidr0), (9, 5, 9, 32));
    let cidr1 = [&base[..], &["ingress", "1", "cidr_blocks"]].concat();
    assert_eq!(line_of(&doc, &cidr1), (16, 5, 19, 6));
    let elem = [&base[..], &["ingress", "1", "cidr_blocks", "1"]].concat();
    assert_eq!(line_of(&doc, &elem), (18, 7, 18, 18));
    assert_eq!(line_of(&doc, &[&base[..], &["ingress", "1"]].concat()), (12, 3, 20, 4));
    // A path with no entry of its own falls back to its nearest ancestor.
    let deep = keys(&["resource", "aws_security_group", "web", "ingress", "0", "nope", "x"]);
    let (region, matched) = doc.source_map.locate(&deep).expect("ancestor");
    assert_eq!((region.start_line, matched), (5, 5));
    assert!(doc.source_map.get(&path(&[])).is_some());
}

#[test]
fn top_level_shapes() {
    let doc = parse(
        r#"
terraform {
  required_version = ">= 1.5"
}
provider "aws" { region = "eu-west-1" }
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
data "aws_ami" "ubuntu" { most_recent = true }
module "vpc" { source = "./vpc" }
variable "env" { type = string }
output "id" { value = aws_vpc.main.id }
locals { a = 1 }
locals { b = "two" }
moved {
  from = aws_instance.a
  to   = aws_instance.b
}
"#,
    );
    let v = &doc.value;
    assert_eq!(v["terraform"][0]["required_version"], ">= 1.5");
    assert_eq!(v["provider"]["aws"][1]["region"], "us-east-1");
    assert_eq!(v["data"]["aws_ami"]["ubuntu"]["most_recent"], true);
    assert_eq!(v["module"]["vpc"]["source"], "./vpc");
    assert_eq!(v["variable"]["env"]["type"], "${string}");
    assert_eq!(v["output"]["id"]["value"], "${aws_vpc.main.id}");
    assert_eq!(v["locals"], json!({"a": 1, "b": "two"}));
    assert_eq!(v["moved"][0]["to"], "${aws_instance.b}");
    assert_eq!(line_of(&doc, &["provider", "aws", "1", "region"]).0, 8);
    assert_eq!(line_of(&doc, &["locals", "b"]).0, 15);
}

#[test]
fn values_and_expressions() {
    let module = {
        let mut m = ModuleContext::default();
        m.set_var("env", json!("prod"));
        m.set_var("ports", json!([22, 3389]));
        m.set_var("cfg", json!({"cidr": "0.0.0.0/0"}));
        m
    };
    let src = r#"resource "x" "y" {
  n     = -1.5
  big   = 12345678901234567890
  s     = "a\"b\n\u00e9 $${literal} %%{x}"
  blank = ""
  sp    = "   spaced   "
  t     = "web-${var.env}-${count.index}"
  full  = "web-${var.env}"
  only  = "${var.ports}"
  ref   = var.ports
  idx   = var.ports[1]
  attr  = var.cfg.cidr
  call  = upper(var.env)
  cond  = var.env == "prod" ? 1 : 2
  other = aws_vpc.main.id
  unk   = var.missing
  obj   = { Name = "x", "a-b" = var.env, (var.env) = 1, nested = { deep = [true, null] } }
  forx  = [for s in var.ports : s]
  paren = (var.env)
  neg   = !true
  splat = aws_instance.web[*].id
  dyn   = dynamic
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
    }
  }
}
"#;
    let doc = parse_terraform(src.as_bytes(), &module).expect("parses");
    let r = &doc.value["resource"]["x"]["y"];
    assert_eq!(r["n"], json!(-1.5));
    assert_eq!(r["big"], json!(12345678901234567890u64));
    assert_eq!(r["s"], "a\"b\né ${literal} %{x}");
    assert_eq!(r["blank"], "");
    assert_eq!(r["sp"], "   spaced   ");
    assert_eq!(r["t"], "web-prod-${count.index}");
    assert_eq!(r["full"], "web-prod");
    assert_eq!(r["only"], json!([22, 3389]));
    assert_eq!(r["ref"], json!([22, 3389]));
    assert_eq!(r["idx"], 3389);
    assert_eq!(r["attr"], "0.0.0.0/0");
    assert_eq!(r["call"], "${upper(var.env)}");
    assert_eq!(r["cond"], "${var.env == \"prod\" ? 1 : 2}");
    assert_eq!(r["other"], "${aws_vpc.main.id}");
    assert_eq!(r["unk"], "${var.missing}");
    assert_eq!(r["obj"], json!({"Name": "x", "a-b": "prod", "prod": 1, "nested": {"deep": [true, null]}}));
    assert_eq!(r["forx"], "${[for s in var.ports : s]}");
    assert_eq!(r["paren"], "prod");
    assert_eq!(r["neg"], false);
    assert_eq!(r["splat"], "${aws_instance.web[*].id}");
    assert_eq!(r["dyn"], "${dynamic}");
    assert_eq!(r["dynamic"]["ingress"][0]["content"][0]["from_port"], "${ingress.value}");
    assert_eq!(line_of(&doc, &["resource", "x", "y", "obj", "a-b"]), (17, 25, 17, 40));
    assert_eq!(line_of(&doc, &["resource", "x", "y", "dynamic", "ingress", "0", "content", "0", "from_port"]).0, 26);
}

#[test]
fn heredocs() {
    let module = {
        let mut m = ModuleContext::default();
        m.set_var("name", json!("world"));
        m
    };
    let src = "resource \"aws_iam_policy\" \"p\" {\n  policy = <<EOF\n{\n  \"Action\": \"*\"\n}\nEOF\n  indented = <<-EOT\n    hello ${var.name}\n      two\n    EOT\n  unknown = <<EOT\nid=${aws_x.y.id}\nEOT\n}\n";
    let doc = parse_terraform(src.as_bytes(), &module).expect("parses");
    let r = &doc.value["resource"]["aws_iam_policy"]["p"];
    // JSON on a policy attribute is read as JSON (see the `embedded` module).
    assert_eq!(r["policy"], json!({"Action": "*"}));
    assert_eq!(r["indented"], "hello world\n  two\n");
    assert_eq!(r["unknown"], "id=${aws_x.y.id}\n");
    assert_eq!(line_of(&doc, &["resource", "aws_iam_policy", "p", "policy"]), (2, 3, 6, 4));
}

#[test]
fn literal_text_survives_long_runs() {
    // The vendored scanner takes runs of literal text as one chunk: every place where a run
    // must stop still parses as before.
    let module = {
        let mut m = ModuleContext::default();
        m.set_var("v", json!("V"));
        m
    };
    let src = concat!(
        "a = \"x $y %z $${lit} %%{lit} $$ 100% \\u00e9\\n\\\"q\\\" ${var.v}${var.v}end\"\n",
        "b = <<EOT\n  EOTX EO\nEO\n${var.v} \"quoted\" \\raw $${x}\n  %{ if true }y%{ endif }\n  EOT\n",
        "c = <<-EOT\n    ${var.v}\n      two\n    EOT\n",
        "d = \"${var.v}\"\n",
    );
    let doc = parse_terraform(src.as_bytes(), &module).expect("parses");
    assert_eq!(doc.value["a"], "x $y %z ${lit} %{lit} $$ 100% é\n\"q\" VVend");
    assert_eq!(doc.value["b"], "  EOTX EO\nEO\nV \"quoted\" \\raw ${x}\n  %{ if true }y%{ endif }\n");
    assert_eq!(doc.value["c"], "V\n  two\n");
    assert_eq!(doc.value["d"], "V");
    assert_eq!(line_of(&doc, &["b"]), (2, 1, 7, 6));
    let err = parse_terraform(b"a = \"ok \\q\"\n", &module).expect_err("invalid escape");
    assert_eq!(err.line, Some(1));
}

#[test]
fn vars_from_defaults_and_tfvars_in_a_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, body: &str| std::fs::write(dir.path().join(name), body).expect("write");
    write(
        "variables.tf",
        r#"
variable "ssh_cidr" { default = "10.0.0.0/8" }
variable "region"   { default = "eu-west-1" }
variable "port"     { default = 22 }
variable "env"      { default = "dev" }
variable "nodefault" {}
"#,
    );
    write("terraform.tfvars", "ssh_cidr = \"0.0.0.0/0\"\nenv = \"staging\"\n");
    write("b.auto.tfvars", "env = \"auto\"\n");
    write("a.auto.tfvars.json", r#"{"port": 2222}"#);
    write("prod.tfvars", "env = \"prod\"\n");
    write(
        "locals.tf",
        r#"
locals {
  tags   = { Env = local.env_up, Region = var.region }
  env_up = "${var.env}-x"
  bad    = timestamp()
  uses_bad = local.bad
}
"#,
    );
    write("broken.tf", "resource \"x\" {\n");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("sub/other.tf"), "variable \"region\" { default = \"nope\" }\n").expect("write");

    let module = ModuleContext::load(dir.path(), DEFAULT_MAX_CONTEXT_FILE);
    assert_eq!(module.var("ssh_cidr"), Some(&json!("0.0.0.0/0")));
    assert_eq!(module.var("region"), Some(&json!("eu-west-1")));
    assert_eq!(module.var("port"), Some(&json!(2222)));
    assert_eq!(module.var("env"), Some(&json!("prod")));
    assert_eq!(module.var("nodefault"), None);
    assert_eq!(module.local("env_up"), Some(&json!("prod-x")));
    assert_eq!(module.local("tags"), Some(&json!({"Env": "prod-x", "Region": "eu-west-1"})));
    assert_eq!(module.local("bad"), None);
    assert_eq!(module.local("uses_bad"), None);

    let main = r#"resource "aws_security_group_rule" "ssh" {
  cidr_blocks = [var.ssh_cidr]
  from_port   = var.port
  tags        = local.tags
  when        = local.uses_bad
}
"#;
    let doc = parse_terraform(main.as_bytes(), &module).expect("parses");
    let r = &doc.value["resource"]["aws_security_group_rule"]["ssh"];
    assert_eq!(r["cidr_blocks"], json!(["0.0.0.0/0"]));
    assert_eq!(r["from_port"], 2222);
    assert_eq!(r["tags"]["Env"], "prod-x");
    assert_eq!(r["when"], "${local.uses_bad}");
    assert_eq!(line_of(&doc, &["resource", "aws_security_group_rule", "ssh", "cidr_blocks", "0"]), (2, 18, 2, 30));

    // Nothing known without a context.
    let bare = parse(main);
    assert_eq!(bare.value["resource"]["aws_security_group_rule"]["ssh"]["cidr_blocks"], json!(["${var.ssh_cidr}"]));
    assert!(ModuleContext::load(&dir.path().join("missing"), DEFAULT_MAX_CONTEXT_FILE).is_empty());
}

#[test]
fn tfvars_files_are_flat_objects() {
    let doc = parse_tfvars(b"region = \"eu-west-1\"\nports = [22, 80]\n").expect("parses");
    assert_eq!(doc.value, json!({"region": "eu-west-1", "ports": [22, 80]}));
    assert_eq!(line_of(&doc, &["ports", "1"]), (2, 14, 2, 16));
}

#[test]
fn syntax_errors_name_their_line() {
    let err = parse_terraform(b"resource \"a\" \"b\" {\n  x = 1\n  y = = 2\n}\n", &ModuleContext::default())
        .expect_err("invalid");
    assert_eq!(err.line, Some(3), "{err}");
    assert_eq!(err.message, "syntax error near `y = = 2`");

    let err =
        parse_terraform(b"resource \"a\" \"b\" {\n  x = [1, 2\n", &ModuleContext::default()).expect_err("invalid");
    assert!(err.line.is_some(), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("x = {}1{}\n", "[".repeat(5000), "]".repeat(5000));
    let err = parse_tfvars(deep.as_bytes()).expect_err("too deep");
    assert!(err.message.contains("nesting"), "{err}");
    let parens = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
    assert!(parse_tfvars(parens.as_bytes()).is_err());
}

#[test]
fn exponential_locals_stay_bounded() {
    let mut src = String::from("locals {\n  l0 = [1, 2, 3, 4, 5, 6, 7, 8]\n");
    for i in 1..40 {
        src.push_str(&format!("  l{i} = [local.l{p}, local.l{p}, local.l{p}, local.l{p}]\n", p = i - 1));
    }
    src.push_str("}\n");
    let module = ModuleContext::from_sources([("main.tf", src.as_bytes())]);
    assert!(module.local("l3").is_some());
    assert!(module.local("l39").is_none());
    let doc = parse_terraform(b"x = local.l39\ny = local.l3\n", &module).expect("parses");
    assert_eq!(doc.value["x"], "${local.l39}");
}

#[test]
fn hostile_bytes_never_panic() {
    let inputs: Vec<Vec<u8>> = vec![
        b"\xff\xfe\x00resource".to_vec(),
        b"x = \"\xff\xfe\"\n".to_vec(),
        b"x = <<EOF\n".to_vec(),
        b"x = <<-EOF\nEOF".to_vec(),
        b"resource \"a\" \"b\" { x = \"${\" }".to_vec(),
        b"x = \"\\u12\"\n".to_vec(),
        b"x = 0xZZ\n".to_vec(),
        b"x = 1.0e999\n".to_vec(),
        b"a \"\" \"\" \"\" {}\n".to_vec(),
        b"".to_vec(),
        b"// only a comment".to_vec(),
        b"x = \"${var.a}${var.b}\"\ny = \"${~ var.a ~}\"\n".to_vec(),
    ];
    for input in inputs {
        let _ = parse_terraform(&input, &ModuleContext::default());
        let _ = parse_tfvars(&input);
    }
    let doc = parse_terraform(b"x = 1.0e999\n", &ModuleContext::default()).expect("parses");
    assert_eq!(doc.value["x"], "1.0e999");
}

#[test]
fn every_prefix_and_corruption_is_handled() {
    let full = SG.as_bytes();
    for end in 0..full.len() {
        let input = full[..end].to_vec();
        let _ = parse_terraform(&input, &ModuleContext::default());
    }
    for (i, bad) in (0..full.len()).step_by(7).zip([b'{', b'"', b'\\', b'\n', 0xff, b'[', b'<', b'`'].iter().cycle()) {
        let mut input = full.to_vec();
        input[i] = *bad;
        let _ = parse_terraform(&input, &ModuleContext::default());
    }
}
