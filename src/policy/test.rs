//! `tollgate policy test`: runs every `test_*` rule of the `*_test.rego` files, like
//! `opa test`, against the policies and libraries they test.

use super::RegoSource;
use anyhow::{Context, Result};
use regorus::{Engine, Value};

/// The outcome of one test rule.
#[derive(Debug, Clone)]
pub struct TestResult {
    /// `data.<package>.<rule>`
    pub name: String,
    pub file: String,
    pub passed: bool,
    /// Why it failed: `false`, undefined, or the evaluation error.
    pub detail: Option<String>,
}

/// Load every source (tests included) and evaluate each `test_*` rule, under the same bounds
/// and builtin-error semantics as a scan (a recursive test would otherwise abort the process).
pub fn run_tests(sources: &[RegoSource]) -> Result<Vec<TestResult>> {
    let mut engine = Engine::new();
    super::limits::apply(&mut engine)?;
    engine.set_strict_builtin_errors(false);
    super::shell::register(&mut engine)?;
    let mut tests = Vec::new();
    for src in sources {
        let package = engine
            .add_policy(src.name.clone(), src.text.clone())
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("cannot compile {}", src.name))?;
        if src.is_test() {
            for rule in test_rule_names(&src.text) {
                tests.push((format!("{package}.{rule}"), src.name.clone()));
            }
        }
    }
    super::recursion::check(&mut engine)?;
    Ok(tests
        .into_iter()
        .map(|(name, file)| {
            let (passed, detail) = match engine.eval_rule(name.clone()) {
                Ok(Value::Bool(true)) => (true, None),
                Ok(Value::Undefined) => (false, Some("undefined".to_string())),
                Ok(other) => (false, Some(format!("evaluated to {other}"))),
                Err(e) => (false, Some(format!("error: {e}"))),
            };
            TestResult { name, file, passed, detail }
        })
        .collect())
}

/// Names of the rules whose head starts a line with `test_` (each listed once).
fn test_rule_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("test_") {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let full = format!("test_{name}");
            if !names.contains(&full) {
                names.push(full);
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passing_failing_and_erroring_tests() {
        let sources = vec![
            RegoSource::new("p.rego", "package p\nallow if input.ok == true\n"),
            RegoSource::new(
                "p_test.rego",
                "package p_test\nimport data.p\ntest_ok if p.allow with input as {\"ok\": true}\n\
                 test_not_ok if p.allow with input as {\"ok\": false}\n",
            ),
        ];
        let results = run_tests(&sources).unwrap();
        let summary: Vec<(String, bool)> = results.iter().map(|r| (r.name.clone(), r.passed)).collect();
        assert_eq!(
            summary,
            vec![("data.p_test.test_ok".to_string(), true), ("data.p_test.test_not_ok".to_string(), false)]
        );
    }
}
