//! The keyword prefilter: every occurrence of every rule keyword in a file, in one pass.
//!
//! This is the only code that touches every byte of every file, so it is built for speed.
//! `aho-corasick` builds the automaton (an NFA over the lower-cased keywords, all overlapping
//! matches), and its transitions, failure links followed, are then copied into a compact DFA
//! table of our own (building aho-corasick's own DFA first cost as much again at every
//! start-up, a third of a pre-commit run over a few source files): bytes are
//! folded to lower case and grouped into the ~60 classes the keywords distinguish, and the
//! entries are 16-bit state numbers (while there are fewer than 65,536 states; ~5,000 for the
//! built-in rules), so a state's transitions take 120 bytes instead of the 512 of aho-corasick's
//! case-insensitive DFA (its classes cannot merge `a` with `A`, and its entries are 32-bit).
//! With ~1,000 keywords the transitions that ordinary text keeps taking then stay in cache,
//! which is what a DFA walk's speed depends on. The table is stored a column per class, so the
//! next state is `table[column[byte] + state]`: a load and an add on the chain of dependent
//! steps, where a row per state needs a shift as well (10% of a one-thread secrets scan's CPU).
//! Match states are numbered first, so "is this a match?" is one comparison.
//!
//! A table-driven DFA is bound by the latency of one dependent table load per byte, so a large
//! file is cut into [`LANES`] segments that are walked in lockstep. The loads of different lanes
//! are independent, so the CPU overlaps them (~3x the single-stream speed on the 2-core
//! machines CI runs on).
//!
//! Keywords that contain another keyword are dropped from the automaton (their rules are
//! attached to the shorter keyword): a hit of `password=` implies a hit of `password`, and a
//! smaller automaton stays in cache. Keywords come in groups that share the pass but not this
//! pruning (the regex rules' and the syntax rules', see [`KeywordIndex::grouped`]).

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, MatchKind};

/// Independent DFA walks interleaved per file.
const LANES: usize = 4;
/// Below this size a file is walked as one stream: the lockstep set-up is not worth it.
const MIN_LANE_LEN: usize = 256;

/// One keyword occurrence: which keyword (an index into [`KeywordIndex::rules_of`]) and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub end: usize,
    pub start: usize,
    pub keyword: u32,
}

pub struct KeywordIndex {
    /// aho-corasick's automaton, consulted only to report a match state's keywords.
    nfa: NFA,
    /// The transitions, a column per byte class: `table[column[byte] + state]` is the next
    /// state, so a step is a load and an add (a table of rows, a row per state, needs a shift
    /// too, on the chain of dependent steps that bounds the walk); match states come first.
    table: Table,
    /// Byte -> the offset of its class's column (the class times the number of states): bytes
    /// no keyword contains share class 0; upper case folds to lower.
    column: [u32; 256],
    /// The unanchored start state.
    start: u32,
    /// States below this one are match states.
    first_plain: u32,
    /// For each of our states, aho-corasick's.
    dfa_state: Vec<StateID>,
    /// Longest keyword kept in the automaton, in bytes.
    max_len: usize,
    /// The keywords kept in the automaton, by pattern id.
    keywords: Vec<String>,
    /// For each kept keyword, the rules to run when it occurs.
    rules: Vec<Vec<usize>>,
}

impl KeywordIndex {
    /// Build from `(keyword, rule index)` pairs. Keywords are matched ASCII-case-insensitively.
    pub fn new(pairs: &[(String, usize)]) -> anyhow::Result<KeywordIndex> {
        Self::grouped(&[pairs])
    }

    /// Build from groups of `(keyword, rule index)` pairs searched in the same pass. A keyword
    /// is dropped for a shorter one it contains only within its group: the syntax rules'
    /// `token` must not make every regex rule keyed on `github_token` search each `token`.
    /// Keywords of different groups may then end at the same byte (`token` in `modal_token`);
    /// both are reported.
    pub fn grouped(groups: &[&[(String, usize)]]) -> anyhow::Result<KeywordIndex> {
        // Per pair, the keyword its rule is attached to.
        let mut attached: Vec<(String, usize)> = Vec::new();
        for pairs in groups {
            let mut distinct: Vec<String> = pairs.iter().map(|(k, _)| k.to_ascii_lowercase()).collect();
            distinct.sort();
            distinct.dedup();
            if distinct.is_empty() {
                continue;
            }
            // The shortest keyword inside each keyword (itself when it holds no other) contains
            // no other keyword, so it is kept, and its hit implies the longer one's. One
            // automaton pass per keyword instead of comparing every pair (which cost ~5 ms at
            // start-up).
            let all = AhoCorasick::builder().kind(Some(AhoCorasickKind::NoncontiguousNFA)).build(&distinct)?;
            let shortest_inside: Vec<usize> = distinct
                .iter()
                .map(|k| {
                    let m = all.find_overlapping_iter(k).min_by_key(|m| (m.len(), m.pattern()));
                    m.expect("a keyword contains itself").pattern().as_usize()
                })
                .collect();
            for (kw, rule) in pairs.iter() {
                let at = distinct.binary_search(&kw.to_ascii_lowercase()).expect("every keyword is in `distinct`");
                attached.push((distinct[shortest_inside[at]].clone(), *rule));
            }
        }
        let mut kept: Vec<String> = attached.iter().map(|(k, _)| k.clone()).collect();
        kept.sort();
        kept.dedup();
        let mut rules = vec![Vec::new(); kept.len()];
        for (kw, rule) in &attached {
            let i = kept.binary_search(kw).expect("every attached keyword is kept");
            if !rules[i].contains(rule) {
                rules[i].push(*rule);
            }
        }
        // Case-sensitive over lower-cased keywords: the walk folds the text's case itself.
        let nfa = NFA::builder().match_kind(MatchKind::Standard).build(&kept)?;
        let max_len = kept.iter().map(String::len).max().unwrap_or(0);
        let Compact { table, column, start, states } = compact(&nfa, &kept)?;
        let first_plain = u32::try_from(states.iter().take_while(|&&sid| nfa.is_match(sid)).count())?;
        Ok(KeywordIndex { nfa, table, column, start, first_plain, dfa_state: states, max_len, keywords: kept, rules })
    }

    /// The state after `s` reads byte `b` (`table` is [`KeywordIndex::table`]'s entries).
    #[inline(always)]
    fn next<T: Entry>(&self, table: &[T], s: u32, b: u8) -> u32 {
        let at = self.column[b as usize] as usize + s as usize;
        // SAFETY: `s` is a state (every entry of `table` is one, below the number of states),
        // and a column starts at a class times the number of states.
        unsafe { table.get_unchecked(at) }.state()
    }

    #[inline(always)]
    fn is_match(&self, s: u32) -> bool {
        s < self.first_plain
    }

    /// Negative (top bit set) exactly when `s` is a match state: ORed over lanes, one test says
    /// whether any lane matched (states are below 2^31, checked when the table is built).
    #[inline(always)]
    fn match_bit(&self, s: u32) -> u32 {
        s.wrapping_sub(self.first_plain)
    }

    /// The keywords the automaton searches for (after dropping those that contain another).
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    /// The rules a hit of `keyword` must run.
    pub fn rules_of(&self, keyword: u32) -> &[usize] {
        &self.rules[keyword as usize]
    }

    /// Every keyword occurrence in `text` (overlapping ones included), sorted by end offset.
    pub fn hits(&self, text: &[u8], out: &mut Vec<Hit>) {
        self.hits_ending_in(text, 0, text.len(), out);
    }

    /// The keyword occurrences of `text` that end in `text[from..to]` (they may start before
    /// `from`), sorted by end offset. Walking a large file in consecutive ranges bounds the hit
    /// buffer by the range length: within a group no kept keyword is a suffix of another, so
    /// at most one hit per group ends at each byte. Each lane's hits are in order already, and
    /// the lanes' lists only need concatenating (sorting a hit per byte dominated a file of `A`s).
    pub fn hits_ending_in(&self, text: &[u8], from: usize, to: usize, out: &mut Vec<Hit>) {
        out.clear();
        if self.rules.is_empty() {
            return;
        }
        match &self.table {
            Table::Narrow(table) => self.walk_lanes(table, text, from, to, out),
            Table::Wide(table) => self.walk_lanes(table, text, from, to, out),
        }
    }

    /// [`KeywordIndex::hits_ending_in`] over the table's entries.
    fn walk_lanes<T: Entry>(&self, table: &[T], text: &[u8], from: usize, to: usize, out: &mut Vec<Hit>) {
        // The DFA state at `at` depends only on the `max_len - 1` bytes before it.
        let warm = self.max_len.saturating_sub(1);
        let warmed = |at: usize| {
            let mut s = self.start;
            for &b in &text[at.saturating_sub(warm)..at] {
                s = self.next(table, s, b);
            }
            s
        };
        let text = &text[..to];
        let lane_len = (to - from).div_ceil(LANES);
        if lane_len < MIN_LANE_LEN {
            self.walk(table, text, from, warmed(from), out);
            return;
        }
        // Lane k reports matches ending in (base(k), base(k) + lane_len], starting from the
        // state warmed up on the bytes before its base.
        let base = |k: usize| from + k * lane_len;
        let mut states: [u32; LANES] = std::array::from_fn(|k| warmed(base(k)));
        // Lockstep over the length every lane has (the last lane may be shorter), in
        // [`KeywordIndex::lockstep`], which returns at each byte where some lane matched.
        let n = to - base(LANES - 1);
        let lanes: [&[u8]; LANES] = std::array::from_fn(|k| &text[base(k)..base(k) + n]);
        // Lane 0 reports into `out`, the others into their own lists, appended in lane order.
        let mut later: [Vec<Hit>; LANES - 1] = Default::default();
        let mut i = 0;
        while i < n {
            i = self.lockstep(table, lanes, i, &mut states);
            if states.iter().any(|&s| self.is_match(s)) {
                self.report(states[0], base(0) + i, out);
                for k in 1..LANES {
                    self.report(states[k], base(k) + i, &mut later[k - 1]);
                }
            }
        }
        // Finish every lane but the last, which is done.
        self.walk(table, &text[..base(1)], base(0) + n, states[0], out);
        for k in 1..LANES - 1 {
            self.walk(table, &text[..base(k + 1)], base(k) + n, states[k], &mut later[k - 1]);
        }
        for lane in &later {
            out.extend_from_slice(lane);
        }
        debug_assert!(out.is_sorted(), "hits come in order of their end");
    }

    /// Step every lane from byte `from` on, in lockstep, until some lane reaches a match state
    /// or the lanes (all as long) end; the number of bytes each lane has read. Kept out of line
    /// and small, so that its dozen live values all stay in registers: inlined into the
    /// scanner's large loop, the states were spilled to the stack on every byte.
    #[inline(never)]
    fn lockstep<T: Entry>(&self, table: &[T], lanes: [&[u8]; LANES], from: usize, states: &mut [u32; LANES]) -> usize {
        let [l0, l1, l2, l3] = lanes;
        let n = l0.len();
        assert!(l1.len() == n && l2.len() == n && l3.len() == n, "lanes are walked in lockstep");
        let [mut s0, mut s1, mut s2, mut s3] = *states;
        let mut i = from;
        while i < n {
            // SAFETY: every lane is `n` bytes long and `i < n`.
            let step = |s: u32, lane: &[u8]| self.next(table, s, unsafe { *lane.get_unchecked(i) });
            (s0, s1, s2, s3) = (step(s0, l0), step(s1, l1), step(s2, l2), step(s3, l3));
            i += 1;
            let matched = self.match_bit(s0) | self.match_bit(s1) | self.match_bit(s2) | self.match_bit(s3);
            if (matched as i32) < 0 {
                break;
            }
        }
        *states = [s0, s1, s2, s3];
        i
    }

    /// Walk `text[from..]` from state `s` as one stream.
    fn walk<T: Entry>(&self, table: &[T], text: &[u8], from: usize, mut s: u32, out: &mut Vec<Hit>) {
        for (at, &b) in text.iter().enumerate().skip(from) {
            s = self.next(table, s, b);
            if self.is_match(s) {
                self.report(s, at + 1, out);
            }
        }
    }

    #[cold]
    fn report(&self, s: u32, end: usize, out: &mut Vec<Hit>) {
        if !self.is_match(s) {
            return;
        }
        let sid = self.dfa_state[s as usize];
        let first = out.len();
        for i in 0..self.nfa.match_len(sid) {
            let pid = self.nfa.match_pattern(sid, i);
            out.push(Hit { end, start: end - self.nfa.pattern_len(pid), keyword: pid.as_u32() });
        }
        // Keywords of different groups ending here: longest first, as `Hit`'s order has it.
        out[first..].sort_unstable();
    }
}

/// The transition table's entries, state numbers in the narrowest type that holds them all:
/// the smaller the table, the more of its hot entries stay in the CPU's first-level cache.
enum Table {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

/// A transition table entry: a state number.
trait Entry: Copy {
    fn state(self) -> u32;
}

impl Entry for u16 {
    #[inline(always)]
    fn state(self) -> u32 {
        u32::from(self)
    }
}

impl Entry for u32 {
    #[inline(always)]
    fn state(self) -> u32 {
        self
    }
}

/// [`KeywordIndex`]'s transition table, computed from aho-corasick's NFA.
struct Compact {
    table: Table,
    column: [u32; 256],
    /// The start state.
    start: u32,
    /// aho-corasick's state for each of ours: every match state first.
    states: Vec<StateID>,
}

/// Turn `nfa` (built over the lower-cased `keywords`) into a DFA table over case-folded byte
/// classes.
fn compact(nfa: &NFA, keywords: &[String]) -> anyhow::Result<Compact> {
    // One class per byte some keyword holds; every other byte is class 0, represented by a
    // byte that neither a keyword nor its upper case holds.
    let mut used = [false; 256];
    keywords.iter().flat_map(|k| k.bytes()).for_each(|b| used[b as usize] = true);
    let other = (0..=255u8).find(|&b| !used[b as usize] && !used[b.to_ascii_lowercase() as usize]);
    let other = other.ok_or_else(|| anyhow::anyhow!("keywords use every byte value"))?;
    let mut class = [0u8; 256];
    let mut reps = vec![other];
    for b in 0..=255u8 {
        if used[b as usize] {
            class[b as usize] = u8::try_from(reps.len()).map_err(|_| anyhow::anyhow!("too many keyword bytes"))?;
            reps.push(b);
        }
    }
    for b in b'A'..=b'Z' {
        class[b as usize] = class[b.to_ascii_lowercase() as usize];
    }
    // Every state reachable from the start, breadth first, with its row of successors.
    let start = nfa.start_state(Anchored::No)?;
    // aho-corasick's state ids are offsets into its transition table, so its memory use in
    // 4-byte units bounds them: a flat index, where a hash map cost milliseconds per start-up.
    const NEW: u32 = u32::MAX;
    let mut index = vec![NEW; nfa.memory_usage() / 4 + 1];
    let slot = |sid: StateID| sid.as_usize();
    index[slot(start)] = 0;
    let mut found = vec![start];
    // Successors of `found[i]` at `succ[i * reps.len()..][..reps.len()]`.
    let mut succ: Vec<StateID> = Vec::new();
    while let Some(&sid) = found.get(succ.len() / reps.len()) {
        for &b in &reps {
            let next = nfa.next_state(Anchored::No, sid, b);
            if index[slot(next)] == NEW {
                index[slot(next)] = u32::try_from(found.len())?;
                found.push(next);
            }
            succ.push(next);
        }
    }
    // Match states numbered first, so a match is `state < first_plain`.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| !nfa.is_match(found[i]));
    let mut number = vec![0usize; found.len()];
    for (n, &i) in order.iter().enumerate() {
        number[i] = n;
    }
    // Column `c` holds every state's successor on class `c`; its offsets must fit the walk's
    // 32-bit arithmetic, and states stay below 2^31 (see `match_bit`).
    let states = found.len();
    anyhow::ensure!(reps.len() * states < 1 << 31, "too many keyword states");
    let mut entries = vec![0u32; reps.len() * states];
    for (i, successors) in succ.chunks(reps.len()).enumerate() {
        for (c, next) in successors.iter().enumerate() {
            entries[c * states + number[i]] = u32::try_from(number[index[slot(*next)] as usize])?;
        }
    }
    let table = match entries.iter().map(|&e| u16::try_from(e)).collect() {
        Ok(narrow) => Table::Narrow(narrow),
        Err(_) => Table::Wide(entries),
    };
    let column = class.map(|c| u32::from(c) * states as u32);
    let order = order.iter().map(|&i| found[i]).collect();
    Ok(Compact { table, column, start: u32::try_from(number[0])?, states: order })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// The lane-interleaved walk must report exactly what aho-corasick's own overlapping search
    /// reports, for every file size around the lane boundaries.
    #[test]
    fn lockstep_walk_equals_overlapping_search() {
        let keywords = ["token", "ghp_", "password", "pass", "aws_secret", "sk_live_", "hf_", "ss"];
        let pairs: Vec<(String, usize)> = keywords.iter().enumerate().map(|(i, k)| (k.to_string(), i)).collect();
        let index = KeywordIndex::new(&pairs).unwrap();
        assert_eq!(index.keywords(), ["aws_secret", "ghp_", "hf_", "sk_live_", "ss", "token"]);
        // In two groups, `pass` and `ss`, `password` and `pass` overlap and end together.
        let grouped = KeywordIndex::grouped(&[&pairs[..4], &pairs[4..]]).unwrap();
        assert_eq!(grouped.keywords(), ["aws_secret", "ghp_", "hf_", "pass", "sk_live_", "ss", "token"]);
        for index in [index, grouped] {
            check_against_overlapping_search(&index);
        }
    }

    /// As many byte classes as the built-in rules have (~60) and more than 64 (letters with
    /// diacritics): the columns' offsets must be right for every class.
    #[test]
    fn walks_with_many_byte_classes_equal_the_overlapping_search() {
        let punctuation = "!#$%&()*+,-./:;<=>?@[]^_{|}~";
        for (extra, classes) in [("", 60), ("\u{e9}\u{fc}\u{f1}\u{e7}\u{f8}\u{e5}\u{df}\u{3b1}\u{3b2}\u{3b3}", 70)] {
            // Every letter, digit and punctuation mark in some keyword: 64 or more classes.
            let mut keywords: Vec<String> =
                ["api_key", "ghp_", "token", "xoxb-", "sk_live_", "AKIA"].map(String::from).into();
            keywords.extend(punctuation.chars().map(|c| format!("q{c}z")));
            keywords.extend(('0'..='9').map(|d| format!("v{d}")));
            keywords.extend(extra.chars().map(|c| format!("{c}w{c}")));
            keywords.push("bcdefhjmnr".into());
            let pairs: Vec<(String, usize)> = keywords.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let index = KeywordIndex::new(&pairs).unwrap();
            let columns: std::collections::HashSet<u32> = index.column.iter().copied().collect();
            assert!(columns.len() >= classes, "{} classes", columns.len());
            check_against_overlapping_search(&index);
        }
    }

    fn check_against_overlapping_search(index: &KeywordIndex) {
        let reference = AhoCorasick::builder().ascii_case_insensitive(true).build(index.keywords()).unwrap();
        // Keywords, upper-cased and cut in half, so they overlap each other and lane boundaries.
        let mut pieces: Vec<Vec<u8>> = vec![b" ".to_vec(), b"\n".to_vec(), b"s".to_vec()];
        for kw in index.keywords() {
            let kw = kw.as_bytes();
            pieces.extend([kw.to_vec(), kw.to_ascii_uppercase(), kw[..kw.len() / 2].to_vec()]);
        }

        let mut seed = 7u64;
        let mut hits = Vec::new();
        for len in [0, 1, 100, 1023, 1024, 1027, 4096 * 4 + 3, 50_001] {
            let mut text = Vec::with_capacity(len + 16);
            while text.len() < len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.extend_from_slice(&pieces[(seed % pieces.len() as u64) as usize]);
            }
            text.truncate(len);
            index.hits(&text, &mut hits);
            let got: Vec<(usize, usize, u32)> = hits.iter().map(|h| (h.end, h.start, h.keyword)).collect();
            let mut want: Vec<(usize, usize, u32)> =
                reference.find_overlapping_iter(&text).map(|m| (m.end(), m.start(), m.pattern().as_u32())).collect();
            want.sort();
            assert_eq!(got, want, "len {len}");
            // The same hits, range by range, with ranges cutting through keywords.
            let mut ranged = Vec::new();
            for from in (0..len).step_by(997) {
                index.hits_ending_in(&text, from, len.min(from + 997), &mut hits);
                ranged.extend(hits.iter().map(|h| (h.end, h.start, h.keyword)));
            }
            assert_eq!(ranged, want, "len {len}, by ranges");
            assert!(len < 1000 || !got.is_empty(), "the test text must contain keywords");
        }
    }

    /// Past 65,536 states the table's entries are 32-bit, and the walk is the same.
    #[test]
    fn a_large_automaton_walks_the_wide_table() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut letter = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            b'a' + (seed % 26) as u8
        };
        let pairs: Vec<(String, usize)> =
            (0..12_000).map(|i| (String::from_utf8((0..10).map(|_| letter()).collect()).unwrap(), i)).collect();
        let index = KeywordIndex::new(&pairs).unwrap();
        assert!(matches!(index.table, Table::Wide(_)), "{} keywords", index.keywords().len());
        let narrow = KeywordIndex::new(&pairs[..100]).unwrap();
        assert!(matches!(narrow.table, Table::Narrow(_)));

        // Keywords, their halves and random letters, some upper-cased.
        let mut text = Vec::new();
        for (i, (kw, _)) in pairs.iter().enumerate().step_by(7).take(3_000) {
            match i % 3 {
                0 => text.extend_from_slice(kw.as_bytes()),
                1 => text.extend_from_slice(kw.to_ascii_uppercase().as_bytes()),
                _ => text.extend_from_slice(&kw.as_bytes()[..5]),
            }
            text.extend((0..i % 4).map(|_| letter()));
        }
        let reference = AhoCorasick::builder().ascii_case_insensitive(true).build(index.keywords()).unwrap();
        let mut want: Vec<(usize, usize, u32)> =
            reference.find_overlapping_iter(&text).map(|m| (m.end(), m.start(), m.pattern().as_u32())).collect();
        want.sort();
        let mut hits = Vec::new();
        index.hits(&text, &mut hits);
        let got: Vec<(usize, usize, u32)> = hits.iter().map(|h| (h.end, h.start, h.keyword)).collect();
        assert!(want.len() > 1_000);
        assert_eq!(got, want);
    }

    #[test]
    fn groups_share_the_pass_but_not_the_pruning() {
        let regex = vec![("github_token".to_string(), 0), ("password=".to_string(), 1)];
        let syntax = vec![("token".to_string(), 2), ("password".to_string(), 3)];
        let index = KeywordIndex::grouped(&[&regex, &syntax]).unwrap();
        assert_eq!(index.keywords(), ["github_token", "password", "password=", "token"]);
        let mut hits = Vec::new();
        index.hits(b"GITHUB_TOKEN password=x", &mut hits);
        let got: Vec<(usize, usize, Vec<usize>)> =
            hits.iter().map(|h| (h.start, h.end, index.rules_of(h.keyword).to_vec())).collect();
        assert_eq!(got, vec![(0, 12, vec![0]), (7, 12, vec![2]), (13, 21, vec![3]), (13, 22, vec![1])]);
    }

    #[test]
    fn containing_keywords_attach_to_the_contained_one() {
        let pairs = vec![("password=".to_string(), 0), ("password".to_string(), 1), ("Secret".to_string(), 2)];
        let index = KeywordIndex::new(&pairs).unwrap();
        let mut hits = Vec::new();
        index.hits(b"PASSWORD=x secret", &mut hits);
        let rules: Vec<Vec<usize>> = hits.iter().map(|h| index.rules_of(h.keyword).to_vec()).collect();
        assert_eq!(rules, vec![vec![0, 1], vec![2]]);
    }
}
