//! Which secret rules a run uses: the built-in rules, plus user rules from `--rules PATH`
//! (and `rules = [...]` in `tollgate.toml`). A PATH is a directory of tollgate rules files, a
//! tollgate rules file (`[[rule]]` tables), or a gitleaks / Betterleaks config (see
//! [`super::gitleaks`]), told apart by content.
//!
//! A user rule with a built-in id replaces it. A gitleaks config without `[extend] useDefault
//! = true` replaces the built-in rules altogether, as it does in gitleaks; its `disabledRules`
//! drop built-in rules, and its top-level allowlists apply to every rule of the run.

use super::gitleaks;
use super::rule::{self, RuleSpec};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The rules of a run, and the ids each user path defined (those are compiled up front, so a
/// broken user pattern is a load error, not a failure mid-scan).
pub struct LoadedRules {
    pub specs: Vec<RuleSpec>,
    pub ids_per_path: Vec<Vec<String>>,
}

/// The built-in rules combined with the rules at `paths`, in order.
pub fn load(paths: &[PathBuf]) -> Result<LoadedRules> {
    let mut keep_builtin = true;
    let mut disabled: Vec<(String, &Path)> = Vec::new();
    let mut global = Vec::new();
    let mut user = Vec::with_capacity(paths.len());
    for path in paths {
        if path.is_dir() {
            user.push(rule::load_rules_dir(path)?);
            continue;
        }
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read rules file {origin}"))?;
        let table: toml::Table = toml::from_str(&text).with_context(|| format!("{origin}: invalid rules file"))?;
        if gitleaks::is_gitleaks(&table) {
            let imported = gitleaks::import(&table, &origin)?;
            keep_builtin &= imported.use_default;
            disabled.extend(imported.disabled.into_iter().map(|id| (id, path.as_path())));
            global.extend(imported.global);
            user.push(imported.rules);
        } else {
            user.push(rule::parse_rules(&text, &origin)?);
        }
    }
    let mut specs = if keep_builtin { super::builtin_specs()? } else { Vec::new() };
    for (id, path) in &disabled {
        let before = specs.len();
        specs.retain(|s| &s.id != id);
        if specs.len() == before && keep_builtin {
            bail!(
                "{}: `extend.disabledRules` names `{id}`, which is no built-in rule (see `tollgate rules`)",
                path.display()
            );
        }
    }
    let ids_per_path = user.iter().map(|specs| specs.iter().map(|s| s.id.clone()).collect()).collect();
    for extra in user {
        super::merge_specs(&mut specs, extra);
    }
    for (targets, allowlist) in global {
        for spec in specs.iter_mut().filter(|s| targets.is_empty() || targets.contains(&s.id)) {
            spec.allowlists.push(allowlist.clone());
        }
    }
    Ok(LoadedRules { specs, ids_per_path })
}
