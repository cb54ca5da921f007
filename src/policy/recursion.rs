//! Refuse policies whose functions call themselves, directly or through other functions.
//!
//! Rego forbids recursion (OPA rejects such a policy when compiling it), but regorus evaluates
//! a recursive function call after call until the thread's stack overflows, and a stack
//! overflow aborts the whole process: no time limit can catch it, because the stack runs out in
//! milliseconds. So a set is checked before it is compiled: every call in every function body
//! is resolved to the function it names (in the same package, by a `data.` path, or through an
//! import alias), and a cycle in that call graph is a load error naming the file. The check
//! runs after the modules are added to the engine and before anything is evaluated.
//!
//! Cycles through a rule (a function reading a rule that calls the function) need no check
//! here: regorus notices a rule being evaluated inside itself and reports an error.

use anyhow::{Result, anyhow, bail};
use regorus::Engine;
use regorus::unstable::{Expr, Literal, Module, Query, Rule, RuleBody, RuleHead};
use regorus::utils::get_path_string;
use std::collections::HashMap;

/// Fail with the first call cycle among the functions of the modules `engine` holds. Reads
/// the engine's own parse of each module (added, not yet evaluated), so nothing is parsed twice.
pub fn check(engine: &mut Engine) -> Result<()> {
    // Function name (`data.pkg.f`) -> (the file it is in, the functions its bodies call).
    let mut functions: HashMap<String, (String, Vec<String>)> = HashMap::new();
    for module in engine.get_modules() {
        let file = module.package.span.source.get_path();
        let scope = Scope::of(module)?;
        for rule in &module.policy {
            let Rule::Spec { head: RuleHead::Func { refr, assign, .. }, bodies, .. } = rule.as_ref() else {
                continue;
            };
            let name = format!("{}.{}", scope.package, path(refr)?);
            let calls = &mut functions.entry(name).or_insert_with(|| (file.clone(), Vec::new())).1;
            if let Some(assign) = assign {
                calls_in_expr(&assign.value, &scope, calls);
            }
            for body in bodies {
                calls_in_body(body, &scope, calls);
            }
        }
    }
    if let Some(cycle) = find_cycle(&functions) {
        let file = &functions[&cycle[0]].0;
        bail!("{file}: recursive function call {} (Rego does not allow recursion)", cycle.join(" -> "));
    }
    Ok(())
}

/// What a bare name in one module refers to: its package and its import aliases.
struct Scope {
    package: String,
    /// Alias (the last segment unless `as` renames it) -> imported path.
    imports: HashMap<String, String>,
}

impl Scope {
    fn of(module: &Module) -> Result<Scope> {
        let package = format!("data.{}", path(&module.package.refr)?);
        let mut imports = HashMap::new();
        for import in &module.imports {
            let target = path(&import.refr)?;
            let alias = match &import.r#as {
                Some(alias) => alias.text().to_string(),
                None => target.rsplit('.').next().unwrap_or_default().to_string(),
            };
            imports.insert(alias, target);
        }
        Ok(Scope { package, imports })
    }

    /// The full name a call's function path refers to.
    fn resolve(&self, called: &str) -> String {
        let (first, rest) = called.split_once('.').map_or((called, None), |(f, r)| (f, Some(r)));
        if first == "data" {
            return called.to_string();
        }
        match (self.imports.get(first), rest) {
            (Some(target), Some(rest)) => format!("{target}.{rest}"),
            (Some(target), None) => target.clone(),
            (None, _) => format!("{}.{called}", self.package),
        }
    }
}

fn path(refr: &Expr) -> Result<String> {
    get_path_string(refr, None).map_err(|e| anyhow!("{e}"))
}

fn calls_in_body(body: &RuleBody, scope: &Scope, out: &mut Vec<String>) {
    if let Some(assign) = &body.assign {
        calls_in_expr(&assign.value, scope, out);
    }
    calls_in_query(&body.query, scope, out);
}

fn calls_in_query(query: &Query, scope: &Scope, out: &mut Vec<String>) {
    for stmt in &query.stmts {
        for with in &stmt.with_mods {
            calls_in_expr(&with.refr, scope, out);
            calls_in_expr(&with.r#as, scope, out);
        }
        match &stmt.literal {
            Literal::SomeVars { .. } => {}
            Literal::SomeIn { key, value, collection, .. } => {
                key.iter().chain([value, collection]).for_each(|e| calls_in_expr(e, scope, out));
            }
            Literal::Expr { expr, .. } | Literal::NotExpr { expr, .. } => calls_in_expr(expr, scope, out),
            Literal::Every { domain, query, .. } => {
                calls_in_expr(domain, scope, out);
                calls_in_query(query, scope, out);
            }
        }
    }
}

/// Every call inside `expr`. The parser bounds expression depth, so recursing is safe.
fn calls_in_expr(expr: &Expr, scope: &Scope, out: &mut Vec<String>) {
    let mut walk = |e: &Expr| calls_in_expr(e, scope, out);
    match expr {
        Expr::String { .. }
        | Expr::RawString { .. }
        | Expr::Number { .. }
        | Expr::Bool { .. }
        | Expr::Null { .. }
        | Expr::Var { .. } => {}
        Expr::Array { items, .. } | Expr::Set { items, .. } => items.iter().for_each(|i| walk(i)),
        Expr::Object { fields, .. } => fields.iter().for_each(|(_, k, v)| {
            walk(k);
            walk(v);
        }),
        Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
            walk(term);
            calls_in_query(query, scope, out);
        }
        Expr::ObjectCompr { key, value, query, .. } => {
            walk(key);
            walk(value);
            calls_in_query(query, scope, out);
        }
        Expr::Call { fcn, params, .. } => {
            params.iter().for_each(|p| walk(p));
            if let Ok(called) = path(fcn) {
                out.push(scope.resolve(&called));
            }
        }
        Expr::UnaryExpr { expr, .. } => walk(expr),
        Expr::RefDot { refr, .. } => walk(refr),
        Expr::RefBrack { refr, index, .. } => {
            walk(refr);
            walk(index);
        }
        Expr::BinExpr { lhs, rhs, .. }
        | Expr::BoolExpr { lhs, rhs, .. }
        | Expr::ArithExpr { lhs, rhs, .. }
        | Expr::AssignExpr { lhs, rhs, .. } => {
            walk(lhs);
            walk(rhs);
        }
        Expr::Membership { key, value, collection, .. } => {
            key.iter().chain([value, collection]).for_each(|e| walk(e));
        }
    }
}

/// A cycle of function names (first repeated at the end), if the call graph has one.
fn find_cycle(functions: &HashMap<String, (String, Vec<String>)>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut names: Vec<&String> = functions.keys().collect();
    names.sort();
    for start in names {
        if marks.contains_key(start.as_str()) {
            continue;
        }
        // Depth-first with an explicit stack of (function, next call to follow), so a long call
        // chain cannot overflow this check either.
        let mut stack: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        marks.insert(start, Mark::Visiting);
        while let Some((name, next)) = stack.last_mut() {
            let calls = &functions[*name].1;
            let Some(callee) = calls.get(*next) else {
                marks.insert(name, Mark::Done);
                stack.pop();
                continue;
            };
            *next += 1;
            let Some((callee, _)) = functions.get_key_value(callee) else { continue };
            match marks.get(callee.as_str()) {
                Some(Mark::Done) => {}
                Some(Mark::Visiting) => {
                    let from = stack.iter().position(|(n, _)| *n == callee.as_str()).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[from..].iter().map(|(n, _)| n.to_string()).collect();
                    cycle.push(callee.clone());
                    return Some(cycle);
                }
                None => {
                    marks.insert(callee, Mark::Visiting);
                    stack.push((callee.as_str(), 0));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_texts<'a>(texts: impl IntoIterator<Item = (String, &'a str)>) -> Result<()> {
        let mut engine = Engine::new();
        for (name, text) in texts {
            engine.add_policy(name, text.to_string()).map_err(|e| anyhow!("{e}"))?;
        }
        check(&mut engine)
    }

    fn numbered<'a>(texts: &[&'a str]) -> Vec<(String, &'a str)> {
        texts.iter().enumerate().map(|(i, t)| (format!("p{i}.rego"), *t)).collect()
    }

    #[test]
    fn direct_and_mutual_recursion_are_refused() {
        let direct = "package a\nf(x) := y if { y := f(x + 1) }\n";
        let err = format!("{:#}", check_texts(numbered(&[direct])).unwrap_err());
        assert!(err.contains("p0.rego") && err.contains("data.a.f -> data.a.f"), "{err}");

        let lib = "package lib.b\nimport data.a\ng(x) := a.f(x)\n";
        let user = "package a\nimport data.lib.b\nf(x) := b.g(x)\n";
        assert!(check_texts(numbered(&[lib, user])).is_err());
        let aliased = "package a\nimport data.lib.b as helpers\nf(x) if { some y in [helpers.g(x)]; y }\n";
        assert!(check_texts(numbered(&[lib, aliased])).is_err());
    }

    #[test]
    fn same_names_in_other_packages_are_not_cycles() {
        let lib = "package lib.net\nis_public(c) if c == \"0.0.0.0/0\"\n";
        let user = "package a\nimport data.lib.net\nis_public(c) if net.is_public(c)\nf(x) := count(x)\n";
        check_texts(numbered(&[lib, user])).unwrap();
    }

    #[test]
    fn the_builtin_policies_have_no_cycles() {
        let sources = super::super::builtin_sources();
        check_texts(sources.iter().filter(|s| !s.is_test()).map(|s| (s.name.clone(), s.text.as_str()))).unwrap();
    }
}
