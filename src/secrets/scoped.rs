//! The keywords of rules that run only in files of a given name (`path`), searched in those
//! files alone.
//!
//! A rule for pgbouncer's `userlist.txt` or pppd's `chap-secrets` may key on text as plain as
//! `" "` or ` * `, because only the file's name makes such a line a credential. In the shared
//! pass ([`super::keywords`]) those keywords hit on most lines of source code, and every hit is a
//! step out of the walk's fast loop, for rules that then skip the file. So these rules'
//! keywords get an automaton of their own, walked only over a file one of them runs in: most
//! files, matching no rule's path, cost nothing.

use super::keywords::{Hit, KeywordIndex};
use super::paths::PathVerdicts;
use super::rule::Rule;

pub struct ScopedKeywords {
    index: KeywordIndex,
    /// The rules whose keywords `index` holds.
    rules: Vec<usize>,
}

impl ScopedKeywords {
    /// Is `rule` one whose keywords are searched here? A regex rule with a `path` (the syntax
    /// and fallback rules have searchers of their own).
    pub fn is_scoped(rule: &Rule) -> bool {
        rule.spec.path.is_some() && rule.spec.syntax.is_none() && !rule.spec.fallback
    }

    /// The searcher for `rules`' scoped rules, `None` when there are none.
    pub fn new(rules: &[Rule]) -> anyhow::Result<Option<ScopedKeywords>> {
        let scoped: Vec<usize> = (0..rules.len()).filter(|&i| Self::is_scoped(&rules[i])).collect();
        if scoped.is_empty() {
            return Ok(None);
        }
        let pairs: Vec<(String, usize)> =
            scoped.iter().flat_map(|&i| rules[i].spec.keywords.iter().map(move |k| (k.clone(), i))).collect();
        Ok(Some(ScopedKeywords { index: KeywordIndex::new(&pairs)?, rules: scoped }))
    }

    /// Call `hit(rule, start, end)` for each keyword occurrence of a scoped rule in `text`, in
    /// file order, when one of these rules runs in the file at `path` (`verdicts` are its path
    /// patterns' answers); `hits` is scratch space.
    pub fn each_hit(
        &self,
        rules: &[Rule],
        (path, verdicts): (&str, &PathVerdicts),
        text: &[u8],
        hits: &mut Vec<Hit>,
        mut hit: impl FnMut(usize, usize, usize),
    ) {
        if self.rules.iter().all(|&r| rules[r].skips_file(path, verdicts)) {
            return;
        }
        for from in (0..text.len()).step_by(super::HIT_RANGE) {
            self.index.hits_ending_in(text, from, text.len().min(from + super::HIT_RANGE), hits);
            for h in hits.iter() {
                for &r in self.index.rules_of(h.keyword) {
                    hit(r, h.start, h.end);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ScopedKeywords;
    use crate::secrets::SecretScanner;
    use crate::secrets::paths::PathVerdicts;
    use crate::secrets::rule::RuleSpec;

    fn spec(id: &str, keywords: &[&str], path: Option<&str>) -> RuleSpec {
        let path = path.map(|p| format!("path = '{p}'\nexample_path = 'userlist.txt'\n")).unwrap_or_default();
        let toml = format!(
            "id = '{id}'\ndescription = 'x'\nseverity = 'low'\nregex = 'x'\nkeywords = {keywords:?}\n{path}examples = ['x']\nnegative_examples = ['y']\n"
        );
        toml::from_str::<RuleSpec>(&toml).unwrap()
    }

    #[test]
    fn a_path_rules_keywords_are_searched_only_in_its_files() {
        let specs =
            vec![spec("anywhere", &["token"], None), spec("userlist", &["\" \""], Some(r"(?:^|/)userlist\.txt$"))];
        let scanner = SecretScanner::new(specs).unwrap();
        assert!(!ScopedKeywords::is_scoped(&scanner.rules[0]) && ScopedKeywords::is_scoped(&scanner.rules[1]));
        // The shared pass does not carry the scoped rule's keyword.
        assert_eq!(scanner.keywords.keywords(), ["token"]);
        let scoped = scanner.scoped_keywords.as_ref().unwrap();
        let text = b"\"alice\" \"pw1\"\n\"bob\" \"pw2\"\n";
        let hits_in = |path: &str| {
            let verdicts = PathVerdicts::default();
            let mut hits = Vec::new();
            let mut found = Vec::new();
            scoped.each_hit(&scanner.rules, (path, &verdicts), text, &mut hits, |r, s, e| found.push((r, s, e)));
            found
        };
        assert_eq!(hits_in("etc/pgbouncer/userlist.txt"), [(1, 6, 9), (1, 18, 21)]);
        assert_eq!(hits_in("src/main.c"), []);
    }
}
