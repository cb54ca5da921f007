//! The fallback rules' keywords, searched apart from every other rule's.
//!
//! A fallback rule (`fallback = true`, the catch-all for providers without a rule) is keyed on
//! words as common as `key`, `token` and `private`. In the shared keyword pass
//! ([`super::keywords`]) those words made a hit on most lines of source code, and every hit
//! costs the pass a slow step, for files the fallback rules do not even scan (they leave the
//! languages the syntax rules parse to them). So their keywords get a searcher of their own,
//! run only over the files the fallback rules scan: aho-corasick over a handful of words in
//! the three spellings names use (`key`, `KEY`, `Key`), reporting the leftmost hit and moving
//! on (a hit opens a window on its whole line, so a second hit on the same line adds nothing).

use super::rule::Rule;
use aho_corasick::{AhoCorasick, MatchKind};

pub struct FallbackKeywords {
    searcher: AhoCorasick,
    /// For each keyword (by pattern id), the fallback rules it belongs to.
    rules_of: Vec<Vec<usize>>,
}

impl FallbackKeywords {
    /// The searcher for `rules`' fallback rules, `None` when there are none.
    pub fn new(rules: &[Rule]) -> anyhow::Result<Option<FallbackKeywords>> {
        let mut keywords: Vec<String> = Vec::new();
        let mut rules_of: Vec<Vec<usize>> = Vec::new();
        for (i, rule) in rules.iter().enumerate().filter(|(_, r)| r.spec.fallback) {
            for keyword in rule.spec.keywords.iter().flat_map(|k| spellings(k)) {
                match keywords.iter().position(|k| *k == keyword) {
                    Some(p) => rules_of[p].push(i),
                    None => {
                        keywords.push(keyword);
                        rules_of.push(vec![i]);
                    }
                }
            }
        }
        if keywords.is_empty() {
            return Ok(None);
        }
        let searcher = AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(&keywords)?;
        Ok(Some(FallbackKeywords { searcher, rules_of }))
    }

    /// Each keyword hit in `text`, as `(start, end, rules)`, left to right.
    pub fn hits<'a>(&'a self, text: &'a [u8]) -> impl Iterator<Item = (usize, usize, &'a [usize])> + 'a {
        self.searcher.find_iter(text).map(|m| (m.start(), m.end(), self.rules_of[m.pattern().as_usize()].as_slice()))
    }
}

/// The ways names spell a keyword: `key`, `KEY`, `Key` (`api_key`, `API_KEY`, `apiKey`), and the
/// keyword as written when it is none of those (a method, `.setProperty(`). A case-insensitive
/// search could not use aho-corasick's SIMD prefilter (every case variant of `credential` is a
/// thousand patterns), and walked every byte of the file.
fn spellings(keyword: &str) -> [String; 4] {
    let lower = keyword.to_ascii_lowercase();
    let mut capitalised = lower.clone();
    // (`get_mut`, not indexing: a user rule's keyword may be empty or start with a multi-byte
    // character.)
    if let Some(first) = capitalised.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    [keyword.to_ascii_uppercase(), capitalised, lower, keyword.to_string()]
}

#[cfg(test)]
mod tests {
    use super::FallbackKeywords;
    use crate::secrets::rule::{Rule, RuleSpec};

    fn rule(id: &str, keywords: &[&str], fallback: bool) -> Rule {
        let toml = format!(
            "id = '{id}'\ndescription = 'x'\nseverity = 'low'\nregex = 'x'\nkeywords = {keywords:?}\nfallback = {fallback}\nexamples = ['x']\nnegative_examples = ['y']\n"
        );
        Rule::new(toml::from_str::<RuleSpec>(&toml).unwrap())
    }

    #[test]
    fn only_fallback_rules_keywords_in_the_spellings_names_use() {
        let rules = [rule("vendor", &["acme_"], false), rule("catch-all", &["key", "Token"], true)];
        let keywords = FallbackKeywords::new(&rules).unwrap().unwrap();
        let text = b"acme_KEY = 1\nmy_token x apiKey kEy";
        let hits: Vec<_> = keywords.hits(text).map(|(s, e, r)| (s, e, r.to_vec())).collect();
        // `kEy` is no name's spelling.
        assert_eq!(hits, [(5, 8, vec![1]), (16, 21, vec![1]), (27, 30, vec![1])]);
        assert!(FallbackKeywords::new(&rules[..1]).unwrap().is_none());
        assert_eq!(super::spellings("é"), ["é", "é", "é", "é"].map(String::from));
        // A camel-case method is searched as written too.
        let rules = [rule("option-call", &[".setProperty("], true)];
        let keywords = FallbackKeywords::new(&rules).unwrap().unwrap();
        let hits: Vec<_> = keywords
            .hits(b"p.setProperty(k, v); p.setproperty(k, v); p.setPropertyX(")
            .map(|(s, e, _)| (s, e))
            .collect();
        assert_eq!(hits, [(1, 14), (22, 35)]);
    }
}
