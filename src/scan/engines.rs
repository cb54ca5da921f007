//! Building what a scan runs from what the user asked for: the secret rules (built-in, plus
//! every rules directory, filtered by the config and `--min-confidence`) and the policies
//! (built-in, compiled per file kind on first use; user policies compiled up front so their
//! errors stop the scan before it starts). `tollgate rules` and `tollgate policies` load the
//! same way.

use crate::analyse::Engines;
use crate::config::{Config, RuleFilter};
use crate::policy::{self, PolicySet, RegoSource};
use crate::secrets::{self, Confidence, RuleSpec, SecretScanner};
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// Built-in rules plus those in `extra_dirs`; user rules are compiled up front so a broken one
/// is a load error, not a failure mid-scan.
pub fn load_scanner(extra_dirs: &[PathBuf]) -> Result<SecretScanner> {
    let (specs, ids_per_dir) = load_specs(extra_dirs)?;
    build_scanner(specs, &ids_per_dir)
}

/// A scanner over `specs`, with the user rules (`ids_per_dir`) compiled up front.
pub fn build_scanner(specs: Vec<RuleSpec>, ids_per_dir: &[Vec<String>]) -> Result<SecretScanner> {
    let scanner = SecretScanner::new(specs)?;
    scanner.compile(|id| ids_per_dir.iter().flatten().any(|u| u == id))?;
    Ok(scanner)
}

/// The built-in rules combined with each rules path's (see [`secrets::loading`]), and the ids
/// each path defined.
pub fn load_specs(extra: &[PathBuf]) -> Result<(Vec<RuleSpec>, Vec<Vec<String>>)> {
    let loaded = secrets::loading::load(extra)?;
    Ok((loaded.specs, loaded.ids_per_path))
}

/// Built-in policies and libraries plus every `*.rego` under `extra_dirs` (tests excluded
/// from evaluation).
pub fn load_policies(extra_dirs: &[PathBuf]) -> Result<PolicySet> {
    PolicySet::new(&policy_sources(extra_dirs)?)
}

/// The built-in policy sources followed by every `*.rego` under `extra_dirs`.
pub fn policy_sources(extra_dirs: &[PathBuf]) -> Result<Vec<RegoSource>> {
    let mut sources = policy::builtin_sources();
    for dir in extra_dirs {
        sources.extend(policy::load_dir(dir)?);
    }
    Ok(sources)
}

/// What one scan loaded, for `-v`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Loaded {
    pub secret_rules: usize,
    pub policy_files: usize,
}

/// Which engines a scan runs (`--scanners`): a secrets-only scan parses no IaC at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scanners {
    pub secrets: bool,
    pub policies: bool,
}

impl Default for Scanners {
    fn default() -> Scanners {
        Scanners { secrets: true, policies: true }
    }
}

/// The engines of one scan and the rule filter `config` (read from `config_path`) asks for,
/// after `checks` and `skip_checks` (the command line's `--check`/`--skip-check`) are added to
/// its `enable`/`disable`. `rule_dirs` and `policy_dirs` already include the config's own.
pub fn build(
    rule_dirs: &[PathBuf],
    policy_dirs: &[PathBuf],
    scanners: Scanners,
    min_confidence: Confidence,
    config: &Config,
    config_path: &Path,
    (checks, skip_checks): (&[String], &[String]),
) -> Result<(Engines, RuleFilter, Loaded)> {
    let (mut specs, ids_per_dir) = load_specs(rule_dirs)?;
    let mut sources = policy_sources(policy_dirs)?;
    // Policy ids are checked against the sources, so the policies need not compile first.
    let is_known = |id: &str| specs.iter().any(|s| s.id == id) || sources.iter().any(|p| p.mentions_policy_id(id));
    // An old id of a check merged into a cross-kind one (TG-GHA-015, now TG-SHELL-001) names
    // that check, in `--check`/`--skip-check` and in the config alike.
    let names_something = |id: &str| is_known(id) || !crate::policy::alias_targets(&sources, id).is_empty();
    for (flag, ids) in [("--check", checks), ("--skip-check", skip_checks)] {
        if let Some(id) = ids.iter().find(|id| !names_something(id)) {
            bail!("{flag} names `{id}`, which is no rule or policy id (see `tollgate rules` and `tollgate policies`)");
        }
    }
    let mut config = config.clone();
    config.enable.extend(checks.iter().cloned());
    config.disable.extend(skip_checks.iter().cloned());
    // `disable = ["CKV_AWS_25"]` (RDP) turns off that part of TG-NET-001, not the whole check:
    // such ids leave the filter and drop the violations all of whose parts they name.
    let (disabled_parts, disable): (Vec<String>, Vec<String>) = std::mem::take(&mut config.disable)
        .into_iter()
        .partition(|id| !is_known(id) && crate::policy::is_partial_alias(&sources, id));
    config.disable = disable;
    config.resolve_aliases(|id| if is_known(id) { Vec::new() } else { crate::policy::alias_targets(&sources, id) });
    let filter = RuleFilter::new(&config, config_path, is_known)?;
    specs.retain(|s| scanners.secrets && filter.enabled(&s.id) && s.confidence() >= min_confidence);
    if !scanners.policies {
        // No policy looks at any kind, so no file is even parsed.
        sources.clear();
    }
    // A policy the filter turns off everywhere (`--check` names others, `disable` names it) is
    // not compiled or evaluated at all; one allowed only on some paths still runs. (Only then
    // are all the blocks read here: otherwise each kind reads its own policies' blocks when its
    // first file is analysed, on the workers.)
    if filter.turns_off_rules() {
        sources.retain(|s| match s.annotation() {
            Ok(Some(meta)) => filter.enabled(&meta.id),
            _ => true,
        });
    }
    let loaded = Loaded { secret_rules: specs.len(), policy_files: sources.iter().filter(|s| !s.is_test()).count() };
    let secrets = build_scanner(specs, &ids_per_dir)?;
    // The built-in pack is known to compile, so it may wait for the first file that needs it;
    // user policies compile now, so their errors stop the scan before it starts.
    let mut engines = if policy_dirs.is_empty() {
        Engines::with_lazy_policies(secrets, sources)
    } else {
        Engines::new(secrets, PolicySet::new(&sources)?)
    };
    engines.disabled_parts = disabled_parts;
    Ok((engines, filter, loaded))
}
