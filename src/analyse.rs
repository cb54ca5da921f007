//! Per-file analysis: every engine over one file's bytes. Secrets run on every file; files of
//! a kind some policy covers are parsed into documents and evaluated, and each violation is
//! placed at the region of the JSON path it blames. Engines word their findings with secrets in
//! full and record each secret; one redaction step ([`crate::redact`]) then masks them in
//! everything the file's findings and diagnostics say.

use crate::classify::FileKind;
use crate::fingerprint::Fingerprinter;
use crate::kinds::FileToParse;
use crate::locate;
use crate::model::{Diagnostic, DiagnosticLevel};
use crate::model::{Engine, Finding};
use crate::policy::WorkflowCondition;
use crate::policy::inputs::Present;
use crate::policy::metadata::KINDS;
use crate::policy::{PolicySet, RegoSource, select};
use crate::redact::KnownSecrets;
use crate::secrets::{self, SecretScanner};
use crate::source::LineIndex;
use crate::suppress::{self, Placed};
use crate::syntax::terraform::ModuleCache;
use crate::syntax::{Document, Seg};
use crate::workflows::{self, Workflow};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The engines a scan runs, built once and shared read-only by every worker.
pub struct Engines {
    pub secrets: SecretScanner,
    policies: Policies,
    /// Terraform module contexts (variables, locals), one per directory, built on first use.
    pub modules: ModuleCache,
    /// How findings get their fingerprints (keyed or not).
    pub fingerprints: Fingerprinter,
    /// Partial aliases the config or `--skip-check` turns off (`CKV_AWS_25`, any case): a
    /// violation is dropped when each of its `parts` names one, as an inline marker would.
    pub disabled_parts: Vec<String>,
}

/// The policies, compiled up front or per file kind on the first file of that kind.
enum Policies {
    Ready(Box<PolicySet>),
    /// One set per entry of [`KINDS`]: the kind's policies and the modules they reference.
    /// Compiling all ~100 built-in modules costs ~40 ms; a commit touching one Dockerfile
    /// needs 9 of them (~2.5 ms), and a source-only commit none.
    PerKind {
        sources: Vec<RegoSource>,
        sets: Vec<OnceLock<Result<PolicySet, String>>>,
        /// What every document of a kind holds, when the scan knew its files up front (see
        /// [`Engines::narrow_policies`]): only the policies that can run on them compile.
        present: HashMap<String, Present>,
    },
}

/// One worker's reusable state for all engines.
pub struct Scratch {
    secrets: secrets::Scratch,
    /// This worker's clones of the compiled policy engines, by set, made on first use.
    policy: Vec<Option<crate::policy::Worker>>,
}

impl Engines {
    pub fn new(secrets: SecretScanner, policies: PolicySet) -> Engines {
        Engines {
            secrets,
            policies: Policies::Ready(Box::new(policies)),
            modules: ModuleCache::default(),
            fingerprints: Fingerprinter::default(),
            disabled_parts: Vec::new(),
        }
    }

    /// Compile `sources` per kind, when the first file of the kind is analysed. For sources known
    /// to compile (the built-in pack, which the test suite compiles); user policies are loaded
    /// with [`Engines::new`] so their errors stop the scan before it starts.
    pub fn with_lazy_policies(secrets: SecretScanner, sources: Vec<RegoSource>) -> Engines {
        Engines {
            secrets,
            policies: Policies::PerKind {
                sources,
                sets: KINDS.iter().map(|_| OnceLock::new()).collect(),
                present: HashMap::new(),
            },
            modules: ModuleCache::default(),
            fingerprints: Fingerprinter::default(),
            disabled_parts: Vec::new(),
        }
    }

    /// The policy set that covers `kind` and its slot (for [`Scratch`]), compiling it now if it
    /// is lazy; `None` when no policy looks at the kind (the file is then not even parsed).
    fn policy_set(&self, kind: &str) -> Option<(usize, Result<&PolicySet, &str>)> {
        let (slot, set) = match &self.policies {
            Policies::Ready(set) => (0, Ok(&**set)),
            Policies::PerKind { sources, sets, present } => {
                let slot = KINDS.iter().position(|k| *k == kind)?;
                let set = sets[slot].get_or_init(|| {
                    let needed: Vec<RegoSource> =
                        select::sources_for_kind(sources, kind, present.get(kind)).into_iter().cloned().collect();
                    PolicySet::new(&needed).map_err(|e| format!("{e:#}"))
                });
                (slot, set.as_ref().map_err(String::as_str))
            }
        };
        match set {
            Ok(set) if !set.applies_to(kind) => None,
            set => Some((slot, set)),
        }
    }

    /// The policy sets compiled so far (no policy can have fired otherwise). A policy for
    /// several kinds appears in each of their sets.
    pub fn compiled_policies(&self) -> Vec<&PolicySet> {
        match &self.policies {
            Policies::Ready(set) => vec![&**set],
            Policies::PerKind { sets, .. } => sets.iter().filter_map(|s| s.get()?.as_ref().ok()).collect(),
        }
    }

    /// Compile, for each kind in `present`, only the built-in policies whose declared inputs
    /// its documents hold: for a scan whose every file is known before analysis starts (a
    /// pre-commit run), gathered by [`present_inputs`]. It must list every document of each
    /// kind it names; a kind it does not name compiles all its policies. No effect on user
    /// policies, which compile up front.
    pub fn narrow_policies(&mut self, known: HashMap<String, Present>) {
        if let Policies::PerKind { present, .. } = &mut self.policies {
            *present = known;
        }
    }

    /// Does any policy set compile lazily (so [`Engines::narrow_policies`] can apply)?
    pub fn can_narrow_policies(&self) -> bool {
        matches!(self.policies, Policies::PerKind { .. })
    }

    pub fn scratch(&self) -> Scratch {
        Scratch { secrets: self.secrets.scratch(), policy: Vec::new() }
    }
}

/// Add what `file`'s documents hold (as its policies' guards read them) to `present`, under
/// its kind; nothing when no built-in policy covers the kind or the file does not parse (then
/// it has no documents to evaluate either).
pub fn present_inputs(file: &FileInput, engines: &Engines, present: &mut HashMap<String, Present>) {
    let kind = file.kind.name();
    if !KINDS.contains(&kind.as_ref()) {
        return;
    }
    let kind_unit = file.kind.kind();
    let Ok(Some(documents)) = kind_unit.parse(&to_parse(file, engines)) else { return };
    let seen = present.entry(kind.to_string()).or_default();
    for doc in &documents {
        seen.add(&crate::policy::input(&kind, file.display, &doc.value, &kind_unit.facets(doc)));
    }
}

/// What the file's kind parses: its bytes, names and the scan's Terraform module contexts.
fn to_parse<'a>(file: &'a FileInput, engines: &'a Engines) -> FileToParse<'a> {
    FileToParse { bytes: file.bytes, name: file.display, fs_path: file.fs_path, modules: &engines.modules }
}

/// How findings and problems are reported.
#[derive(Debug, Clone, Copy)]
pub struct AnalyseOptions {
    /// Mask secrets in every output.
    pub redact: bool,
    /// How a file that cannot be parsed is reported: a warning, or an error that fails the gate.
    pub parse_errors: DiagnosticLevel,
}

/// One file to analyse.
pub struct FileInput<'a> {
    /// The path reports use.
    pub display: &'a str,
    /// Where it is on disk, when it is (Terraform reads the sibling files of its module).
    pub fs_path: Option<&'a Path>,
    pub bytes: &'a [u8],
    pub kind: FileKind,
}

#[derive(Debug, Default)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    /// The GitHub workflow this file is, for conditions other files' findings depend on.
    pub workflows: Vec<Workflow>,
    /// Findings (by fingerprint) that other workflows may clear; see [`crate::workflows`].
    pub conditional: Vec<(String, WorkflowCondition)>,
}

/// Every finding and diagnostic of one file, with secrets masked unless `opts.redact` is off.
pub fn analyse(file: &FileInput, engines: &Engines, scratch: &mut Scratch, opts: AnalyseOptions) -> Analysis {
    let mut known = KnownSecrets::default();
    let mut out = analyse_raw(file, engines, scratch, opts, &mut known);
    if opts.redact {
        redact(&mut out, known);
    }
    out
}

/// The redaction step: nothing of a file leaves tollgate before it passes here. Masks every
/// secret the engines found in the file (`known`) wherever it appears in what any finding or
/// diagnostic of the file says; see [`crate::redact`].
fn redact(out: &mut Analysis, known: KnownSecrets) {
    let Some(redactor) = known.redactor() else { return };
    out.findings.iter_mut().for_each(|f| redactor.finding(f));
    out.diagnostics.iter_mut().for_each(|d| redactor.diagnostic(d));
}

/// The file's findings as the engines word them, secrets in full; each secret also goes into
/// `known`.
fn analyse_raw(
    file: &FileInput,
    engines: &Engines,
    scratch: &mut Scratch,
    opts: AnalyseOptions,
    known: &mut KnownSecrets,
) -> Analysis {
    let mut out = Analysis {
        findings: engines.secrets.findings(
            &mut scratch.secrets,
            file.display,
            file.bytes,
            &engines.fingerprints,
            known,
        ),
        ..Analysis::default()
    };
    // Built on the first finding that needs positions, once for policies and suppressions.
    let lines = OnceCell::new();
    let mut placed = evaluate_policies(file, engines, scratch, opts, &lines, &mut out, known);
    if out.findings.is_empty() && placed.is_empty() {
        return out;
    }
    let lines = lines.get_or_init(|| LineIndex::new(file.bytes));
    let is_rule_id = |word: &str| engines.secrets.rules().iter().any(|r| r.id() == word);
    suppress::mark_inline(file.bytes, lines, &is_rule_id, &mut out.findings, &mut placed);
    out.findings.extend(placed.into_iter().map(|p| p.finding));
    locate::attach_line_hashes(file.bytes, &mut out.findings);
    out
}

/// Parse the file as its kind and run the policies that cover it, if any.
fn evaluate_policies<'e>(
    file: &FileInput,
    engines: &'e Engines,
    scratch: &mut Scratch,
    opts: AnalyseOptions,
    lines: &OnceCell<LineIndex>,
    analysis: &mut Analysis,
    known: &mut KnownSecrets,
) -> Vec<Placed<'e>> {
    let diagnostics = &mut analysis.diagnostics;
    let mut out = Vec::new();
    let kind = file.kind.name();
    let (slot, policies) = match engines.policy_set(&kind) {
        None => return out,
        Some((slot, Ok(set))) => (slot, set),
        Some((_, Err(message))) => {
            diagnostics.push(Diagnostic::error(file.display, format!("policies failed to load: {message}")));
            return out;
        }
    };
    let kind_unit = file.kind.kind();
    let to_parse = to_parse(file, engines);
    let documents = match kind_unit.parse(&to_parse) {
        Ok(Some(docs)) => docs,
        Ok(None) => return out,
        Err(err) => {
            diagnostics.push(Diagnostic {
                path: file.display.to_string(),
                line: err.line,
                level: opts.parse_errors,
                message: format!("cannot parse as {kind}: {}", err.message),
            });
            return out;
        }
    };
    // Values this file defines that no check could see (a Terraform local in a cycle): said
    // once, on the file that defines them.
    diagnostics.extend(kind_unit.notes(&to_parse).into_iter().map(|(line, message)| Diagnostic {
        path: file.display.to_string(),
        line: Some(line),
        level: DiagnosticLevel::Warning,
        message,
    }));
    if scratch.policy.len() <= slot {
        scratch.policy.resize_with(slot + 1, || None);
    }
    let engine = scratch.policy[slot].get_or_insert_with(|| policies.worker());
    for (doc_index, doc) in documents.iter().enumerate() {
        let facets = kind_unit.facets(doc);
        if kind == "github-actions" {
            analysis.workflows.extend(workflows::workflow_of(file.display, &doc.value));
        }
        let (violations, errors) = policies.evaluate(engine, &kind, file.display, &doc.value, &facets);
        for mut v in violations {
            let lines = lines.get_or_init(|| LineIndex::new(file.bytes));
            if policies.policies()[v.policy].redact {
                // The policy says a value is a credential: mask it wherever it is shown. Its
                // `text` is the credential itself when given (the blamed node may be a whole
                // command); else the blamed value.
                match (&v.text, blamed_node(&doc.value, &v.path)) {
                    (Some(text), _) => known.add(text),
                    (None, Some(node)) => known.add_blamed(node),
                    (None, None) => {}
                }
            }
            let disabled = |id: &String| engines.disabled_parts.iter().any(|d| d.eq_ignore_ascii_case(id));
            if !engines.disabled_parts.is_empty()
                && !v.parts.is_empty()
                && v.parts.iter().all(|part| part.iter().any(disabled))
            {
                continue;
            }
            let condition = v.unless_workflows.take();
            let placed = policy_finding(file, lines, doc, doc_index, v, policies, &engines.fingerprints);
            if let Some(c) = condition {
                analysis.conditional.push((placed.finding.fingerprint.clone(), c));
            }
            out.push(placed);
        }
        diagnostics.extend(
            errors.into_iter().map(|e| Diagnostic::error(&e.policy_source, format!("policy error: {}", e.message))),
        );
    }
    out
}

fn policy_finding<'e>(
    file: &FileInput,
    lines: &LineIndex,
    doc: &Document,
    doc_index: usize,
    v: crate::policy::Violation,
    policies: &'e PolicySet,
    fingerprints: &Fingerprinter,
) -> Placed<'e> {
    let meta = &policies.policies()[v.policy];
    let (region, blocks) =
        locate::policy_region(file.bytes, lines, &doc.source_map, &v.path, v.text.as_deref(), v.within.as_deref());
    let blamed: Vec<String> = v.path.iter().map(Seg::to_string).collect();
    // Findings that name the line they are on (two equal expressions of one script) differ by
    // it; the line's text, not its number, so the fingerprint survives code moving.
    let identity = match &v.within {
        Some(within) => format!("{doc_index}:{}\n{within}", blamed.join("/")),
        None => format!("{doc_index}:{}", blamed.join("/")),
    };
    let finding = Finding {
        rule_id: meta.id.clone(),
        engine: Engine::Policy,
        severity: meta.severity,
        message: v.msg,
        path: file.display.to_string(),
        region,
        snippet: locate::snippet(file.bytes, lines, region),
        secret: None,
        fingerprint: fingerprints.policy(&meta.id, &identity, file.display),
        line_hash: None,
        suppression: None,
        commit: None,
    };
    Placed { finding, aliases: &meta.aliases, partial: &meta.partial_aliases, parts: v.parts, blocks }
}

/// The node at `path`, if the document has one.
fn blamed_node<'a>(doc: &'a serde_json::Value, path: &[Seg]) -> Option<&'a serde_json::Value> {
    path.iter().try_fold(doc, |node, seg| match seg {
        Seg::Key(k) => node.get(k.as_str()),
        Seg::Index(i) => node.get(*i),
    })
}
