//! The secrets engine: one Aho-Corasick pass over a file's bytes finds every rule keyword;
//! only rules whose keywords hit run their regex, and only in a window around the hit (the
//! hit's line, or a bounded span for multi-line formats). Candidates then pass entropy,
//! placeholder, checksum and allowlist filters before they become [`Finding`]s. Rules with a
//! `syntax` language take their candidates from a parse of the file instead ([`syntax`]).
//!
//! [`SecretScanner`] is built once and shared read-only by every worker thread.

pub mod allowlist;
pub mod base64_runs;
pub mod decode;
pub mod fallback;
pub mod filter;
pub mod gitleaks;
pub mod keywords;
pub mod loading;
mod overlaps;
pub mod paths;
mod required;
pub mod rule;
mod scoped;
pub mod selftest;
mod snippet;
pub mod syntax;

use crate::fingerprint::{Fingerprinter, SecretDigests};
use crate::model::{Engine, Finding};
use crate::redact::KnownSecrets;
use crate::source::LineIndex;
use allowlist::Candidate;
use anyhow::{Context, Result, bail};
use fallback::FallbackKeywords;
use keywords::{Hit, KeywordIndex};
use paths::PathVerdicts;
use regex_automata::Input;
pub use rule::{Category, Confidence, Rule, RuleSpec};
use scoped::ScopedKeywords;
use snippet::{first_line, snippet};
use std::collections::HashSet;
use syntax::{Language, Sighting, SyntaxGate, SyntaxScratch};

/// How far a window may reach back from / forward of a keyword on one line. Bounds the cost of
/// minified one-line files while covering any real assignment.
const LINE_REACH: usize = 2048;
/// How far a multi-line rule searches after its keyword (a 4096-bit PEM key is ~3.3 KiB).
const MULTILINE_REACH: usize = 16 * 1024;
/// Bytes of keyword hits gathered at a time: at most one hit ends per byte, so the hit buffer
/// stays under 24 bytes times this however large the file (or the size limit) is.
const HIT_RANGE: usize = 256 * 1024;

/// Built-in rules files, embedded at build time by `build.rs` from `rules/**/*.toml`: (path
/// under `rules/`, the file's content as JSON).
const BUILTIN_RULES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The parsed built-in rules.
pub fn builtin_specs() -> Result<Vec<RuleSpec>> {
    let mut specs = Vec::new();
    for (name, json) in BUILTIN_RULES {
        specs.extend(rule::parse_rules_json(json, &format!("rules/{name}"))?);
    }
    Ok(specs)
}

/// Merge user rules into `base`: a user rule with a built-in id replaces it.
pub fn merge_specs(base: &mut Vec<RuleSpec>, extra: Vec<RuleSpec>) {
    for spec in extra {
        match base.iter_mut().find(|s| s.id == spec.id) {
            Some(slot) => *slot = spec,
            None => base.push(spec),
        }
    }
}

/// A secret located in a file, before it is turned into a report-ready [`Finding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecretMatch {
    pub rule: usize,
    /// Byte span of the secret value itself.
    pub start: usize,
    pub end: usize,
    /// Length of the rule's whole match (the secret and the context the rule required), which
    /// decides between rules that claim the same secret.
    pub match_len: usize,
    /// A vendor rule recognised the value and its allowlist excused it (a published test key):
    /// the match is never reported, but it keeps generic rules off the same bytes.
    pub excused: bool,
}

/// What a rule makes of a candidate (see [`SecretScanner::judge`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judgement {
    Confirmed,
    /// Recognised by a vendor rule and allowed by its allowlist.
    Excused,
    Dropped,
}

/// A byte span of one file that one rule's regex must search.
#[derive(Clone, Copy)]
struct Window {
    rule: usize,
    start: usize,
    end: usize,
    /// The order windows were opened in, which is the order their matches are judged in.
    seq: usize,
}

/// One rule's regex cache and capture slots.
type RegexState = (regex_automata::meta::Cache, regex_automata::util::captures::Captures);

/// Reusable per-thread state of a scan (see [`SecretScanner::scratch`]).
pub struct Scratch {
    /// Per rule, created on the rule's first window: its regex cache and capture slots.
    regex: Vec<Option<RegexState>>,
    hits: Vec<Hit>,
    /// Per rule, its newest window while it may still grow. Hits arrive in file order, so a
    /// window is complete (and searched at once) when its rule opens the next one: the scan
    /// holds one window per rule, not one per hit.
    open: Vec<Option<Window>>,
    /// The syntax rules that may run on the current file, and those whose keywords make it
    /// worth parsing.
    syntax_candidates: Vec<usize>,
    syntax_rules: Vec<usize>,
    syntax: SyntaxScratch,
    /// The rules' path patterns' answers for the file being scanned.
    paths: PathVerdicts,
}

pub struct SecretScanner {
    rules: Vec<Rule>,
    keywords: KeywordIndex,
    /// The fallback rules' keywords, searched only in the files those rules scan.
    fallback_keywords: Option<FallbackKeywords>,
    /// The keywords of rules with a `path`, searched only in the files they run in.
    scoped_keywords: Option<ScopedKeywords>,
    /// How many levels of base64 [`decode`] looks into (0: none).
    max_decode_depth: u8,
    /// Judges the syntax rules' keyword hits: is the file worth parsing?
    syntax_gate: SyntaxGate,
}

impl SecretScanner {
    pub fn new(specs: Vec<RuleSpec>) -> Result<Self> {
        let mut seen = HashSet::new();
        for spec in &specs {
            if !seen.insert(spec.id.as_str()) {
                bail!("duplicate rule id `{}`", spec.id);
            }
        }
        let rules: Vec<Rule> = specs.into_iter().map(Rule::new).collect();
        let pairs = |syntax: bool| -> Vec<(String, usize)> {
            let of_kind =
                rules.iter().enumerate().filter(|(_, r)| r.spec.syntax.is_some() == syntax && !r.spec.fallback);
            let of_kind = of_kind.filter(|(_, r)| !ScopedKeywords::is_scoped(r));
            of_kind.flat_map(|(i, r)| r.spec.keywords.iter().map(move |k| (k.clone(), i))).collect()
        };
        // One pass for both kinds of rule; the syntax rules' keywords (`token`, `secret`) are
        // a group of their own, so they do not absorb the regex rules' (`github_token`). The
        // fallback rules' (`key`, `private`) have their own searcher, [`fallback`].
        let keywords =
            KeywordIndex::grouped(&[&pairs(false), &pairs(true)]).context("cannot build the keyword automaton")?;
        let fallback_keywords = FallbackKeywords::new(&rules).context("cannot build the fallback keyword searcher")?;
        let scoped_keywords = ScopedKeywords::new(&rules).context("cannot build the path-scoped rules' keywords")?;
        let languages = rules.iter().map(|r| r.spec.syntax.clone()).collect();
        let min_entropy = rules
            .iter()
            .filter(|r| r.spec.syntax.is_some())
            .map(|r| r.spec.entropy.unwrap_or(0.0))
            .fold(f64::INFINITY, f64::min);
        let min_entropy = if min_entropy.is_finite() { min_entropy } else { 0.0 };
        let syntax_gate = SyntaxGate::new(languages, min_entropy);
        Ok(SecretScanner {
            rules,
            keywords,
            fallback_keywords,
            scoped_keywords,
            syntax_gate,
            max_decode_depth: decode::DEFAULT_MAX_DEPTH,
        })
    }

    /// Look `depth` levels into base64 content (Kubernetes Secret values, blobs); 0 turns
    /// decoding off.
    pub fn with_max_decode_depth(mut self, depth: u8) -> Self {
        self.set_max_decode_depth(depth);
        self
    }

    /// How many levels of base64 to decode and scan (0: none).
    pub fn set_max_decode_depth(&mut self, depth: u8) {
        self.max_decode_depth = depth;
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Compile the selected rules now instead of on first use, so a broken pattern is an error
    /// at load time (user rules, `rules check`) rather than in the middle of a scan.
    pub fn compile(&self, select: impl Fn(&str) -> bool) -> Result<()> {
        self.rules.iter().filter(|r| select(r.id())).try_for_each(Rule::compile)
    }

    /// Per-thread reusable state for [`SecretScanner::scan_with`]: regex caches and buffers,
    /// so the hot loop allocates nothing once warm.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            regex: self.rules.iter().map(|_| None).collect(),
            hits: Vec::new(),
            open: vec![None; self.rules.len()],
            syntax_candidates: Vec::new(),
            syntax_rules: Vec::new(),
            syntax: SyntaxScratch::default(),
            paths: PathVerdicts::default(),
        }
    }

    /// Every confirmed secret in `text`, in file order. `path` (with `/` separators) is used
    /// only for rules' path allowlists.
    pub fn scan(&self, path: &str, text: &[u8]) -> Vec<SecretMatch> {
        self.scan_with(&mut self.scratch(), path, text)
    }

    /// [`SecretScanner::scan`] with caller-owned scratch space (one per worker thread).
    ///
    /// One keyword pass over `text`, a range of [`HIT_RANGE`] bytes at a time; each hit opens or
    /// extends its rules' windows, and a window is searched as soon as it is complete.
    pub fn scan_with(&self, scratch: &mut Scratch, path: &str, text: &[u8]) -> Vec<SecretMatch> {
        let Scratch { regex, hits, open, syntax_candidates, syntax_rules, syntax, paths } = scratch;
        paths.new_file();
        let paths = &*paths;
        let mut found = Vec::new();
        let mut opened = 0;
        let language = Language::of_path(path);
        let judge = |r: usize, literal: Option<Sighting>| self.syntax_verdict(r, path, paths, literal);
        syntax_candidates.clear();
        syntax_rules.clear();
        if let Some(lang) = language {
            self.syntax_gate.rules_for(text, lang, syntax_candidates);
        }
        // Open (or extend) rule `r`'s window for a keyword hit at `hit_start..hit_end`; a
        // window the hit lies beyond is searched now.
        let mut window = |r: usize, hit_start: usize, hit_end: usize| {
            if let Some(w) = &open[r]
                && hit_end <= w.end
                && hit_start >= w.start
            {
                return;
            }
            let (start, end) = window_around(text, hit_start, hit_end, self.rules[r].spec.multiline);
            match &mut open[r] {
                Some(w) if start <= w.end => w.end = w.end.max(end),
                slot => {
                    let next = Window { rule: r, start, end, seq: opened };
                    opened += 1;
                    if let Some(done) = slot.replace(next) {
                        self.search(regex, (path, paths), text, done, &mut found);
                    }
                }
            }
        };
        for from in (0..text.len()).step_by(HIT_RANGE) {
            self.keywords.hits_ending_in(text, from, text.len().min(from + HIT_RANGE), hits);
            for hit in hits.iter() {
                for &r in self.keywords.rules_of(hit.keyword) {
                    if !self.syntax_gate.is_syntax_rule(r) {
                        window(r, hit.start, hit.end);
                    } else if let Some(lang) = language
                        && syntax_candidates.contains(&r)
                        && !syntax_rules.contains(&r)
                        && self.syntax_gate.worth_parsing_for(text, hit.start, hit.end, lang, r, &judge)
                    {
                        syntax_rules.push(r);
                    }
                }
            }
        }
        if let Some(scoped) = &self.scoped_keywords {
            scoped.each_hit(&self.rules, (path, paths), text, hits, &mut window);
        }
        // The fallback rules leave the files the syntax rules parse to them.
        if language.is_none()
            && let Some(fallback) = &self.fallback_keywords
        {
            for (start, end, rules) in fallback.hits(text) {
                for &r in rules {
                    window(r, start, end);
                }
            }
        }
        if opened == 0 && syntax_rules.is_empty() {
            // No keyword: the common case, and decoded blobs come by the thousand.
            return Vec::new();
        }
        for slot in open.iter_mut() {
            if let Some(done) = slot.take() {
                self.search(regex, (path, paths), text, done, &mut found);
            }
        }
        if let Some(lang) = language
            && !syntax_rules.is_empty()
        {
            self.search_syntax(syntax, syntax_rules, lang, path, text, &mut found);
        }
        // Judge matches in the order of their windows' first hits (a generic rule's match
        // yields to the one judged first), whatever order the windows completed in. Syntax
        // rules' matches come last: a regex rule that found the same literal keeps it.
        found.sort_by_key(|&(seq, _)| seq);
        let mut found: Vec<SecretMatch> = found.into_iter().map(|(_, m)| m).collect();
        self.resolve_overlaps(&mut found);
        found.sort_by_key(|m| (m.start, m.end, m.rule));
        found
    }

    /// Run window `w`'s rule over it, adding each confirmed match (tagged with the window's
    /// order) to `found`.
    fn search(
        &self,
        regex: &mut [Option<RegexState>],
        (path, verdicts): (&str, &PathVerdicts),
        text: &[u8],
        w: Window,
        found: &mut Vec<(usize, SecretMatch)>,
    ) {
        let rule = &self.rules[w.rule];
        if rule.skips_file(path, verdicts) || !rule.may_match_in(&text[w.start..w.end]) {
            return;
        }
        let (cache, caps) =
            regex[w.rule].get_or_insert_with(|| (rule.regex().create_cache(), rule.regex().create_captures()));
        let mut input = Input::new(text).span(w.start..w.end);
        loop {
            rule.regex().search_captures_with(cache, &input, caps);
            let Some(m) = caps.get_match() else { break };
            let span = rule.secret_span(caps).unwrap_or(m.span());
            // The match's line, at most LINE_REACH either side of the match: windows merge along
            // a minified line, so the window's own bounds would make this quadratic.
            let back = w.start.max(m.start().saturating_sub(LINE_REACH));
            let line_start = memchr::memrchr(b'\n', &text[back..m.start()]).map_or(back, |i| back + i + 1);
            let ahead = w.end.min(m.end() + LINE_REACH).max(m.end());
            let line_end = memchr::memchr(b'\n', &text[m.end()..ahead]).map_or(ahead, |i| m.end() + i);
            let candidate = Candidate {
                path,
                secret: &text[span.start..span.end],
                matched: &text[m.start()..m.end()],
                line: &text[line_start..line_end],
            };
            let judged = self.judge(rule, &candidate);
            if judged != Judgement::Dropped {
                let excused = judged == Judgement::Excused;
                let secret =
                    SecretMatch { rule: w.rule, start: span.start, end: span.end, match_len: m.len(), excused };
                found.push((w.seq, secret));
            }
            let next = if m.is_empty() { m.end() + 1 } else { m.end() };
            if next >= w.end {
                break;
            }
            input.set_start(next);
        }
    }

    /// Parse `text` once and judge every secret-named literal by each of `rules` (syntax rules
    /// of `lang`): the rule's regex must match the whole literal text, then the usual filters.
    fn search_syntax(
        &self,
        scratch: &mut SyntaxScratch,
        rules: &[usize],
        lang: Language,
        path: &str,
        text: &[u8],
        found: &mut Vec<(usize, SecretMatch)>,
    ) {
        let literals = syntax::secret_literals(scratch, lang, text);
        for &r in rules {
            for &(start, end) in &literals {
                if self.reports_literal(r, path, text, start, end) {
                    found.push((
                        usize::MAX,
                        SecretMatch { rule: r, start, end, match_len: end - start, excused: false },
                    ));
                }
            }
        }
    }

    /// The syntax gate's question about rule `r` and the file at `path` (see [`syntax::Judge`]):
    /// does the rule scan the file (`None`), would it report the literal sighted, and, for a
    /// literal seen only up to its first line break, do its allowlists not already excuse it?
    fn syntax_verdict(&self, r: usize, path: &str, verdicts: &PathVerdicts, literal: Option<Sighting>) -> bool {
        match literal {
            None => !self.rules[r].skips_file(path, verdicts),
            Some(Sighting { text, start, end, whole: true }) => self.reports_literal(r, path, text, start, end),
            Some(Sighting { text, start, end, whole: false }) => {
                let secret = &text[start..end];
                !self.rules[r].allows(&Candidate {
                    path,
                    secret,
                    matched: secret,
                    line: &text[line_start(text, start)..end],
                })
            }
        }
    }

    /// Would syntax rule `r` report the literal `text[start..end]` of the file at `path`? (The
    /// rules are asked for the files they scan only.)
    fn reports_literal(&self, r: usize, path: &str, text: &[u8], start: usize, end: usize) -> bool {
        let rule = &self.rules[r];
        let secret = &text[start..end];
        let line_end = memchr::memchr(b'\n', &text[end..]).map_or(text.len(), |i| end + i);
        let candidate = Candidate { path, secret, matched: secret, line: &text[line_start(text, start)..line_end] };
        rule.regex().is_match(Input::new(secret)) && self.judge(rule, &candidate) == Judgement::Confirmed
    }

    /// Does `rule` report `candidate`? A vendor rule's allowlist excuses a value the filters
    /// would otherwise confirm: that value is known (a published test key), so no generic rule
    /// may report it either.
    fn judge(&self, rule: &Rule, candidate: &Candidate) -> Judgement {
        if !self.passes_filters(rule, candidate) {
            Judgement::Dropped
        } else if !rule.allows(candidate) {
            Judgement::Confirmed
        } else if rule.spec.generic {
            Judgement::Dropped
        } else {
            Judgement::Excused
        }
    }

    fn passes_filters(&self, rule: &Rule, candidate: &Candidate) -> bool {
        let secret = candidate.secret;
        if secret.is_empty() {
            return false;
        }
        if let Some(floor) = rule.spec.entropy
            && filter::shannon_entropy(secret)
                < if rule.spec.generic { filter::entropy_floor(floor, secret) } else { floor }
        {
            return false;
        }
        if filter::is_placeholder(secret) {
            return false;
        }
        rule.spec.checksum.is_none_or(|kind| filter::checksum_ok(kind, secret))
    }

    /// Scan `text` and turn each match into a finding, with the secret in full in its message,
    /// snippet and `secret`; each secret is also recorded in `known`, for [`crate::redact`] to
    /// mask wherever it appears.
    pub fn findings(
        &self,
        scratch: &mut Scratch,
        path: &str,
        text: &[u8],
        fingerprints: &Fingerprinter,
        known: &mut KnownSecrets,
    ) -> Vec<Finding> {
        let mut matches = self.scan_with(scratch, path, text);
        let mut decoded = decode::decoded_matches(self, scratch, path, text, self.max_decode_depth);
        let overlap = |m: &SecretMatch, d: &decode::DecodedMatch| m.start < d.end && d.start < m.end;
        // A rule that already matched the encoded text itself (a PEM key's base64 has its own
        // keywords) needs no second finding for what it decodes to; a generic rule that took
        // the encoded text for a password yields to the specific rule that decoded it.
        decoded.retain(|d| !matches.iter().any(|m| m.rule == d.rule && overlap(m, d)));
        // Nor does a blob that a specific rule matched whole as it is (a kubeconfig's
        // `client-key-data`, a base64 PEM key): one credential, one finding, named as written.
        let whole = |m: &SecretMatch, d: &decode::DecodedMatch| m.start <= d.start && d.end <= m.end;
        decoded.retain(|d| !matches.iter().any(|m| !self.rules[m.rule].spec.generic && whole(m, d)));
        // Layers of one blob share its region: a generic rule that read a name and a value
        // in one layer yields to the specific rule that recognised the value a layer deeper.
        let specific: Vec<(usize, usize)> =
            decoded.iter().filter(|d| !self.rules[d.rule].spec.generic).map(|d| (d.start, d.end)).collect();
        decoded.retain(|d| {
            !self.rules[d.rule].spec.generic || !specific.iter().any(|&(start, end)| d.start < end && start < d.end)
        });
        matches.retain(|m| {
            !self.rules[m.rule].spec.generic
                || !decoded.iter().any(|d| !self.rules[d.rule].spec.generic && overlap(m, d))
        });
        if matches.is_empty() && decoded.is_empty() {
            return Vec::new();
        }
        let lines = LineIndex::new(text);
        let mut digests = SecretDigests::new(fingerprints, path);
        let mut findings: Vec<Finding> = matches
            .into_iter()
            .map(|m| {
                let raw = String::from_utf8_lossy(&text[m.start..m.end]);
                known.add(&raw);
                self.finding(path, text, &lines, m, &raw, &text[m.start..m.end], &mut digests)
            })
            .collect();
        for d in decoded {
            let raw = String::from_utf8_lossy(&d.secret);
            known.add(&raw);
            let encoded = String::from_utf8_lossy(&text[d.start..d.end]);
            known.add(&encoded);
            let m =
                SecretMatch { rule: d.rule, start: d.start, end: d.end, match_len: d.end - d.start, excused: false };
            let mut finding = self.finding(path, text, &lines, m, &encoded, &d.secret, &mut digests);
            finding.message = format!("{} (base64-decoded: {raw})", self.rules[d.rule].spec.description);
            finding.secret = Some(first_line(&raw).to_string());
            findings.push(finding);
        }
        findings.sort_by_key(|f| (f.region.start_line, f.region.start_column));
        findings
    }

    #[allow(clippy::too_many_arguments)] // The parts of one finding, all borrowed.
    fn finding(
        &self,
        path: &str,
        text: &[u8],
        lines: &LineIndex,
        m: SecretMatch,
        raw: &str,
        secret: &[u8],
        digests: &mut SecretDigests,
    ) -> Finding {
        let rule = &self.rules[m.rule];
        let region = crate::locate::secret_region(text, lines, m.start, m.end);
        // The fingerprint digests the secret (decoded, when it was found in base64).
        let normalised: Vec<u8> = secret.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
        Finding {
            rule_id: rule.id().to_string(),
            engine: Engine::Secret,
            severity: rule.spec.severity,
            message: format!("{} ({raw})", rule.spec.description),
            path: path.to_string(),
            region,
            snippet: snippet(text, lines, region.start_line as usize - 1, m, raw),
            secret: Some(first_line(raw).to_string()),
            fingerprint: digests.fingerprint(rule.id(), &normalised),
            line_hash: None,
            suppression: None,
            commit: None,
        }
    }
}

/// Where the line holding `text[at]` starts.
fn line_start(text: &[u8], at: usize) -> usize {
    memchr::memrchr(b'\n', &text[..at]).map_or(0, |i| i + 1)
}

/// The window a rule searches for one keyword hit at `hit_start..hit_end`.
fn window_around(text: &[u8], hit_start: usize, hit_end: usize, multiline: bool) -> (usize, usize) {
    let back = hit_start.saturating_sub(LINE_REACH);
    let start = memchr::memrchr(b'\n', &text[back..hit_start]).map_or(back, |i| back + i + 1);
    let reach = if multiline { MULTILINE_REACH } else { LINE_REACH };
    let limit = text.len().min(hit_end + reach);
    let end = if multiline {
        // Finish the line the reach ends in, within one more line's reach.
        let tail_limit = text.len().min(limit + LINE_REACH);
        memchr::memchr(b'\n', &text[limit..tail_limit]).map_or(tail_limit, |i| limit + i)
    } else {
        memchr::memchr(b'\n', &text[hit_end..limit]).map_or(limit, |i| hit_end + i)
    };
    // Include the line terminator so a rule may end on `\s` or a delimiter class.
    let end = if end < text.len() && text[end] == b'\n' { end + 1 } else { end };
    (start, end)
}
