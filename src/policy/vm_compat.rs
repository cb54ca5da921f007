//! What the regorus 0.14.1 bytecode VM gets wrong, read from the policies' syntax trees (the
//! `regorus::unstable` AST), and how [`super::bytecode`] steers around it. The minimal cases
//! are in `docs/notes/rvm-0.14.1-bugs.md`, written to be reported upstream.
//!
//! - **Rules reached through an import alias.** `import data.lib.iam` then
//!   `iam.identity_grants`: the compiler finds no rule `iam.identity_grants` in the current
//!   package and falls back to the import, compiling `data.lib.iam` as a virtual document (every
//!   rule of the package, evaluated into an object) followed by a field access. The VM's
//!   virtual-document lookup evaluates those rules with its run-to-completion call path even in
//!   suspendable mode, whose loops and conditions then unwind the caller's frames: the IAM
//!   checks' `deny` came back as the statements they iterate, or empty. (Function calls through
//!   an alias are resolved to their target and are fine.) [`alias_shims`] gives the compiler
//!   the rule it looks for first: `iam.identity_grants := data.lib.iam.identity_grants` in the
//!   importing package, a direct call. The shims are added only to the engine the bytecode is
//!   compiled from; the interpreter never sees them.
//! - **`:=` of an undefined value** does not fail the body (the compiler does not require a
//!   defined value for `PlanContext::ColonAssignment`): `r := 2 if { n := input.missing }` is 2.
//!   Most later uses of `n` fail on it, but not `not n`, no use at all, or a body that ends
//!   with it before an `else` (next item). [`guarded_modules`] adds `; n == n` after each such
//!   statement in the VM's copy of the text, which fails the body as OPA does.
//! - **An `else` after a body that ran to its end without a value** is skipped: the VM stops at
//!   the first body of a definition that returns normally, and a loop that found nothing does.
//!   [`unsafe_rules`] finds `else` chains with a body that may iterate before an `else`; a kind
//!   whose program reaches one is interpreted.
//! - **Multi-value rules** (`name[key] contains value`): compiled as a plain set, the keys
//!   dropped. [`unsafe_rules`] finds them too.
//!
//! Rego that uses none of these forms compiles unchanged; the built-in policies were rewritten
//! where they used the last two (`tests/policy_vm.rs` requires every built-in kind but Ansible
//! to run on the VM).

use regorus::Engine;
use regorus::unstable::{AssignOp, Expr, Literal, LiteralStmt, Query, Rule, RuleHead};
use std::collections::{BTreeMap, BTreeSet};

/// The rules of the engine's modules that the VM evaluates wrongly, as (`data.pkg.name`, why):
/// multi-value rules (`name[key] contains value`), and `else` chains in which a body before an
/// `else` may iterate (see the module doc).
pub fn unsafe_rules(engine: &mut Engine) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for module in engine.get_modules() {
        let package = module.package.refr.span().text().to_string();
        for rule in &module.policy {
            let Rule::Spec { head, bodies, .. } = rule.as_ref() else { continue };
            let (refr, params) = match head {
                RuleHead::Compr { refr, .. } | RuleHead::Set { refr, .. } => (refr, &[][..]),
                RuleHead::Func { refr, args, .. } => (refr, &args[..]),
            };
            let head_text = refr.span().text();
            let name = head_text.split('[').next().unwrap_or(head_text).trim();
            // Any key in a `contains` head (`name[key]`, `name[key].sub`) is one the VM drops.
            if matches!(head, RuleHead::Set { .. }) && head_text.contains('[') {
                out.push((format!("data.{package}.{name}"), "a multi-value rule (`name[key] contains value`)"));
            }
            let iterates_before_else =
                bodies.windows(2).any(|pair| pair[1].is_else && may_iterate(&pair[0].query, params));
            if iterates_before_else {
                out.push((format!("data.{package}.{name}"), "an `else` after a body that may iterate"));
            }
        }
    }
    out
}

/// May `query` iterate (`some`, or a key that is not bound yet: `xs[_]`, `xs[i]`)? Loops inside
/// comprehensions and `not` are their own. Conservative: a name bound in a way not followed here
/// counts as unbound.
fn may_iterate(query: &Query, params: &[regorus::unstable::Ref<Expr>]) -> bool {
    let mut bound: BTreeSet<String> = BTreeSet::new();
    params.iter().for_each(|p| vars(p, &mut bound));
    for stmt in &query.stmts {
        match &stmt.literal {
            Literal::SomeIn { .. } | Literal::SomeVars { .. } => return true,
            Literal::Expr { expr, .. } => {
                let mut keys = Vec::new();
                keys_of(expr, &mut keys);
                if keys.iter().any(|k| k == "_" || !bound.contains(k)) {
                    return true;
                }
                if let Expr::AssignExpr { lhs, rhs, .. } = expr.as_ref() {
                    vars(lhs, &mut bound);
                    vars(rhs, &mut bound);
                }
            }
            Literal::NotExpr { .. } | Literal::Every { .. } => {}
        }
    }
    false
}

/// The variable names in `expr` (a pattern or a value).
fn vars(expr: &Expr, out: &mut BTreeSet<String>) {
    match expr {
        Expr::Var { span, .. } => {
            out.insert(span.text().to_string());
        }
        Expr::Array { items, .. } => items.iter().for_each(|e| vars(e, out)),
        Expr::Object { fields, .. } => fields.iter().for_each(|(_, _, v)| vars(v, out)),
        _ => {}
    }
}

/// The variable names used as keys (`x[name]`) in `expr`, outside comprehensions.
fn keys_of(expr: &Expr, out: &mut Vec<String>) {
    match expr {
        Expr::RefBrack { refr, index, .. } => {
            if let Expr::Var { span, .. } = index.as_ref() {
                out.push(span.text().to_string());
            }
            keys_of(refr, out);
            keys_of(index, out);
        }
        Expr::Array { items, .. } | Expr::Set { items, .. } => items.iter().for_each(|e| keys_of(e, out)),
        Expr::Object { fields, .. } => fields.iter().for_each(|(_, k, v)| {
            keys_of(k, out);
            keys_of(v, out);
        }),
        Expr::Call { params, .. } => params.iter().for_each(|e| keys_of(e, out)),
        Expr::UnaryExpr { expr, .. } | Expr::RefDot { refr: expr, .. } => keys_of(expr, out),
        Expr::BinExpr { lhs, rhs, .. }
        | Expr::BoolExpr { lhs, rhs, .. }
        | Expr::ArithExpr { lhs, rhs, .. }
        | Expr::AssignExpr { lhs, rhs, .. } => {
            keys_of(lhs, out);
            keys_of(rhs, out);
        }
        Expr::Membership { key, value, collection, .. } => {
            key.iter().chain([value, collection]).for_each(|e| keys_of(e, out));
        }
        _ => {}
    }
}

/// Is `rule` the rule at `path` or under it?
pub fn covers(path: &str, rule: &str) -> bool {
    rule.strip_prefix(path).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// Modules, as (name, text), that define in each importing package a rule
/// `alias.rest := data.target.rest` for every rule `rest` under an imported package `target`
/// (see the module doc). An alias that means different targets in two modules of one package,
/// or that names a rule of the package itself, gets no shims: its references stay virtual
/// lookups, which [`super::bytecode::compile`] then refuses to run suspended.
pub fn alias_shims(engine: &mut Engine) -> Vec<(String, String)> {
    let modules = engine.get_modules();
    // Every non-function rule, as `pkg.name` (a dotted head `a.b := 1` gives `pkg.a.b`).
    let mut rules: BTreeSet<String> = BTreeSet::new();
    for module in modules {
        let package = module.package.refr.span().text();
        for rule in &module.policy {
            let refr = match rule.as_ref() {
                Rule::Spec { head: RuleHead::Compr { refr, .. } | RuleHead::Set { refr, .. }, .. } => refr,
                Rule::Default { refr, args, .. } if args.is_empty() => refr,
                _ => continue,
            };
            let head = refr.span().text();
            let name = head.split('[').next().unwrap_or(head).trim();
            rules.insert(format!("{package}.{name}"));
        }
    }
    // (importing package, alias) -> imported path; `None` once two modules disagree.
    let mut aliases: BTreeMap<(String, String), Option<String>> = BTreeMap::new();
    for module in modules {
        let package = module.package.refr.span().text().to_string();
        for import in &module.imports {
            let Some(target) = import.refr.span().text().strip_prefix("data.") else { continue };
            let alias = match &import.r#as {
                Some(span) => span.text(),
                None => target.rsplit('.').next().unwrap_or(target),
            };
            let entry = aliases.entry((package.clone(), alias.to_string())).or_insert_with(|| Some(target.to_string()));
            if entry.as_deref() != Some(target) {
                *entry = None;
            }
        }
    }
    let identifier =
        |s: &str| s.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c == '_' || c.is_alphanumeric()));
    let mut shims: BTreeMap<String, String> = BTreeMap::new();
    for ((package, alias), target) in aliases {
        let Some(target) = target else { continue };
        if rules.iter().any(|r| covers(&format!("{package}.{alias}"), r)) {
            continue;
        }
        let prefix = format!("{target}.");
        for rule in rules.range(prefix.clone()..).take_while(|r| r.starts_with(&prefix)) {
            let rest = &rule[prefix.len()..];
            if identifier(rest) {
                let text = shims.entry(package.clone()).or_insert_with(|| format!("package {package}\n"));
                text.push_str(&format!("{alias}.{rest} := data.{target}.{rest}\n"));
            }
        }
    }
    shims.into_iter().map(|(package, text)| (format!("<bytecode shims {package}>"), text)).collect()
}

/// Every module of the engine as (name, text), each `name := value` statement followed by a
/// check that fails the body when the value is undefined (`; name == name`; a statement that
/// is a whole `if` body is braced for it). See the module doc; the error names a statement
/// that cannot be rewritten (one with a `with` modifier).
pub fn guarded_modules(engine: &mut Engine) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for module in engine.get_modules() {
        let source = &module.package.span.source;
        let text = source.get_contents();
        let mut edits = Edits { text, edits: Vec::new(), unguarded: None };
        for rule in &module.policy {
            edits.rule(rule);
        }
        if let Some(what) = edits.unguarded {
            return Err(format!("{}: `{what}` cannot be guarded for the VM", source.get_path()));
        }
        let mut rewritten = text.to_string();
        edits.edits.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        for (at, insert) in edits.edits {
            rewritten.insert_str(at, &insert);
        }
        out.push((source.get_path().to_string(), rewritten));
    }
    Ok(out)
}

/// The insertions [`guarded_modules`] makes in one module's text, by byte offset.
struct Edits<'a> {
    text: &'a str,
    edits: Vec<(usize, String)>,
    /// A `:=` statement that could not be guarded.
    unguarded: Option<String>,
}

impl Edits<'_> {
    fn rule(&mut self, rule: &Rule) {
        let Rule::Spec { head, bodies, .. } = rule else { return };
        match head {
            RuleHead::Compr { assign, .. } | RuleHead::Func { assign, .. } => {
                if let Some(assign) = assign {
                    self.expr(&assign.value);
                }
            }
            RuleHead::Set { key, .. } => {
                if let Some(key) = key {
                    self.expr(key);
                }
            }
        }
        for body in bodies {
            if let Some(assign) = &body.assign {
                self.expr(&assign.value);
            }
            self.query(&body.query);
        }
    }

    fn query(&mut self, query: &Query) {
        for stmt in &query.stmts {
            self.statement(stmt);
        }
    }

    fn statement(&mut self, stmt: &LiteralStmt) {
        match &stmt.literal {
            Literal::Expr { expr, .. } => {
                if let Expr::AssignExpr { op: AssignOp::ColEq, lhs, rhs, .. } = expr.as_ref()
                    && let Expr::Var { span, .. } = lhs.as_ref()
                {
                    // A string literal's span leaves out its closing quote.
                    let quoted = matches!(rhs.as_ref(), Expr::String { .. } | Expr::RawString { .. });
                    self.guard(stmt, span.text(), quoted);
                }
                self.expr(expr);
            }
            Literal::NotExpr { expr, .. } => self.expr(expr),
            Literal::SomeIn { key, value, collection, .. } => {
                key.iter().chain([value, collection]).for_each(|e| self.expr(e));
            }
            Literal::Every { domain, query, .. } => {
                self.expr(domain);
                self.query(query);
            }
            Literal::SomeVars { .. } => {}
        }
    }

    /// Fail the body after `stmt` (`name := value`) when `name` is undefined.
    fn guard(&mut self, stmt: &LiteralStmt, name: &str, quoted: bool) {
        let (start, mut end) = (stmt.span.start as usize, stmt.span.end as usize);
        if name == "_" {
            return;
        }
        if quoted && self.text.get(end..).is_some_and(|rest| rest.starts_with(['"', '`'])) {
            end += 1;
        }
        if !stmt.with_mods.is_empty() || self.text.get(start..end).is_none() {
            self.unguarded = Some(stmt.span.text().to_string());
            return;
        }
        // A braceless body (`f(x) := n if n := x.y`) holds one statement: brace it.
        let before = self.text[..start].trim_end();
        let braceless =
            before.ends_with("if") && !before[..before.len() - 2].ends_with(|c: char| c == '_' || c.is_alphanumeric());
        if braceless {
            self.edits.push((start, "{ ".into()));
            self.edits.push((end, format!("; {name} == {name} }}")));
        } else {
            self.edits.push((end, format!("; {name} == {name}")));
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Array { items, .. } | Expr::Set { items, .. } => items.iter().for_each(|e| self.expr(e)),
            Expr::Object { fields, .. } => fields.iter().for_each(|(_, k, v)| {
                self.expr(k);
                self.expr(v);
            }),
            Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
                self.expr(term);
                self.query(query);
            }
            Expr::ObjectCompr { key, value, query, .. } => {
                self.expr(key);
                self.expr(value);
                self.query(query);
            }
            Expr::Call { params, .. } => params.iter().for_each(|e| self.expr(e)),
            Expr::UnaryExpr { expr, .. } | Expr::RefDot { refr: expr, .. } => self.expr(expr),
            Expr::RefBrack { refr: lhs, index: rhs, .. }
            | Expr::BinExpr { lhs, rhs, .. }
            | Expr::BoolExpr { lhs, rhs, .. }
            | Expr::ArithExpr { lhs, rhs, .. }
            | Expr::AssignExpr { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
            Expr::Membership { key, value, collection, .. } => {
                key.iter().chain([value, collection]).for_each(|e| self.expr(e));
            }
            _ => {}
        }
    }
}
