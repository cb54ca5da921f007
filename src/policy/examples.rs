//! The built-in checks' own examples, one bad and one good file each (the smallest of each side
//! of the check folder's `examples/`, embedded by `build.rs`), so `tollgate explain` can show
//! what a check reports and what it accepts.

/// `(check folder under policies/, bad file, bad text, good file, good text)`.
const EXAMPLES: &[(&str, &str, &str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_examples.rs"));

/// One bad and one good example file of a check: `(name, text)` each.
pub struct Examples {
    pub bad: (&'static str, &'static str),
    pub good: (&'static str, &'static str),
}

/// The examples of the built-in check whose `policy.rego` is at `source`
/// (`policies/<platform>/<service>/<ID>-<slug>/policy.rego`, as the catalog names it).
pub fn of_source(source: &str) -> Option<Examples> {
    let folder = source.strip_prefix("policies/")?.strip_suffix("/policy.rego")?;
    EXAMPLES
        .iter()
        .find(|(f, ..)| *f == folder)
        .map(|&(_, bad, bad_text, good, good_text)| Examples { bad: (bad, bad_text), good: (good, good_text) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_check_folder_has_examples_to_show() {
        assert!(EXAMPLES.len() >= 80, "{}", EXAMPLES.len());
        let net = of_source("policies/common/network/TG-NET-001-restricted-port-open-to-world/policy.rego").unwrap();
        assert!(!net.bad.1.is_empty() && !net.good.1.is_empty());
        assert!(of_source("my-policies/x/policy.rego").is_none());
    }
}
