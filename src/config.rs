//! `tollgate.toml`: a project's scan settings, kept in the repository so every developer, hook
//! and pipeline runs the same scan. Found at the scan root, or given with `--config`.
//!
//! ```toml
//! fail-on = "medium"                 # severity threshold of the gate
//! exclude = ["docs/**", "*.min.js"]  # gitignore-style globs, added to --exclude
//! rules = ["security/rules", ".gitleaks.toml"]  # extra secret rules: directories, files, gitleaks configs
//! policies = ["security/policy"]     # extra Rego policy directories (relative to this file)
//! enable = []                        # if set, only these rule and policy ids run
//! disable = ["generic-password"]     # these ids never run
//! baseline = ".tollgate-baseline.json"
//! fingerprint-key = "..."            # keys fingerprints (TOLLGATE_FINGERPRINT_KEY wins)
//!
//! [allow-paths]                      # per-rule path allowlists (globs)
//! generic-api-key = ["tests/**"]
//! TG-K8S-004 = ["deploy/dev/**"]
//! ```
//!
//! Command-line options win over the file; lists are added to. Unknown keys, unknown ids and
//! bad globs are errors that name the file and the key, so a typo never silently turns a check off.

use crate::gate::FailOn;
use anyhow::{Context, Result, bail};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The file looked for at the scan root.
pub const FILE_NAME: &str = "tollgate.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default, deserialize_with = "fail_on")]
    pub fail_on: Option<FailOn>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    #[serde(default)]
    pub policies: Vec<PathBuf>,
    #[serde(default)]
    pub enable: Vec<String>,
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    #[serde(default)]
    pub allow_paths: BTreeMap<String, Vec<String>>,
    /// Keys the fingerprints (see [`crate::fingerprint`]): a per-repository salt, readable by
    /// whoever reads the repository, hidden from whoever sees only its reports.
    #[serde(default)]
    pub fingerprint_key: Option<String>,
}

fn fail_on<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<FailOn>, D::Error> {
    use clap::ValueEnum;
    let s = String::deserialize(d)?;
    FailOn::from_str(&s, true).map(Some).map_err(|_| {
        serde::de::Error::custom(format!(
            "`{s}` is not a severity threshold (expected critical, high, medium, low, info or never)"
        ))
    })
}

impl Config {
    /// `explicit` (from `--config`), else the first `tollgate.toml` in `dirs`, searched in
    /// order. Relative directories in the file are resolved against the file's directory, and its
    /// `exclude` globs are rebased from the file's directory onto `root`, the directory reported
    /// paths are relative to.
    pub fn discover(explicit: Option<&Path>, dirs: &[PathBuf], root: &Path) -> Result<Option<(PathBuf, Config)>> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match dirs.iter().map(|d| d.join(FILE_NAME)).find(|p| p.is_file()) {
                Some(p) => p,
                None => return Ok(None),
            },
        };
        let mut config = Config::load(&path)?;
        if explicit.is_none()
            && let Some(dir) = path.parent()
        {
            config.exclude = rebase_globs(&config.exclude, dir, root);
        }
        Ok(Some((path, config)))
    }

    /// Where a scan of `root` looks for its config when none is named: `scanned` (a single
    /// directory named on the command line) first, then `root` and each directory above it up to
    /// the top of the git repository that holds it (not above: a config outside the repository
    /// is not the project's). Outside a repository, only `scanned` and `root`.
    pub fn search_dirs(scanned: Option<&Path>, root: &Path) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = scanned.filter(|d| *d != root).map(Path::to_path_buf).into_iter().collect();
        let top = root.ancestors().find(|d| d.join(".git").exists());
        match top {
            Some(top) => dirs.extend(root.ancestors().take_while(|d| d.starts_with(top)).map(Path::to_path_buf)),
            None => dirs.push(root.to_path_buf()),
        }
        dirs
    }

    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read config {}", path.display()))?;
        let mut config: Config = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        for p in config.rules.iter_mut().chain(config.policies.iter_mut()).chain(config.baseline.iter_mut()) {
            if p.is_relative() {
                *p = dir.join(&*p);
            }
        }
        Ok(config)
    }
}

impl Config {
    /// Replace each id of `enable`, `disable` and `allow-paths` that `targets` maps to other ids
    /// (an old policy id now an alias of a merged check) by those ids. Ids it maps to nothing
    /// are kept as written, so unknown ids are still reported.
    pub fn resolve_aliases(&mut self, targets: impl Fn(&str) -> Vec<String>) {
        let resolve = |ids: &mut Vec<String>| {
            *ids = ids
                .iter()
                .flat_map(|id| {
                    let to = targets(id);
                    if to.is_empty() { vec![id.clone()] } else { to }
                })
                .collect();
        };
        resolve(&mut self.enable);
        resolve(&mut self.disable);
        let mut allow = BTreeMap::new();
        for (id, globs) in std::mem::take(&mut self.allow_paths) {
            let to = targets(&id);
            for target in if to.is_empty() { vec![id] } else { to } {
                allow.entry(target).or_insert_with(Vec::new).extend(globs.iter().cloned());
            }
        }
        self.allow_paths = allow;
    }
}

/// Which rules run and where: `enable`, `disable` and `allow-paths` of the config.
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    enable: HashSet<String>,
    disable: HashSet<String>,
    allow: Vec<(String, GlobSet)>,
}

impl RuleFilter {
    /// Check every id against `is_known` and compile the globs; errors name `source` and the key.
    pub fn new(config: &Config, source: &Path, is_known: impl Fn(&str) -> bool) -> Result<RuleFilter> {
        let check = |key: &str, id: &str| -> Result<()> {
            if !is_known(id) {
                bail!(
                    "{}: `{key}` names `{id}`, which is no rule or policy id (see `tollgate rules` and `tollgate policies`)",
                    source.display()
                );
            }
            Ok(())
        };
        for id in &config.enable {
            check("enable", id)?;
        }
        for id in &config.disable {
            check("disable", id)?;
        }
        let mut allow = Vec::new();
        for (id, globs) in &config.allow_paths {
            check("allow-paths", id)?;
            let mut set = GlobSetBuilder::new();
            for g in globs {
                let glob = Glob::new(g)
                    .with_context(|| format!("{}: `allow-paths.{id}` has a bad glob `{g}`", source.display()))?;
                set.add(glob);
            }
            allow.push((id.clone(), set.build()?));
        }
        Ok(RuleFilter {
            enable: config.enable.iter().cloned().collect(),
            disable: config.disable.iter().cloned().collect(),
            allow,
        })
    }

    /// Does the filter turn any rule off everywhere (`enable` or `disable` set)?
    pub fn turns_off_rules(&self) -> bool {
        !self.enable.is_empty() || !self.disable.is_empty()
    }

    /// Does the rule run at all?
    pub fn enabled(&self, rule_id: &str) -> bool {
        (self.enable.is_empty() || self.enable.contains(rule_id)) && !self.disable.contains(rule_id)
    }

    /// Is a finding of `rule_id` in `path` reported?
    pub fn keeps(&self, rule_id: &str, path: &str) -> bool {
        self.enabled(rule_id) && !self.allow.iter().any(|(id, globs)| id == rule_id && globs.is_match(path))
    }
}

/// `globs` written relative to `dir` (gitignore style), as globs relative to `root`. A glob with
/// no `/` but a trailing one matches at any depth and is kept; an anchored glob gets the path from
/// `root` to `dir` in front (`dir` below `root`), or loses the path from `dir` to `root` (`dir`
/// above `root`), or is dropped when it names a place outside `root`.
fn rebase_globs(globs: &[String], dir: &Path, root: &Path) -> Vec<String> {
    let slashed = |p: &Path| p.to_string_lossy().replace('\\', "/");
    globs
        .iter()
        .filter_map(|glob| {
            let (negated, body) = glob.strip_prefix('!').map_or((false, glob.as_str()), |b| (true, b));
            let anchored = body.trim_end_matches('/').contains('/');
            if !anchored || body.starts_with("**/") || dir == root {
                return Some(glob.clone());
            }
            let body = body.trim_start_matches('/');
            let rebased = if let Ok(below) = dir.strip_prefix(root) {
                format!("{}/{body}", slashed(below))
            } else {
                let above = root.strip_prefix(dir).ok()?;
                body.strip_prefix(&format!("{}/", slashed(above)))?.to_string()
            };
            Some(if negated { format!("!{rebased}") } else { rebased })
        })
        .collect()
}
