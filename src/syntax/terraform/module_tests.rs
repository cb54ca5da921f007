//! Tests of the module context ([`super`]).
use super::*;
use serde_json::json;

fn context(src: &str) -> ModuleContext {
    ModuleContext::from_sources([("main.tf", src.as_bytes())])
}

#[test]
fn locals_resolve_in_any_order_and_along_long_chains() {
    // Defined after use, and a chain far longer than the old 64 rounds.
    let mut src = String::from("locals {\n  first = \"${local.l0}-x\"\n");
    for i in 0..500 {
        src.push_str(&format!("  l{i} = local.l{}\n", i + 1));
    }
    src.push_str("  l500 = \"end\"\n}\n");
    let ctx = context(&src);
    assert_eq!(ctx.local("first"), Some(&json!("end-x")));
    assert_eq!(ctx.local("l0"), Some(&json!("end")));
    assert_eq!(ctx.notes_for("main.tf").count(), 0);
}

#[test]
fn cycles_are_named_on_the_file_that_defines_them() {
    let ctx = ModuleContext::from_sources([
        ("a.tf", b"locals {\n  a = local.b\n  self = [local.self]\n  ok = 1\n}\n".as_slice()),
        ("b.tf", b"locals {\n  b = \"${local.a}\"\n  uses = local.a\n}\n".as_slice()),
    ]);
    assert_eq!(ctx.local("ok"), Some(&json!(1)));
    for name in ["a", "b", "self", "uses"] {
        assert_eq!(ctx.local(name), None, "{name}");
    }
    let a: Vec<_> = ctx.notes_for("a.tf").collect();
    assert_eq!(a.len(), 2, "{a:?}");
    assert_eq!(a[0].line, 2);
    assert!(a[0].message.contains("local.a") && a[0].message.contains("cycle"), "{}", a[0].message);
    assert!(a[0].message.contains("among local.a, local.b)"), "{}", a[0].message);
    assert!(a[1].message.contains("among local.self)"), "{}", a[1].message);
    let b: Vec<_> = ctx.notes_for("b.tf").collect();
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(b[0].message.contains("local.b"), "{}", b[0].message);
}

#[test]
fn a_long_cycle_is_named_briefly() {
    let n = 5000;
    let mut src = String::from("locals {\n");
    for i in 0..n {
        src.push_str(&format!("  c{i} = local.c{}\n", (i + 1) % n));
    }
    src.push_str("}\n");
    let ctx = context(&src);
    let notes: Vec<_> = ctx.notes_for("main.tf").collect();
    assert_eq!(notes.len(), n);
    assert!(notes.iter().all(|n| n.message.len() < 300), "{}", notes[0].message);
    assert!(notes[0].message.contains("and 4994 more"), "{}", notes[0].message);
}

#[test]
fn string_doubling_stops_at_the_byte_budget_and_says_so() {
    let mut src = format!("locals {{\n  s0 = \"{}\"\n", "A".repeat(64));
    for i in 1..=24 {
        src.push_str(&format!("  s{i} = \"${{local.s{p}}}${{local.s{p}}}\"\n", p = i - 1));
    }
    src.push_str("}\n");
    let ctx = context(&src);
    assert_eq!(ctx.local("s10").and_then(Value::as_str).map(str::len), Some(64 << 10));
    assert_eq!(ctx.local("s14"), None);
    assert_eq!(ctx.local("s24"), None);
    let notes: Vec<_> = ctx.notes_for("main.tf").collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].message.contains("local.s14") && notes[0].message.contains("bytes"), "{}", notes[0].message);
}

#[test]
fn many_locals_cannot_add_up_past_the_module_budget() {
    let mut src = format!("locals {{\n  big = \"{}\"\n", "B".repeat(600 * 1024));
    for i in 0..40 {
        src.push_str(&format!("  copy{i} = local.big\n"));
    }
    src.push_str("}\n");
    let ctx = context(&src);
    let kept = ctx.locals.values().map(|k| k.bytes).sum::<usize>();
    assert!(kept <= MAX_CONTEXT_BYTES, "{kept}");
    assert!(ctx.notes_for("main.tf").any(|n| n.message.contains("together")));
}

#[test]
fn load_reads_only_what_the_scan_would() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("small.tf"), "variable \"a\" { default = \"small\" }\n").unwrap();
    let big = format!("variable \"b\" {{ default = \"{}\" }}\n", "x".repeat(2000));
    std::fs::write(dir.path().join("big.tf"), big).unwrap();
    std::fs::write(dir.path().join("bin.tf"), b"variable \"c\" { default = \"\0\" }\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("small.tf"), dir.path().join("link.tf")).unwrap();
    std::fs::write(dir.path().join("other.tfvars"), "a = \"from-tfvars\"\n").unwrap();

    let ctx = ModuleContext::load(dir.path(), 1000);
    assert_eq!(ctx.var("a"), Some(&json!("from-tfvars")));
    assert_eq!(ctx.var("b"), None, "over the size limit");
    assert_eq!(ctx.var("c"), None, "binary");
    assert!(ModuleContext::load(dir.path(), 1 << 20).var("b").is_some());
    let skip_tfvars = |p: &Path| p.extension().is_some_and(|e| e == "tfvars");
    assert_eq!(ModuleContext::load_skipping(dir.path(), 1000, &skip_tfvars).var("a"), Some(&json!("small")));
}
