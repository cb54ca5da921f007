//! The keyword prefilter: every occurrence of every rule keyword in a file, in one pass.
//!
//! This is the only code that touches every byte of every file, so it is built for speed. It
//! uses `aho-corasick`'s DFA (ASCII case-insensitive, all overlapping matches), but drives the
//! DFA itself: a table-driven DFA is bound by the latency of one dependent table load per
//! byte, so a large file is cut into [`LANES`] segments that are walked in lockstep. The loads
//! of different lanes are independent, so the CPU overlaps them (~3x the single-stream speed
//! on the 2-core machines CI runs on).
//!
//! Keywords that contain another keyword are dropped from the automaton (their rules are
//! attached to the shorter keyword): a hit of `password=` implies a hit of `password`, and a
//! smaller automaton stays in cache.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
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
    dfa: DFA,
    start: StateID,
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
        let mut distinct: Vec<String> = pairs.iter().map(|(k, _)| k.to_ascii_lowercase()).collect();
        distinct.sort();
        distinct.dedup();
        // The shortest keyword inside each keyword (itself when it holds no other) contains no
        // other keyword, so it is kept, and its hit implies the longer one's. One automaton pass
        // per keyword instead of comparing every pair (which cost ~5 ms at start-up).
        let all = AhoCorasick::builder().kind(Some(AhoCorasickKind::NoncontiguousNFA)).build(&distinct)?;
        let shortest_inside: Vec<usize> = distinct
            .iter()
            .map(|k| {
                let m = all.find_overlapping_iter(k).min_by_key(|m| (m.len(), m.pattern()));
                m.expect("a keyword contains itself").pattern().as_usize()
            })
            .collect();
        let kept_ids: Vec<usize> = (0..distinct.len()).filter(|&i| shortest_inside[i] == i).collect();
        let kept: Vec<String> = kept_ids.iter().map(|&i| distinct[i].clone()).collect();
        let mut rules = vec![Vec::new(); kept.len()];
        for (kw, rule) in pairs {
            let at = distinct.binary_search(&kw.to_ascii_lowercase()).expect("every keyword is in `distinct`");
            let i = kept_ids.binary_search(&shortest_inside[at]).expect("the shortest inside is kept");
            if !rules[i].contains(rule) {
                rules[i].push(*rule);
            }
        }
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&kept)?;
        let start = dfa.start_state(Anchored::No)?;
        let max_len = kept.iter().map(String::len).max().unwrap_or(0);
        Ok(KeywordIndex { dfa, start, max_len, keywords: kept, rules })
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
    /// buffer by the range length: no kept keyword is a suffix of another, so at most one hit
    /// ends at each byte. For the same reason each lane's hits are in order already, and the
    /// lanes' lists only need concatenating (sorting a hit per byte dominated a file of `A`s).
    pub fn hits_ending_in(&self, text: &[u8], from: usize, to: usize, out: &mut Vec<Hit>) {
        out.clear();
        if self.rules.is_empty() {
            return;
        }
        // The DFA state at `at` depends only on the `max_len - 1` bytes before it.
        let warm = self.max_len.saturating_sub(1);
        let warmed = |at: usize| {
            let mut s = self.start;
            for &b in &text[at.saturating_sub(warm)..at] {
                s = self.dfa.next_state(Anchored::No, s, b);
            }
            s
        };
        let text = &text[..to];
        let lane_len = (to - from).div_ceil(LANES);
        if lane_len < MIN_LANE_LEN {
            self.walk(text, from, warmed(from), out);
            return;
        }
        // Lane k reports matches ending in (base(k), base(k) + lane_len], starting from the
        // state warmed up on the bytes before its base.
        let base = |k: usize| from + k * lane_len;
        let (mut s0, mut s1, mut s2, mut s3) = (warmed(base(0)), warmed(base(1)), warmed(base(2)), warmed(base(3)));
        // Lockstep over the length every lane has (the last lane may be shorter), with the
        // four states in registers and no bounds checks on the text.
        let n = to - base(LANES - 1);
        let lane = |k: usize| &text[base(k)..base(k) + n];
        let (l0, l1, l2, l3) = (lane(0), lane(1), lane(2), lane(3));
        // Lane 0 reports into `out`, the others into their own lists, appended in lane order.
        let mut later: [Vec<Hit>; LANES - 1] = Default::default();
        for (i, (((&b0, &b1), &b2), &b3)) in l0.iter().zip(l1).zip(l2).zip(l3).enumerate() {
            s0 = self.dfa.next_state(Anchored::No, s0, b0);
            s1 = self.dfa.next_state(Anchored::No, s1, b1);
            s2 = self.dfa.next_state(Anchored::No, s2, b2);
            s3 = self.dfa.next_state(Anchored::No, s3, b3);
            if self.dfa.is_special(s0) | self.dfa.is_special(s1) | self.dfa.is_special(s2) | self.dfa.is_special(s3) {
                self.report(s0, base(0) + i + 1, out);
                for (k, s) in [s1, s2, s3].into_iter().enumerate() {
                    self.report(s, base(k + 1) + i + 1, &mut later[k]);
                }
            }
        }
        // Finish the first three lanes; the last one is done.
        self.walk(&text[..base(1)], base(0) + n, s0, out);
        for (k, s) in [s1, s2].into_iter().enumerate() {
            self.walk(&text[..base(k + 2)], base(k + 1) + n, s, &mut later[k]);
        }
        for lane in &later {
            out.extend_from_slice(lane);
        }
        debug_assert!(out.is_sorted(), "at most one hit ends at each byte");
    }

    /// Walk `text[from..]` from state `s` as one stream.
    fn walk(&self, text: &[u8], from: usize, mut s: StateID, out: &mut Vec<Hit>) {
        for (at, &b) in text.iter().enumerate().skip(from) {
            s = self.dfa.next_state(Anchored::No, s, b);
            if self.dfa.is_special(s) {
                self.report(s, at + 1, out);
            }
        }
    }

    #[cold]
    fn report(&self, sid: StateID, end: usize, out: &mut Vec<Hit>) {
        if !self.dfa.is_match(sid) {
            return;
        }
        for i in 0..self.dfa.match_len(sid) {
            let pid = self.dfa.match_pattern(sid, i);
            out.push(Hit { end, start: end - self.dfa.pattern_len(pid), keyword: pid.as_u32() });
        }
    }
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
        let reference = AhoCorasick::builder().ascii_case_insensitive(true).build(index.keywords()).unwrap();

        let mut seed = 7u64;
        let mut hits = Vec::new();
        for len in [0, 1, 100, 1023, 1024, 1027, 4096 * 4 + 3, 50_001] {
            // Random runs of keyword pieces, so keywords overlap each other and lane boundaries.
            const PIECES: [&[u8]; 11] =
                [b"token", b"TOK", b"ghp_", b"PASS", b"word", b"aws_secret", b"sk_live_", b"hf_", b"s", b" ", b"\n"];
            let mut text = Vec::with_capacity(len + 16);
            while text.len() < len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.extend_from_slice(PIECES[(seed % PIECES.len() as u64) as usize]);
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
