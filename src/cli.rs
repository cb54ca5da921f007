//! The command line: argument definitions (`clap` derive) and the thin glue from each
//! subcommand to the library. Exit codes: 0 pass, 1 gate failed, 2 error.

use crate::git;
use crate::model::RuleInfo;
use crate::policy;
use crate::scan::engines::{load_scanner, load_specs, policy_sources};
use crate::secrets::{Category, Confidence, SecretScanner, selftest};
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

mod completions;
mod git_scope;
mod kinds_command;
mod merge_command;
mod outputs;
mod scan_command;
mod selection;
mod threshold_arg;
use kinds_command::{KindsArgs, ParseArgs, cmd_kinds, cmd_parse};
use merge_command::{MergeArgs, cmd_merge};
use scan_command::{ScanArgs, cmd_scan};

#[derive(Parser, Debug)]
#[command(
    name = "tollgate",
    version,
    about = "Scan a repository for hard-coded secrets and misconfigurations, and gate a pipeline on the result.",
    long_about = "tollgate scans source code, IaC templates and CI/CD configs for hard-coded credentials and \
                  misconfigurations, writes text, JSON or SARIF reports, and exits non-zero when the gate fails.\n\n\
                  Exit codes: 0 pass, 1 gate failed (findings at or above --fail-on), 2 usage, configuration or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Scan files and directories, report findings and gate on them.
    Scan(Box<ScanArgs>),
    /// List the secret rules, or check their examples (`tollgate rules check`).
    Rules(RulesArgs),
    /// List the misconfiguration policies: id, severity, file kinds, title.
    Policies(PoliciesArgs),
    /// Work with Rego policies (`tollgate policy test`).
    Policy(PolicyArgs),
    /// List the file kinds: how each is detected, and which policies read it.
    Kinds(KindsArgs),
    /// Print the input a policy receives for FILE (kind, path, document, facets) as JSON.
    Parse(ParseArgs),
    /// Show what a rule or policy checks, why it matters and how to fix it.
    Explain(ExplainArgs),
    /// Install a git pre-commit hook that runs `tollgate scan --staged`.
    InstallHook(InstallHookArgs),
    /// Merge the SARIF or JSON reports of several jobs (`scan --shard K/N`) into one and gate
    /// on it.
    Merge(MergeArgs),
    /// Upload a SARIF file to GitHub code scanning (token from GITHUB_TOKEN).
    Upload(crate::upload::UploadArgs),
    /// Print a shell completion script (`tollgate completions bash > /etc/bash_completion.d/tollgate`).
    Completions(completions::CompletionsArgs),
    /// Print the man page, tollgate(1), in roff (`tollgate man > tollgate.1`; `tollgate man scan`
    /// for tollgate-scan(1)).
    Man(completions::ManArgs),
}

#[derive(Args, Debug)]
struct InstallHookArgs {
    /// Replace an existing pre-commit hook that tollgate did not write (it is kept as
    /// `pre-commit.bak`).
    #[arg(long)]
    force: bool,
}

#[derive(Args, Debug)]
struct PoliciesArgs {
    /// Also load Rego policies from DIR (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    policies: Vec<PathBuf>,
    /// Print a Markdown table (the README's policy list is generated with this).
    #[arg(long)]
    markdown: bool,
}

#[derive(Args, Debug)]
struct PolicyArgs {
    #[command(subcommand)]
    action: PolicyAction,
}

#[derive(Subcommand, Debug)]
enum PolicyAction {
    /// Run the `test_*` rules of every `*_test.rego` file, like `opa test`; exit 1 if any fails.
    /// With DIR, run DIR's tests (with the built-in library available); else the built-in ones.
    Test {
        /// Directory of policies and their tests [default: the built-in policies].
        dir: Option<PathBuf>,
        /// Print every test, not only failures.
        #[arg(short, long)]
        verbose: bool,
    },
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// A secret rule id (`aws-access-key-id`) or policy id (`TG-AWS-001`).
    id: String,
    /// Also load secret rules from PATH (repeatable): a directory, a rules file or a gitleaks config.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Also load Rego policies from DIR (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    policies: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct RulesArgs {
    #[command(subcommand)]
    action: Option<RulesAction>,

    /// Also load secret rules from PATH (repeatable): a directory of *.toml rules files, a
    /// rules file, or a gitleaks / Betterleaks config.
    #[arg(long = "rules", value_name = "PATH", global = true)]
    rules: Vec<PathBuf>,

    /// List only the rules at least this sure of their findings.
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_confidence: Option<Confidence>,

    /// List only the rules of this category (repeatable).
    #[arg(long, value_enum, value_name = "CATEGORY")]
    category: Vec<Category>,
}

#[derive(Subcommand, Debug)]
enum RulesAction {
    /// List rules: id, severity, confidence, category, description (the default).
    List,
    /// Run every rule's examples and negative examples through the engine; exit 1 if any fails.
    /// With DIR, check only the rules defined in DIR's *.toml files.
    Check {
        /// Directory of rule files to check [default: the built-in rules].
        dir: Option<PathBuf>,
    },
}

/// Parse, run, and return the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Scan(args) => cmd_scan(*args),
        Command::Rules(args) => cmd_rules(args),
        Command::Policies(args) => cmd_policies(args),
        Command::Policy(args) => cmd_policy(args),
        Command::Kinds(args) => cmd_kinds(args),
        Command::Parse(args) => cmd_parse(args),
        Command::Explain(args) => cmd_explain(args),
        Command::InstallHook(args) => cmd_install_hook(args),
        Command::Merge(args) => cmd_merge(args),
        Command::Upload(args) => crate::upload::cmd_upload(args),
        Command::Completions(args) => completions::cmd_completions(args),
        Command::Man(args) => completions::cmd_man(args),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`tollgate rules | head`) is not an error of ours.
        Err(err) if outputs::is_broken_pipe(&err) => 0,
        Err(err) => {
            eprintln!("tollgate: error: {err:#}");
            2
        }
    }
}

fn cmd_rules(args: RulesArgs) -> Result<i32> {
    match args.action.unwrap_or(RulesAction::List) {
        RulesAction::List => {
            let scanner = load_scanner(&args.rules)?;
            let mut out = std::io::stdout().lock();
            let shown = scanner.rules().iter().filter(|r| {
                args.min_confidence.is_none_or(|c| r.spec.confidence() >= c)
                    && (args.category.is_empty() || args.category.contains(&r.spec.category()))
            });
            for rule in shown {
                let spec = &rule.spec;
                writeln!(
                    out,
                    "{:<40} {:<9} {:<7} {:<17} {}",
                    rule.id(),
                    spec.severity.as_str(),
                    spec.confidence().as_str(),
                    spec.category().as_str(),
                    spec.description
                )?;
            }
            Ok(0)
        }
        RulesAction::Check { dir } => {
            let mut dirs = args.rules.clone();
            dirs.extend(dir.iter().cloned());
            let (specs, mut ids_per_dir) = load_specs(&dirs)?;
            // With DIR, only DIR's rules are checked (the others stay loaded, for shadowing).
            let selected: Option<Vec<String>> = dir.as_ref().and_then(|_| ids_per_dir.pop());
            let scanner = SecretScanner::new(specs)?;
            scanner.compile(|_| true)?;
            let (checked, failures) = selftest::check_examples(&scanner, |id| {
                selected.as_ref().is_none_or(|ids| ids.iter().any(|s| s == id))
            })?;
            let rules = selected.as_ref().map_or(scanner.rules().len(), Vec::len);
            for f in &failures {
                let what = if f.missed { "example not detected" } else { "negative example detected" };
                println!("FAIL {}: {what}: {}", f.rule_id, f.example);
            }
            println!(
                "{} rules, {checked} examples: {} passed, {} failed",
                rules,
                checked - failures.len(),
                failures.len()
            );
            Ok(if failures.is_empty() { 0 } else { 1 })
        }
    }
}

/// The metadata of the built-in policies and those under `extra_dirs`, read from their
/// `# METADATA` blocks without compiling.
fn policy_catalog(extra_dirs: &[PathBuf]) -> Result<Vec<policy::PolicyMeta>> {
    policy::catalog(&policy_sources(extra_dirs)?)
}

fn cmd_policies(args: PoliciesArgs) -> Result<i32> {
    let policies = policy_catalog(&args.policies)?;
    let mut out = std::io::stdout().lock();
    if args.markdown {
        // One section per platform of the kinds registry, in its order, for the README; checks
        // over a facet that span platforms (TG-SHELL-001: Dockerfile, GitHub Actions, ...) first.
        let platforms = crate::kinds::platforms();
        let platform_of = |kind: &str| platforms.iter().position(|(_, kinds)| kinds.contains(&kind));
        let spans_platforms = |p: &&policy::metadata::PolicyMeta| {
            let first = p.kinds.first().and_then(|k| platform_of(k));
            p.kinds.iter().any(|k| platform_of(k) != first)
        };
        let sections = std::iter::once(("Across kinds", None)).chain(platforms.iter().map(|(t, k)| (*t, Some(k))));
        for (title, kinds) in sections {
            let rows: Vec<_> = policies
                .iter()
                .filter(|p| match kinds {
                    None => spans_platforms(p),
                    Some(kinds) => !spans_platforms(p) && p.kinds.first().is_some_and(|k| kinds.contains(&k.as_str())),
                })
                .collect();
            if rows.is_empty() {
                continue;
            }
            writeln!(out, "#### {title}\n\n| id | severity | kinds | title |\n| --- | --- | --- | --- |")?;
            for p in rows {
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    p.id,
                    p.severity,
                    p.kinds.join(", "),
                    p.title.replace('|', "\\|")
                )?;
            }
            writeln!(out)?;
        }
        return Ok(0);
    }
    for p in &policies {
        writeln!(out, "{:<14} {:<9} {:<28} {}", p.id, p.severity.as_str(), p.kinds.join(","), p.title)?;
    }
    Ok(0)
}

fn cmd_policy(args: PolicyArgs) -> Result<i32> {
    match args.action {
        PolicyAction::Test { dir, verbose } => {
            let mut sources = policy::builtin_sources();
            if let Some(d) = &dir {
                // The user's tests, with the built-in library (not the built-in tests) available.
                sources.retain(|s| !s.is_test());
                sources.extend(policy::load_dir(d)?);
            }
            let results = policy::test::run_tests(&sources)?;
            let failed = results.iter().filter(|r| !r.passed).count();
            for r in &results {
                if !r.passed {
                    println!("FAIL: {} ({}): {}", r.name, r.file, r.detail.as_deref().unwrap_or(""));
                } else if verbose {
                    println!("PASS: {} ({})", r.name, r.file);
                }
            }
            println!("{} passed, {failed} failed", results.len() - failed);
            Ok(if failed == 0 { 0 } else { 1 })
        }
    }
}

fn cmd_explain(args: ExplainArgs) -> Result<i32> {
    let scanner = load_scanner(&args.rules)?;
    let policies = policy_catalog(&args.policies)?;
    let info = scanner
        .rules()
        .iter()
        .find(|r| r.id().eq_ignore_ascii_case(&args.id))
        .map(|r| {
            let what = format!(
                "secret rule, confidence: {}, category: {}\ntags: {}",
                r.spec.confidence(),
                r.spec.category(),
                r.spec.tags.join(", ")
            );
            // A rule scoped to a file (`example_path`) names the file its examples are read as.
            let file = r.spec.example_path.as_deref().unwrap_or_default();
            let shown = |list: &[String]| list.first().map(|e| (file, e.clone()));
            let examples = shown(&r.spec.examples).zip(shown(&r.spec.negative_examples));
            (RuleInfo::from_secret_rule(r), what, examples)
        })
        .or_else(|| {
            // An old id that is now an alias of a merged check explains that check.
            let by_id = policies.iter().find(|p| p.id.eq_ignore_ascii_case(&args.id));
            let by_alias = || policies.iter().find(|p| p.aliases.iter().any(|a| a.eq_ignore_ascii_case(&args.id)));
            by_id.or_else(by_alias).map(|p| {
                let mut what = format!("policy for {} ({})", p.kinds.join(", "), p.source);
                if !p.aliases.is_empty() {
                    what.push_str(&format!("\nsame check as: {}", p.aliases.join(", ")));
                }
                if !p.partial_aliases.is_empty() {
                    // Their markers suppress only the findings (or parts) they name.
                    what.push_str(&format!("\npart of it only: {}", p.partial_aliases.join(", ")));
                }
                let examples = policy::examples::of_source(&p.source)
                    .map(|e| ((e.bad.0, e.bad.1.to_string()), (e.good.0, e.good.1.to_string())));
                (RuleInfo::from_policy(p), what, examples)
            })
        });
    let Some((info, what, examples)) = info else {
        anyhow::bail!("no rule or policy with id `{}` (see `tollgate rules` and `tollgate policies`)", args.id);
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}: {}", info.id, info.title)?;
    writeln!(out, "severity: {}    {what}", info.severity)?;
    writeln!(out, "\n{}", info.description)?;
    if let Some(fix) = &info.remediation {
        writeln!(out, "\nRemediation: {fix}")?;
    }
    if let Some(((bad_name, bad), (good_name, good))) = examples {
        // Secret rules' examples are one line each; policies' are files, named.
        for (label, name, text) in [("Reported", bad_name, bad), ("Not reported", good_name, good)] {
            let named = if name.is_empty() { String::new() } else { format!(" ({name})") };
            writeln!(out, "\n{label}{named}:")?;
            for line in text.lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    if !info.references.is_empty() {
        writeln!(out, "\nSee:")?;
        for uri in &info.references {
            writeln!(out, "  {uri}")?;
        }
    }
    Ok(0)
}

/// Marks a hook tollgate wrote, so it may be rewritten without `--force`.
const HOOK_MARKER: &str = "installed by `tollgate install-hook`";

fn cmd_install_hook(args: InstallHookArgs) -> Result<i32> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let hooks = git::hooks_dir(&cwd)?;
    let hook = hooks.join("pre-commit");
    if let Ok(existing) = std::fs::read_to_string(&hook)
        && !existing.contains(HOOK_MARKER)
    {
        if !args.force {
            anyhow::bail!(
                "{} already exists and was not written by tollgate; add `tollgate scan --staged` to it, or run \
                 `tollgate install-hook --force` to replace it (the old hook is kept as pre-commit.bak)",
                hook.display()
            );
        }
        let backup = hooks.join("pre-commit.bak");
        std::fs::rename(&hook, &backup).with_context(|| format!("cannot move {} aside", hook.display()))?;
        eprintln!("tollgate: kept the previous hook as {}", backup.display());
    }
    std::fs::create_dir_all(&hooks).with_context(|| format!("cannot create {}", hooks.display()))?;
    // `tollgate` from PATH, not this binary's path: a hook that names a file breaks every commit
    // once the binary moves (a new toolchain, a reinstall elsewhere). Missing, it blocks the
    // commit with the way out, rather than let the commit through unscanned.
    let script = format!(
        "#!/bin/sh\n# {HOOK_MARKER}: scan the staged changes for secrets and misconfigurations.\n\
         # Skip once with `git commit --no-verify`; settings come from tollgate.toml.\n\
         if ! command -v tollgate >/dev/null 2>&1; then\n\
         \x20 echo 'tollgate: not found on PATH, so this commit was not scanned. Install tollgate (see its README) \
         or put it on PATH; to commit without the scan once, use git commit --no-verify.' >&2\n\
         \x20 exit 1\nfi\n\
         exec tollgate scan --staged \"$@\"\n"
    );
    std::fs::write(&hook, script).with_context(|| format!("cannot write {}", hook.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))?;
    }
    eprintln!("tollgate: installed {}", hook.display());
    if !on_path("tollgate") {
        eprintln!(
            "tollgate: warning: `tollgate` is not on PATH, and the hook runs it from there: until it is, \
             commits are blocked (install it, e.g. `cargo install --locked --path .`)"
        );
    }
    Ok(0)
}

/// Is there an executable `name` in a directory of PATH (as `command -v` would find it)?
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            let file = dir.join(name);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            }
            #[cfg(not(unix))]
            file.is_file()
        })
    })
}
