//! Where matches of several rules overlap, which one is the finding: one secret, one finding.
//!
//! Every rule judges its own windows, so a token can match a vendor rule, a second vendor rule
//! keyed on the variable's name, and a generic `password = "..."` heuristic at once. The ranking
//! below keeps the surest and most specific match and drops every other match that shares a
//! byte with it.

use super::{Confidence, SecretMatch, SecretScanner};
use std::cmp::Reverse;
use std::collections::BTreeMap;

impl SecretScanner {
    /// One secret, one finding: where matches overlap, the most specific rule's is kept.
    ///
    /// Between vendor rules, the most specific is the surer one (confidence: an `nfp_` token
    /// format over a `NETLIFY_TOKEN=<40 chars>` context rule), then the one whose whole match is
    /// longest, having required more of the surrounding text (`CLERK_SECRET_KEY=sk_live_...`
    /// over the bare `sk_live_...` a Stripe rule accepts; a webhook URL over the API key in
    /// it), then the rule judged first. A generic rule's match is kept
    /// only where no vendor rule and no earlier generic rule claimed any of its bytes, and a
    /// fallback rule's only where no other rule did. An excused match claims its bytes as a
    /// vendor match does, and is then dropped itself. `found` is in judging order; O(n log n),
    /// since the kept spans never overlap.
    pub(super) fn resolve_overlaps(&self, found: &mut Vec<SecretMatch>) {
        if found.len() < 2 {
            found.retain(|m| !m.excused);
            return;
        }
        // Vendor matches by specificity, then generic ones; the sort is stable, so ties (and
        // all generic matches) stay in judging order.
        let mut order: Vec<usize> = (0..found.len()).collect();
        order.sort_by_key(|&i| {
            let m = &found[i];
            let spec = &self.rules[m.rule].spec;
            if spec.generic {
                (true, spec.fallback, Reverse(Confidence::Low), Reverse(0))
            } else {
                (false, false, Reverse(spec.confidence()), Reverse(m.match_len))
            }
        });
        let mut claimed: BTreeMap<usize, usize> = BTreeMap::new();
        let mut keep = vec![false; found.len()];
        for i in order {
            let m = &found[i];
            let clash = claimed.range(..m.end).next_back().is_some_and(|(_, &end)| end > m.start);
            if !clash {
                claimed.insert(m.start, m.end);
                keep[i] = true;
            }
        }
        let mut i = 0;
        found.retain(|m| {
            i += 1;
            keep[i - 1] && !m.excused
        });
    }
}
