//! The secrets engine: one Aho-Corasick pass over a file's bytes finds every rule keyword;
//! only rules whose keywords hit run their regex, and only in a window around the hit (the
//! hit's line, or a bounded span for multi-line formats). Candidates then pass entropy,
//! placeholder, checksum and allowlist filters before they become [`Finding`]s.
//!
//! [`SecretScanner`] is built once and shared read-only by every worker thread.

pub mod filter;
pub mod keywords;
pub mod rule;
pub mod selftest;

use crate::finding::{Engine, Finding};
use crate::fingerprint::{Fingerprinter, SecretDigests};
use crate::redact::KnownSecrets;
use crate::source::{self, LineIndex};
use anyhow::{Context, Result, bail};
use keywords::{Hit, KeywordIndex};
use regex_automata::Input;
pub use rule::{Category, Confidence, Rule, RuleSpec};
use std::collections::HashSet;

/// How far a window may reach back from / forward of a keyword on one line. Bounds the cost of
/// minified one-line files while covering any real assignment.
const LINE_REACH: usize = 2048;
/// How far a multi-line rule searches after its keyword (a 4096-bit PEM key is ~3.3 KiB).
const MULTILINE_REACH: usize = 16 * 1024;
/// Bytes of keyword hits gathered at a time: at most one hit ends per byte, so the hit buffer
/// stays under 24 bytes times this however large the file (or the size limit) is.
const HIT_RANGE: usize = 256 * 1024;
/// Longest snippet line shown in reports.
const SNIPPET_MAX: usize = 160;

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
}

pub struct SecretScanner {
    rules: Vec<Rule>,
    keywords: KeywordIndex,
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
        let pairs: Vec<(String, usize)> =
            rules.iter().enumerate().flat_map(|(i, r)| r.spec.keywords.iter().map(move |k| (k.clone(), i))).collect();
        let keywords = KeywordIndex::new(&pairs).context("cannot build the keyword automaton")?;
        Ok(SecretScanner { rules, keywords })
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
        let Scratch { regex, hits, open } = scratch;
        let mut found = Vec::new();
        let mut opened = 0;
        for from in (0..text.len()).step_by(HIT_RANGE) {
            self.keywords.hits_ending_in(text, from, text.len().min(from + HIT_RANGE), hits);
            for hit in hits.iter() {
                for &r in self.keywords.rules_of(hit.keyword) {
                    if let Some(w) = &open[r]
                        && hit.end <= w.end
                        && hit.start >= w.start
                    {
                        continue;
                    }
                    let (start, end) = window_around(text, hit.start, hit.end, self.rules[r].spec.multiline);
                    match &mut open[r] {
                        Some(w) if start <= w.end => w.end = w.end.max(end),
                        slot => {
                            let next = Window { rule: r, start, end, seq: opened };
                            opened += 1;
                            if let Some(done) = slot.replace(next) {
                                self.search(regex, path, text, done, &mut found);
                            }
                        }
                    }
                }
            }
        }
        for slot in open.iter_mut() {
            if let Some(done) = slot.take() {
                self.search(regex, path, text, done, &mut found);
            }
        }
        // Judge matches in the order of their windows' first hits (a generic rule's match
        // yields to the one judged first), whatever order the windows completed in.
        found.sort_by_key(|&(seq, _)| seq);
        let mut found: Vec<SecretMatch> = found.into_iter().map(|(_, m)| m).collect();
        self.drop_shadowed_generics(&mut found);
        found.sort_by_key(|m| (m.start, m.end, m.rule));
        found
    }

    /// Run window `w`'s rule over it, adding each confirmed match (tagged with the window's
    /// order) to `found`.
    fn search(
        &self,
        regex: &mut [Option<RegexState>],
        path: &str,
        text: &[u8],
        w: Window,
        found: &mut Vec<(usize, SecretMatch)>,
    ) {
        let rule = &self.rules[w.rule];
        if rule.allows_path(path) {
            return;
        }
        let (cache, caps) =
            regex[w.rule].get_or_insert_with(|| (rule.regex().create_cache(), rule.regex().create_captures()));
        let mut input = Input::new(text).span(w.start..w.end);
        loop {
            rule.regex().search_captures_with(cache, &input, caps);
            let Some(m) = caps.get_match() else { break };
            let span = caps.get_group(rule.secret_group()).unwrap_or(m.span());
            if self.confirms(rule, &text[span.start..span.end]) {
                found.push((w.seq, SecretMatch { rule: w.rule, start: span.start, end: span.end }));
            }
            let next = if m.is_empty() { m.end() + 1 } else { m.end() };
            if next >= w.end {
                break;
            }
            input.set_start(next);
        }
    }

    fn confirms(&self, rule: &Rule, secret: &[u8]) -> bool {
        if secret.is_empty() {
            return false;
        }
        if let Some(floor) = rule.spec.entropy
            && filter::shannon_entropy(secret) < floor
        {
            return false;
        }
        if filter::is_placeholder(secret) {
            return false;
        }
        if let Some(kind) = rule.spec.checksum
            && !filter::checksum_ok(kind, secret)
        {
            return false;
        }
        !rule.allows_secret(secret)
    }

    /// A generic rule's match is noise where a specific rule found an overlapping secret, or
    /// where another generic rule already claimed the same span.
    fn drop_shadowed_generics(&self, found: &mut Vec<SecretMatch>) {
        if found.len() < 2 {
            return;
        }
        let generic = |m: &SecretMatch| self.rules[m.rule].spec.generic;
        let specific: Vec<(usize, usize)> = found.iter().filter(|m| !generic(m)).map(|m| (m.start, m.end)).collect();
        let mut kept_generic: Vec<(usize, usize)> = Vec::new();
        found.retain(|m| {
            if !generic(m) {
                return true;
            }
            let overlaps = |&(s, e): &(usize, usize)| m.start < e && s < m.end;
            if specific.iter().any(overlaps) || kept_generic.iter().any(overlaps) {
                return false;
            }
            kept_generic.push((m.start, m.end));
            true
        });
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
        let matches = self.scan_with(scratch, path, text);
        if matches.is_empty() {
            return Vec::new();
        }
        let lines = LineIndex::new(text);
        let mut digests = SecretDigests::new(fingerprints, path);
        matches
            .into_iter()
            .map(|m| {
                let raw = String::from_utf8_lossy(&text[m.start..m.end]);
                known.add(&raw);
                self.finding(path, text, &lines, m, &raw, &mut digests)
            })
            .collect()
    }

    fn finding(
        &self,
        path: &str,
        text: &[u8],
        lines: &LineIndex,
        m: SecretMatch,
        raw: &str,
        digests: &mut SecretDigests,
    ) -> Finding {
        let rule = &self.rules[m.rule];
        let region = lines.region(text, m.start, m.end);
        let normalised: Vec<u8> = text[m.start..m.end].iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
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

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// The secret's first line, the secret shown as `shown`, clipped around the secret. Only the
/// shown characters are decoded, so a finding on a line of megabytes costs no more than one on
/// a short line.
fn snippet(text: &[u8], lines: &LineIndex, line: usize, m: SecretMatch, shown: &str) -> String {
    let range = lines.line_range(text, line);
    let secret_end = m.end.min(range.end);
    let keep = SNIPPET_MAX / 2;
    let (before, clipped) = source::text_before(text, range.start, m.start.max(range.start), keep);
    let before = if clipped { format!("…{before}") } else { before };
    let (mut after, clipped) = source::text_after(text, secret_end, range.end, keep);
    if clipped {
        after.push('…');
    }
    format!("{}{}{}", before.trim_start(), first_line(shown), after.trim_end())
}
