//! The Rego modules a [`super::PolicySet`] generates around the policies it loads: one
//! `metadata` object of the policies that state their metadata as a rule, and per file kind a
//! `results` object of every policy's `deny` for that kind, so one evaluation runs them all and
//! the helpers they share are computed once. A policy that declares `inputs` is behind a
//! generated guard there ([`super::inputs::guard`]) and is evaluated only where it could fire.

use super::{PolicyMeta, inputs};
use std::collections::BTreeMap;

/// Package of the generated modules: `metadata` of every policy, and per kind (a sub-package)
/// the `results` of all its policies' `deny`, so shared helpers are computed once.
pub(super) const COMBINED_PACKAGE: &str = "data.tollgate_combined";

/// A compiled module that declares `deny`.
pub(super) struct Loaded<'a> {
    pub(super) source: &'a str,
    /// `data.<package>`
    pub(super) package: String,
    /// What its `# METADATA` block states, if it has one.
    pub(super) annotation: Option<PolicyMeta>,
    /// The kinds whose generated module evaluates its `deny`.
    pub(super) placed: Vec<String>,
    /// What it declares it inspects: its `deny` is evaluated only when the document holds one.
    pub(super) inputs: Vec<inputs::Selector>,
}

/// The generated modules, as (name, text), for the `loaded` policies; each is keyed by its
/// position. Object literals, because `eval_rule` needs a rule path and `results["0"] := ...`
/// rules would each be a path of their own. `metadata` lists only the policies without a
/// `# METADATA` block (an empty object when every policy has one).
pub(super) fn combined_modules(loaded: &[Loaded]) -> Vec<(String, String)> {
    let package = COMBINED_PACKAGE.trim_start_matches("data.");
    let entry = |key: usize, policy: &str, rule: &str| format!("\n  \"{key}\": {policy}.{rule},");
    let mut metadata = format!("package {package}\nmetadata := {{");
    let mut results: BTreeMap<&str, (String, String)> = BTreeMap::new();
    for (key, policy) in loaded.iter().enumerate() {
        if policy.annotation.is_none() {
            metadata.push_str(&entry(key, &policy.package, "metadata"));
        }
        for kind in &policy.placed {
            let (module, gates) = results
                .entry(kind)
                .or_insert_with(|| (format!("package {package}.{}\nresults := {{", kind_ident(kind)), String::new()));
            if !policy.inputs.is_empty() {
                // Evaluated only when the document holds what the policy inspects.
                module.push_str(&format!("\n  \"{key}\": gated_{key},"));
                if gates.is_empty() {
                    gates.push_str(inputs::PRESENT_RULES);
                }
                gates.push_str(&format!(
                    "\ndefault gated_{key} := []\n\ngated_{key} := {}.deny if run_{key}\n\n{}",
                    policy.package,
                    inputs::guard(&key.to_string(), &policy.inputs)
                ));
            } else {
                module.push_str(&entry(key, &policy.package, "deny"));
            }
        }
    }
    let mut modules = vec![("<combined metadata>".to_string(), metadata + "\n}\n")];
    modules.extend(
        results.into_iter().map(|(kind, (module, gates))| (format!("<combined {kind}>"), module + "\n}\n" + &gates)),
    );
    modules
}

/// The selectors of a policy's `inputs` (validated when its metadata was read).
pub(super) fn selectors(inputs: &[String]) -> Vec<inputs::Selector> {
    inputs.iter().filter_map(|s| inputs::Selector::parse(s).ok()).collect()
}

/// A kind name as a Rego identifier (`docker-compose` -> `docker_compose`).
pub(super) fn kind_ident(kind: &str) -> String {
    kind.replace('-', "_")
}
