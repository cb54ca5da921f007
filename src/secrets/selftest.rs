//! Runs every rule's `examples` and `negative_examples` through the real scanner: each example
//! must produce a finding of its rule, each negative example must not.

use super::SecretScanner;

/// One rule's example that did not behave.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub rule_id: String,
    pub example: String,
    /// `true` when a positive example was missed, `false` when a negative one fired.
    pub missed: bool,
}

/// Check the examples of the rules accepted by `select` (all rules' patterns stay active, so a
/// specific rule shadowing a generic one is part of what is checked).
pub fn check_examples(scanner: &SecretScanner, select: impl Fn(&str) -> bool) -> (usize, Vec<ExampleFailure>) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (i, rule) in scanner.rules().iter().enumerate() {
        if !select(rule.id()) {
            continue;
        }
        // A syntax rule's examples are files of its language.
        let path = rule.spec.syntax.as_deref().and_then(super::syntax::Language::example_path);
        let path = path.as_deref().unwrap_or("example.txt");
        let fires = |text: &str| scanner.scan(path, text.as_bytes()).iter().any(|m| m.rule == i);
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
    (checked, failures)
}
