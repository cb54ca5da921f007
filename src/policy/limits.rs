//! Bounds on one policy evaluation, so a policy (a user's, or a built-in one meeting a hostile
//! file) can cost one file a diagnostic but never the scan its time, its memory or its life.
//!
//! What is bounded, and how:
//! - **Time**: regorus's cooperative execution timer stops an evaluation that runs longer than
//!   [`time_limit`] (it checks between statements, loop iterations and calls, so a runaway
//!   comprehension stops within milliseconds of the limit). The limit grows with the document:
//!   the built-in pack is linear in it, and a large legitimate file must not fail the gate.
//! - **Recursion**: Rego forbids it and regorus does not catch it (the stack overflows and the
//!   process aborts), so a recursive function is refused when the set is loaded
//!   ([`super::recursion`]).
//! - **Builtins that allocate from a number**: `numbers.range` and `numbers.range_step` are
//!   replaced by versions that refuse to build more than [`MAX_RANGE_ELEMENTS`] elements:
//!   `numbers.range(1, 1e9)` would otherwise ask for tens of gigabytes in one allocation,
//!   before any timer check could run.
//!
//! What is not: memory that a policy grows step by step within the time limit (doubling a
//! string with `concat` 35 times in a row). regorus can cap that only with its
//! `allocator-memory-limits` feature, which swaps the whole binary's allocator for its own
//! mimalloc build and measures the whole process rather than one evaluation; a secret scan of
//! a large file on another thread could then fail a policy. Not adopted.

use anyhow::{Result, bail};
use regorus::Value;
use regorus::utils::limits::ExecutionTimerConfig;
use std::num::NonZeroU32;
use std::time::Duration;

/// Longest one evaluation (all policies of a kind on one document) may run on a small document.
/// The built-in pack takes milliseconds on ordinary files.
pub const BASE_TIME_LIMIT: Duration = Duration::from_secs(5);

/// Nodes of a document that earn one more second: the built-in pack evaluates ~50,000 nodes a
/// second in a release build, so a large file gets several times what it needs.
const NODES_PER_EXTRA_SECOND: u64 = 5_000;

/// Largest array `numbers.range` / `numbers.range_step` may build (~50 MB of values).
pub const MAX_RANGE_ELEMENTS: u64 = 1_000_000;

/// The time limit for evaluating `document`: [`BASE_TIME_LIMIT`] plus a second per
/// [`NODES_PER_EXTRA_SECOND`] nodes (counted in one pass, cheaper than handing it to regorus).
pub fn time_limit(document: &serde_json::Value) -> Duration {
    let mut nodes: u64 = 0;
    let mut stack = vec![document];
    while let Some(node) = stack.pop() {
        nodes += 1;
        match node {
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    BASE_TIME_LIMIT + Duration::from_secs(nodes / NODES_PER_EXTRA_SECOND)
}

/// Set the time limit for the evaluations that follow on `engine`.
pub fn set_time_limit(engine: &mut regorus::Engine, limit: Duration) {
    engine.set_execution_timer_config(timer(limit));
}

/// The timer of an evaluation limited to `limit` (the interpreter's and the bytecode VM's).
pub fn timer(limit: Duration) -> ExecutionTimerConfig {
    ExecutionTimerConfig {
        limit,
        // Work units between clock reads: small enough that a single expensive unit (a builtin
        // over a large value) cannot overshoot by much, large enough to keep clock reads rare.
        check_interval: NonZeroU32::new(64).expect("non-zero"),
    }
}

/// Apply the bounds to an engine, before any policy is added.
pub fn apply(engine: &mut regorus::Engine) -> Result<()> {
    set_time_limit(engine, BASE_TIME_LIMIT);
    // Extensions are looked up before builtins, so these shadow regorus's own.
    engine.add_extension("numbers.range".into(), 2, Box::new(|args: Vec<Value>| range(&args, None)))?;
    engine.add_extension(
        "numbers.range_step".into(),
        3,
        Box::new(|args: Vec<Value>| range(&args, Some(args.get(2).cloned().unwrap_or(Value::Null)))),
    )?;
    Ok(())
}

/// Is `error` (from an evaluation) a breach of the time limit?
pub fn is_timeout(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|e| matches!(e.downcast_ref::<regorus::LimitError>(), Some(regorus::LimitError::TimeLimitExceeded { .. })))
}

/// `numbers.range(a, b)` (step `None`) or `numbers.range_step(a, b, step)`: the integers from
/// `a` to `b` inclusive, counting down when `b < a`, refusing more than [`MAX_RANGE_ELEMENTS`].
pub(super) fn range(args: &[Value], step: Option<Value>) -> Result<Value> {
    let name = if step.is_some() { "numbers.range_step" } else { "numbers.range" };
    let integer = |v: Option<&Value>| match v {
        Some(Value::Number(n)) if n.is_integer() => n.as_i64(),
        _ => None,
    };
    let (Some(from), Some(to)) = (integer(args.first()), integer(args.get(1))) else {
        bail!("{name}: operands must be integers");
    };
    let step = match step {
        None => 1,
        Some(step) => match integer(Some(&step)) {
            Some(s) if s > 0 => s,
            _ => bail!("{name}: step must be a positive integer"),
        },
    };
    let count = from.abs_diff(to) / step as u64 + 1;
    if count > MAX_RANGE_ELEMENTS {
        bail!("{name}({from}, {to}) would build {count} elements; the limit is {MAX_RANGE_ELEMENTS}");
    }
    let signed_step = if to < from { -step } else { step };
    let values = (0..count as i64).map(|k| Value::from(from + k * signed_step)).collect::<Vec<_>>();
    Ok(Value::from(values))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(query: &str) -> Result<Value> {
        let mut engine = regorus::Engine::new();
        apply(&mut engine)?;
        engine.add_policy("q.rego".into(), format!("package q\nx := {query}\n"))?;
        engine.eval_rule("data.q.x".into())
    }

    #[test]
    fn ranges_match_the_builtins_within_the_limit() {
        let json = |q: &str| serde_json::to_string(&eval(q).unwrap()).unwrap();
        assert_eq!(json("numbers.range(1, 4)"), "[1,2,3,4]");
        assert_eq!(json("numbers.range(2, -1)"), "[2,1,0,-1]");
        assert_eq!(json("numbers.range(3, 3)"), "[3]");
        assert_eq!(json("numbers.range_step(0, 10, 4)"), "[0,4,8]");
        assert_eq!(json("numbers.range_step(10, 0, 4)"), "[10,6,2]");
        assert!(eval("numbers.range(1, 1.5)").is_err());
        assert!(eval("numbers.range_step(1, 5, 0)").is_err());
    }

    #[test]
    fn larger_documents_get_more_time() {
        assert_eq!(time_limit(&serde_json::json!({"a": 1})), BASE_TIME_LIMIT);
        let big = serde_json::Value::Array(vec![serde_json::json!(1); 50_000]);
        assert_eq!(time_limit(&big), BASE_TIME_LIMIT + Duration::from_secs(10));
    }

    #[test]
    fn huge_ranges_are_refused_not_allocated() {
        let err = format!("{:#}", eval("numbers.range(1, 1e9)").unwrap_err());
        assert!(err.contains("limit"), "{err}");
        assert!(eval("numbers.range_step(-9223372036854775807, 9223372036854775807, 1)").is_err());
    }
}
