//! The command line: argument definitions (`clap` derive) and the thin glue from each
//! subcommand to the library. Exit codes: 0 pass, 1 gate failed, 2 error.

use crate::analyse::{AnalyseOptions, Engines};
use crate::catalog::RuleInfo;
use crate::config::{Config, RuleFilter};
use crate::discover::DiscoverOptions;
use crate::finding::SuppressionKind;
use crate::fingerprint::Fingerprinter;
use crate::gate::{self, FailOn};
use crate::git;
use crate::policy::{self, PolicySet};
use crate::report::DiagnosticLevel;
use crate::report::{self, Format, WriteOptions};
use crate::scan::{self, ScanOptions};
use crate::secrets::{self, Category, Confidence, RuleSpec, SecretScanner, rule::load_rules_dir, selftest};
use crate::suppress::Baseline;
use crate::upload::{self, UploadFlags};
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

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
    /// Show what a rule or policy checks, why it matters and how to fix it.
    Explain(ExplainArgs),
    /// Install a git pre-commit hook that runs `tollgate scan --staged`.
    InstallHook(InstallHookArgs),
    /// Upload a SARIF file to GitHub code scanning (token from GITHUB_TOKEN).
    Upload(crate::upload::UploadArgs),
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
    /// Also load secret rules from DIR (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Also load Rego policies from DIR (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    policies: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct ScanArgs {
    /// Files or directories to scan; `-` alone reads one file from standard input (at most
    /// --max-file-size bytes), reported as --stdin-name.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// The name `scan -` reports standard input under, relative to the root; it also decides
    /// the file's kind (`--stdin-name main.tf` is scanned as Terraform).
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    stdin_name: String,

    /// Scan what the next commit would contain: the staged (index) content of added and
    /// modified files, not the work tree. Paths are reported relative to the repository top.
    #[arg(long, conflicts_with = "paths")]
    staged: bool,

    /// Report format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Fail the gate (exit 1) on findings of this severity or worse [default: the config's
    /// `fail-on`, else high].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,

    /// Read settings from FILE [default: tollgate.toml at the scan root, if there is one].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Also load secret rules from every *.toml file under DIR (repeatable). A rule with a
    /// built-in id replaces the built-in one.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,

    /// Also load Rego policies from every *.rego file under DIR (repeatable); see the README for
    /// the policy format and `input`.
    #[arg(long = "policy", value_name = "DIR")]
    policies: Vec<PathBuf>,

    /// Run only the secret rules at least this sure of their findings: `high` (fixed prefixes,
    /// checksums), `medium` (also unprefixed formats recognised by a keyword on the line) or
    /// `low` (also generic heuristics such as `password = "..."`); `tollgate rules` shows each
    /// rule's confidence.
    #[arg(long, value_enum, default_value_t = Confidence::Low, value_name = "LEVEL")]
    min_confidence: Confidence,

    /// What a file that cannot be parsed as its kind (broken YAML, HCL, ...) does to the gate:
    /// `warn` reports it and passes, `fail` reports it and exits 2.
    #[arg(long, value_enum, default_value_t = ParseErrors::Warn, value_name = "WHAT")]
    on_parse_error: ParseErrors,

    /// Exclude paths matching this gitignore-style glob (repeatable).
    #[arg(short = 'e', long = "exclude", value_name = "GLOB")]
    excludes: Vec<String>,

    /// Skip files larger than this (bytes, or with a K/M/G suffix); they are reported as skipped.
    #[arg(long, default_value = "5M", value_parser = parse_size, value_name = "SIZE")]
    max_file_size: u64,

    /// Also scan vendored directories (node_modules, vendor, .venv, ...) and lock files.
    #[arg(long)]
    no_default_excludes: bool,

    /// Report paths relative to DIR [default: the current directory, if every path is inside
    /// it; else the one directory given].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,

    /// Show secrets in full in every report. Reports may then leak credentials: use with care.
    #[arg(long)]
    no_redact: bool,

    /// Key the findings' fingerprints with KEY (HMAC-SHA256), so a fingerprint in a baseline or
    /// report says nothing about its secret. Prefer the environment variable, which other
    /// processes cannot read; use the same key wherever the baseline is used [env:
    /// TOLLGATE_FINGERPRINT_KEY; default: the config's `fingerprint-key`, else none].
    #[arg(long, value_name = "KEY")]
    fingerprint_key: Option<String>,

    /// Worker threads, at most 4 per CPU [default: the number of CPUs].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,

    /// Colour the text report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// Accept the findings recorded in FILE (a baseline, or a SARIF log from an earlier tollgate
    /// run): they are reported as baselined and do not fail the gate.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record every current finding in FILE (by fingerprint; no secrets, no line numbers) and
    /// accept them: later scans with `--baseline FILE` fail only on new findings.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Do not print the summary line on standard error.
    #[arg(short, long)]
    quiet: bool,

    /// Also upload the results to GitHub code scanning as SARIF (whatever --format is), even
    /// when the gate fails; a failed upload exits 2. Token from GITHUB_TOKEN.
    #[arg(long)]
    upload: bool,

    #[command(flatten, next_help_heading = "Upload (with --upload)")]
    upload_flags: UploadFlags,
}

#[derive(Args, Debug)]
struct RulesArgs {
    #[command(subcommand)]
    action: Option<RulesAction>,

    /// Also load rules from every *.toml file under DIR (repeatable).
    #[arg(long = "rules", value_name = "DIR", global = true)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ParseErrors {
    Warn,
    Fail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
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
        Command::Explain(args) => cmd_explain(args),
        Command::InstallHook(args) => cmd_install_hook(args),
        Command::Upload(args) => crate::upload::cmd_upload(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("tollgate: error: {err:#}");
            2
        }
    }
}

/// Built-in rules plus those in `extra_dirs`; user rules are compiled up front so a broken one
/// is a load error, not a failure mid-scan.
fn load_scanner(extra_dirs: &[PathBuf]) -> Result<SecretScanner> {
    let (specs, ids_per_dir) = load_specs(extra_dirs)?;
    build_scanner(specs, &ids_per_dir)
}

/// A scanner over `specs`, with the user rules (`ids_per_dir`) compiled up front.
fn build_scanner(specs: Vec<RuleSpec>, ids_per_dir: &[Vec<String>]) -> Result<SecretScanner> {
    let scanner = SecretScanner::new(specs)?;
    scanner.compile(|id| ids_per_dir.iter().flatten().any(|u| u == id))?;
    Ok(scanner)
}

/// The built-in rules merged with each directory's rules, and the ids each directory defined.
fn load_specs(extra_dirs: &[PathBuf]) -> Result<(Vec<RuleSpec>, Vec<Vec<String>>)> {
    let mut specs = secrets::builtin_specs()?;
    let mut ids_per_dir = Vec::with_capacity(extra_dirs.len());
    for dir in extra_dirs {
        let extra = load_rules_dir(dir)?;
        ids_per_dir.push(extra.iter().map(|s| s.id.clone()).collect());
        secrets::merge_specs(&mut specs, extra);
    }
    Ok((specs, ids_per_dir))
}

fn cmd_scan(mut args: ScanArgs) -> Result<i32> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && (args.paths.len() > 1 || args.staged) {
        anyhow::bail!("`-` (standard input) is scanned on its own: name no other paths with it");
    }
    let mut paths = Vec::with_capacity(args.paths.len());
    for p in args.paths.iter().filter(|_| !stdin) {
        check_scannable(p)?;
        paths.push(if p.is_absolute() { p.clone() } else { cwd.join(p) });
    }
    let root = match &args.root {
        Some(r) => absolute(&cwd, r),
        None if args.staged => git::toplevel(&cwd)?,
        None => default_root(&cwd, &paths),
    };
    let config = Config::discover(args.config.as_deref(), &root)?;
    let (config_path, config) = config.unwrap_or_default();
    args.excludes.extend(config.exclude.iter().cloned());
    args.rules.extend(config.rules.iter().cloned());
    args.policies.extend(config.policies.iter().cloned());
    args.baseline = args.baseline.or(config.baseline.clone());
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::High);

    let (mut specs, ids_per_dir) = load_specs(&args.rules)?;
    let sources = policy_sources(&args.policies)?;
    let filter = RuleFilter::new(&config, &config_path, |id| {
        // Policy ids are checked against the sources, so the policies need not compile first.
        let quoted = format!("\"{id}\"");
        specs.iter().any(|s| s.id == id) || sources.iter().any(|p| p.text.contains(&quoted))
    })?;
    specs.retain(|s| filter.enabled(&s.id) && s.confidence() >= args.min_confidence);
    let secrets = build_scanner(specs, &ids_per_dir)?;
    // The built-in pack is known to compile, so it may wait for the first file that needs it;
    // user policies compile now, so their errors stop the scan before it starts.
    let mut engines = if args.policies.is_empty() {
        Engines::with_lazy_policies(secrets, sources)
    } else {
        Engines::new(secrets, PolicySet::new(&sources)?)
    };
    let key = args
        .fingerprint_key
        .clone()
        .or_else(|| std::env::var(FINGERPRINT_KEY_ENV).ok())
        .or_else(|| config.fingerprint_key.clone());
    if let Some(key) = key {
        engines.fingerprints = Fingerprinter::keyed(key.as_bytes());
    }

    let threads = worker_threads(args.threads, args.quiet);
    let opts = ScanOptions {
        discover: DiscoverOptions {
            paths: paths.iter().map(|p| crate::discover::spell_under_root(&normalise(p), &normalise(&root))).collect(),
            root: normalise(&root),
            default_excludes: !args.no_default_excludes,
            excludes: args.excludes.clone(),
            threads,
        },
        max_file_size: args.max_file_size,
        filter,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        analyse: AnalyseOptions {
            redact: !args.no_redact,
            parse_errors: match args.on_parse_error {
                ParseErrors::Warn => DiagnosticLevel::Warning,
                ParseErrors::Fail => DiagnosticLevel::Error,
            },
        },
    };
    // Terraform module context reads sibling files: only those the scan itself would read (not
    // too large, not excluded).
    let excluded = crate::discover::PathFilter::new(&opts.discover)?;
    let scan_root = opts.discover.root.clone();
    engines.modules = crate::parse::ModuleCache::new(args.max_file_size)
        .skipping(move |path| excluded.excludes(&crate::discover::display_path(path, &scan_root)));
    let mut report = if args.staged {
        scan::run_files(&opts, git::staged_files(&root)?, &engines)?
    } else if stdin {
        let name = crate::escape::path_bytes(args.stdin_name.as_bytes());
        scan::run_stream(&opts, &name, &mut std::io::stdin().lock(), &engines)?
    } else {
        scan::run(&opts, &engines)?
    };
    // The compiled engines are large object graphs and the process ends soon: freeing them
    // took ~5 ms of a pre-commit run, for memory the OS reclaims anyway.
    std::mem::forget(engines);
    if let Some(path) = &args.baseline {
        report.apply_baseline(&Baseline::load(path)?);
    }
    if let Some(path) = &args.write_baseline {
        // Everything current, including what an older baseline accepted (its stale entries go).
        let mut baseline = Baseline::from_findings(
            report.findings.iter().chain(
                report
                    .suppressed
                    .iter()
                    .filter(|f| f.suppression.as_ref().is_some_and(|s| s.kind == SuppressionKind::Baseline)),
            ),
        );
        std::fs::write(path, baseline.to_json())
            .with_context(|| format!("cannot write baseline {}", path.display()))?;
        baseline.source = path.display().to_string();
        report.apply_baseline(&baseline);
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let write_opts = WriteOptions { color, threshold: fail_on.threshold() };
    match &args.output {
        Some(path) => {
            let mut buf = Vec::new();
            report::write(&report, args.format, write_opts, &mut buf)?;
            std::fs::write(path, buf).with_context(|| format!("cannot write report to {}", path.display()))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            report::write(&report, args.format, write_opts, &mut out)?;
            out.flush()?;
        }
    }
    let verdict = gate::verdict(&report, fail_on);
    if !args.quiet {
        eprintln!("{}", gate::summary_line(&report, verdict, fail_on));
    }
    if args.upload {
        let mut sarif = Vec::new();
        report::write(&report, Format::Sarif, write_opts, &mut sarif)?;
        let mut flags = args.upload_flags.clone();
        // The log's paths are relative to the scan root.
        if flags.checkout_root.is_none() && std::env::var_os("GITHUB_WORKSPACE").is_none() {
            flags.checkout_root = Some(root.clone());
        }
        upload::upload_sarif_bytes(&sarif, "the scan results", &flags)?;
    }
    Ok(verdict.exit_code())
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
            });
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

/// Built-in policies and libraries plus every `*.rego` under `extra_dirs` (tests excluded
/// from evaluation).
fn load_policies(extra_dirs: &[PathBuf]) -> Result<PolicySet> {
    PolicySet::new(&policy_sources(extra_dirs)?)
}

/// The built-in policy sources followed by every `*.rego` under `extra_dirs`.
fn policy_sources(extra_dirs: &[PathBuf]) -> Result<Vec<policy::RegoSource>> {
    let mut sources = policy::builtin_sources();
    for dir in extra_dirs {
        sources.extend(policy::load_dir(dir)?);
    }
    Ok(sources)
}

fn cmd_policies(args: PoliciesArgs) -> Result<i32> {
    let set = load_policies(&args.policies)?;
    let mut out = std::io::stdout().lock();
    if args.markdown {
        // One section per platform, in pipeline order, for the README.
        const SECTIONS: &[(&str, &[&str])] = &[
            ("AWS (Terraform and CloudFormation)", &["terraform", "cloudformation"]),
            ("Kubernetes", &["kubernetes"]),
            ("Dockerfile", &["dockerfile"]),
            ("docker-compose", &["docker-compose"]),
            ("GitHub Actions", &["github-actions"]),
            ("GitLab CI", &["gitlab-ci"]),
            ("AWS CodeBuild buildspec", &["codebuild-buildspec"]),
            ("AWS CodeDeploy appspec", &["codedeploy-appspec"]),
        ];
        for (title, kinds) in SECTIONS {
            let rows: Vec<_> = set
                .policies()
                .iter()
                .filter(|p| p.kinds.first().is_some_and(|k| kinds.contains(&k.as_str())))
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
    for p in set.policies() {
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
    let set = load_policies(&args.policies)?;
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
            (RuleInfo::from_secret_rule(r), what)
        })
        .or_else(|| {
            set.policies().iter().find(|p| p.id.eq_ignore_ascii_case(&args.id)).map(|p| {
                let mut what = format!("policy for {} ({})", p.kinds.join(", "), p.source);
                if !p.aliases.is_empty() {
                    what.push_str(&format!("\nsame check as: {}", p.aliases.join(", ")));
                }
                (RuleInfo::from_policy(p), what)
            })
        });
    let Some((info, what)) = info else {
        anyhow::bail!("no rule or policy with id `{}` (see `tollgate rules` and `tollgate policies`)", args.id);
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}: {}", info.id, info.title)?;
    writeln!(out, "severity: {}    {what}", info.severity)?;
    writeln!(out, "\n{}", info.description)?;
    if let Some(fix) = &info.remediation {
        writeln!(out, "\nRemediation: {fix}")?;
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
/// The environment variable that holds the fingerprint key (see [`crate::fingerprint`]).
const FINGERPRINT_KEY_ENV: &str = "TOLLGATE_FINGERPRINT_KEY";

const HOOK_MARKER: &str = "installed by `tollgate install-hook`";

fn cmd_install_hook(args: InstallHookArgs) -> Result<i32> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let hooks = git::hooks_dir(&cwd)?;
    let hook = hooks.join("pre-commit");
    let exe = std::env::current_exe().context("cannot locate the tollgate executable")?;
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
    let script = format!(
        "#!/bin/sh\n# {HOOK_MARKER}: scan the staged changes for secrets and misconfigurations.\n\
         # Skip once with `git commit --no-verify`; settings come from tollgate.toml.\n\
         exec '{}' scan --staged \"$@\"\n",
        exe.display().to_string().replace('\'', "'\\''")
    );
    std::fs::write(&hook, script).with_context(|| format!("cannot write {}", hook.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))?;
    }
    eprintln!("tollgate: installed {}", hook.display());
    Ok(0)
}

/// A path the user named must be a file or directory tollgate can read: anything else (a FIFO,
/// a device, a process substitution, a path that does not exist) would scan nothing and pass,
/// so it is an error that names it.
fn check_scannable(p: &Path) -> Result<()> {
    let shown = crate::escape::path_bytes(p.as_os_str().as_encoded_bytes());
    let meta = std::fs::metadata(p).with_context(|| format!("cannot scan {shown}"))?;
    if !meta.is_file() && !meta.is_dir() {
        anyhow::bail!(
            "cannot scan {shown}: not a regular file or directory ({}); to scan a stream, pipe it to `tollgate scan -`",
            crate::input::what_is(&meta.file_type())
        );
    }
    Ok(())
}

/// cwd when every path is inside it (paths then read as typed); otherwise the single
/// directory given; otherwise `/` (absolute paths).
fn default_root(cwd: &Path, paths: &[PathBuf]) -> PathBuf {
    if paths.iter().all(|p| normalise(p).starts_with(cwd)) {
        return cwd.to_path_buf();
    }
    match paths {
        [one] if one.is_dir() => one.clone(),
        _ => PathBuf::from("/"),
    }
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) }
}

/// Lexically remove `.` and `..` components (no symlink resolution: reported paths stay as
/// the user sees them).
/// More workers than this per CPU only add memory and contention: the work is CPU-bound, and
/// thousands of threads exhaust the process's limits (a hang, or a panic spawning them).
const THREADS_PER_CPU: usize = 4;

/// The worker count for `-j`: the CPU count by default, and at most [`THREADS_PER_CPU`] per
/// CPU, saying so on stderr when a request is lowered.
fn worker_threads(requested: Option<u32>, quiet: bool) -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let Some(requested) = requested else { return cpus };
    let cap = cpus * THREADS_PER_CPU;
    let requested = requested as usize;
    if requested > cap && !quiet {
        eprintln!("tollgate: note: -j {requested} is more than {THREADS_PER_CPU} per CPU; using {cap} threads");
    }
    requested.min(cap)
}

fn normalise(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `1048576`, `512K`, `5M`, `1G` (binary units).
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("`{s}` is not a size (examples: 1048576, 512K, 5M)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("5M"), Ok(5 << 20));
        assert_eq!(parse_size("10"), Ok(10));
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn root_defaults() {
        let cwd = Path::new("/repo");
        assert_eq!(default_root(cwd, &[PathBuf::from("/repo/./src")]), PathBuf::from("/repo"));
        assert_eq!(normalise(Path::new("/repo/a/../b/./c")), PathBuf::from("/repo/b/c"));
    }
}
