//! Runs every rule's `examples` and `negative_examples` through the real scanner: each example
//! must produce a finding of its rule, each negative example must not. They are scanned as a file
//! at the rule's example path (`example_path`, else `example.txt` or a file of a `syntax` rule's
//! language), which a rule's `path` must match.

use super::SecretScanner;
use anyhow::Result;

/// One rule's example that did not behave.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub rule_id: String,
    pub example: String,
    /// `true` when a positive example was missed, `false` when a negative one fired.
    pub missed: bool,
}

/// Check the examples of the rules accepted by `select` (all rules' patterns stay active, so a
/// specific rule shadowing a generic one is part of what is checked). A selected rule whose
/// `path` excludes its example path is an error naming it: its examples could never fire.
pub fn check_examples(scanner: &SecretScanner, select: impl Fn(&str) -> bool) -> Result<(usize, Vec<ExampleFailure>)> {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (i, rule) in scanner.rules().iter().enumerate() {
        if !select(rule.id()) {
            continue;
        }
        let path = rule.example_path()?;
        let fires = |text: &str| scanner.scan(&path, text.as_bytes()).iter().any(|m| m.rule == i);
        for (examples, expect) in [(&rule.spec.examples, true), (&rule.spec.negative_examples, false)] {
            for example in examples {
                checked += 1;
                if fires(example) != expect {
                    failures.push(ExampleFailure {
                        rule_id: rule.id().to_string(),
                        example: example.clone(),
                        missed: expect,
                    });
                }
            }
        }
    }
    Ok((checked, failures))
}
