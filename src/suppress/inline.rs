//! Inline suppressions: a comment next to a finding that accepts it, in any comment syntax
//! (`#`, `//`, `/* */`, `<!-- -->`, ...; markers are found by their text, not by parsing
//! comments).
//!
//! tollgate's own marker is `tollgate:ignore [ID[,ID...]] [reason]`. Peers' markers are honoured
//! with their own scope, so a team can switch tools without rewriting its comments:
//!
//! | marker                              | same line | line above | enclosing block | engines  |
//! |-------------------------------------|-----------|------------|-----------------|----------|
//! | `tollgate:ignore [ID] [reason]`     | yes       | yes        | first line, or line above it | all |
//! | `gitleaks:allow`                    | yes       |            |                 | secrets  |
//! | `pragma: allowlist secret`          | yes       |            |                 | secrets  |
//! | `pragma: allowlist nextline secret` |           | yes        |                 | secrets  |
//! | `#checkov:skip=ID[:reason]`         | yes       | yes        | anywhere inside (as checkov) | policies |
//! | `#trivy:ignore:ID[:exp:DATE]`       | yes       | yes        | first line, or line above it | policies |
//! | `#tfsec:ignore:ID[:exp:DATE]`       | yes       | yes        | first line, or line above it | policies |
//! | `# kics-scan ignore-line`           | yes       | yes        |                 | all      |
//! | `# kics-scan ignore-block`          |           |            | line above it   | all      |
//! | `# zizmor: ignore[AUDIT[,AUDIT...]]` | yes      |            | any line of the finding's span | policies |
//!
//! "Line above" (and "line above it") reaches only from a comment alone on its line: a marker
//! that ends a line of code covers that line and nothing below it.
//!
//! An ID may be the finding's rule id or one of its policy's `aliases` (checkov ids, trivy's
//! `AVD-AWS-0107` and long `aws-ec2-no-public-ingress-sgr` ids; a zizmor audit name
//! `template-injection` stands for the alias `zizmor/template-injection`). A trivy or tfsec
//! marker with `:exp:YYYY-MM-DD` stops suppressing after that day (UTC), as in those tools.
//!
//! ## Ids that name part of a check
//!
//! One tollgate check may stand for several narrower peer checks: TG-NET-001 (any restricted
//! port open to the internet) is checkov's CKV_AWS_24 (SSH), CKV_AWS_25 (RDP) and CKV_AWS_277
//! (every port) at once. Such ids are the policy's `partial_aliases`, and each violation says
//! which of them would report it in `parts`: a list of parts, each a list of ids any of which
//! names that part (a group opening 22 and 3389: `[["CKV_AWS_24"], ["CKV_AWS_25"]]`).
//!
//! - A marker with no id, or naming the rule id or an alias that is not partial (trivy's
//!   `AVD-AWS-0107`, an old tollgate id), suppresses the whole finding, as for any check.
//! - A marker naming a partial alias covers the parts that list it, and nothing else: the
//!   finding is suppressed when markers in reach cover every one of its parts, and the
//!   justification joins their texts with `; `. A violation without parts is not suppressed by
//!   a partial alias at all: `#checkov:skip=CKV_AWS_25` does not hide an SSH-only group (the
//!   peer would still report it as CKV_AWS_24) nor a database port no listed peer check covers.

use crate::locate::Block;
use crate::model::{Engine, Finding, Suppression, SuppressionKind};
use crate::source::LineIndex;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// Where a marker reaches, relative to what it suppresses (bit flags).
type Reach = u8;
const SAME_LINE: Reach = 1;
const LINE_ABOVE: Reach = 2;
/// On the first line of an enclosing block, or on the line above it.
const BLOCK_START: Reach = 4;
/// Only on the line above an enclosing block (`kics-scan ignore-block`).
const ABOVE_BLOCK: Reach = 8;
/// Anywhere inside an enclosing block (checkov's placement, inside the resource).
const INSIDE_BLOCK: Reach = 16;
/// On any line of the finding's own region (zizmor's placement).
const IN_REGION: Reach = 32;

/// Which engines' findings a marker may suppress.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Applies {
    Secrets,
    Policies,
    All,
}

/// One kind of marker: its text, reach, engines and ids.
struct Kind {
    pattern: &'static str,
    reach: Reach,
    applies: Applies,
    ids: Ids,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ids {
    /// The marker names no rule.
    None,
    /// `tollgate:ignore` may be followed by ids; a first word that is not one starts the reason.
    Optional,
    /// `checkov:skip=ID`, `trivy:ignore:ID`: exactly one id follows.
    Required,
    /// `zizmor: ignore[a,b]`: a bracketed list of zizmor audit names, each standing for the
    /// alias `zizmor/<name>`.
    Zizmor,
}

#[rustfmt::skip]
const KINDS: &[Kind] = &[
    Kind { pattern: "tollgate:ignore", reach: SAME_LINE | LINE_ABOVE | BLOCK_START, applies: Applies::All, ids: Ids::Optional },
    Kind { pattern: "gitleaks:allow", reach: SAME_LINE, applies: Applies::Secrets, ids: Ids::None },
    Kind { pattern: "pragma: allowlist secret", reach: SAME_LINE, applies: Applies::Secrets, ids: Ids::None },
    Kind { pattern: "pragma: allowlist nextline secret", reach: LINE_ABOVE, applies: Applies::Secrets, ids: Ids::None },
    Kind { pattern: "checkov:skip=", reach: SAME_LINE | LINE_ABOVE | BLOCK_START | INSIDE_BLOCK, applies: Applies::Policies, ids: Ids::Required },
    Kind { pattern: "trivy:ignore:", reach: SAME_LINE | LINE_ABOVE | BLOCK_START, applies: Applies::Policies, ids: Ids::Required },
    Kind { pattern: "tfsec:ignore:", reach: SAME_LINE | LINE_ABOVE | BLOCK_START, applies: Applies::Policies, ids: Ids::Required },
    Kind { pattern: "kics-scan ignore-line", reach: SAME_LINE | LINE_ABOVE, applies: Applies::All, ids: Ids::None },
    Kind { pattern: "kics-scan ignore-block", reach: ABOVE_BLOCK, applies: Applies::All, ids: Ids::None },
    Kind { pattern: "zizmor: ignore[", reach: SAME_LINE | IN_REGION, applies: Applies::Policies, ids: Ids::Zizmor },
    Kind { pattern: "zizmor:ignore[", reach: SAME_LINE | IN_REGION, applies: Applies::Policies, ids: Ids::Zizmor },
];

static FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(KINDS.iter().map(|k| k.pattern))
        .expect("suppression markers are valid patterns")
});

/// One marker found in a file.
#[derive(Debug, Clone)]
struct Marker {
    kind: usize,
    line: u32,
    /// Upper-cased ids it names; empty means every rule it may suppress.
    ids: Vec<String>,
    /// The marker through the end of its comment, shown as the suppression's justification.
    text: String,
    /// The marker ends a line of code (`x = 1  # tollgate:ignore`): it covers that line only,
    /// never the next one; a marker alone on a comment line covers the line below.
    trails_code: bool,
}

/// Does the text after a marker's id hold `:exp:YYYY-MM-DD` naming a day before today (UTC)?
/// A date that does not parse never expires the marker: the comment still says to ignore.
fn expired(after_id: &str) -> bool {
    let Some(date) = after_id.strip_prefix(":exp:") else { return false };
    let date: String = date.chars().take(10).collect();
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    let [year, month, day] = parts[..] else { return false };
    (year, month, day) < today_utc()
}

/// Today's (year, month, day) in UTC, from the system clock.
fn today_utc() -> (u32, u32, u32) {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u32;
    (year, month, day)
}

/// Every suppression marker of one file.
#[derive(Debug, Default)]
pub struct Markers {
    markers: Vec<Marker>,
}

impl Markers {
    /// Find the markers in `bytes`. `is_rule_id` tells a rule id from the first word of a
    /// reason after `tollgate:ignore` (`tollgate:ignore aws-access-key-id test key` versus
    /// `tollgate:ignore test fixture`).
    pub fn parse(bytes: &[u8], lines: &LineIndex, is_rule_id: &dyn Fn(&str) -> bool) -> Markers {
        let mut markers = Vec::new();
        for m in FINDER.find_iter(bytes) {
            let kind = &KINDS[m.pattern().as_usize()];
            let (line, _) = lines.position(bytes, m.start());
            let line_range = lines.line_range(bytes, line as usize - 1);
            let line_end = line_range.end;
            let trails_code = trails_code(&bytes[line_range.start..m.start()]);
            let rest = String::from_utf8_lossy(&bytes[m.end()..line_end.max(m.end())]);
            let rest = strip_comment_close(&rest);
            // `tollgate:ignored` or `gitleaks:allowed` are words, not markers.
            if matches!(kind.ids, Ids::None | Ids::Optional)
                && rest.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
            {
                continue;
            }
            let ids = match kind.ids {
                Ids::None => Vec::new(),
                Ids::Required => {
                    let id: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                        .collect();
                    if id.is_empty() || expired(&rest[id.len()..]) {
                        continue;
                    }
                    vec![id.to_ascii_uppercase()]
                }
                Ids::Zizmor => {
                    let Some((list, _)) = rest.split_once(']') else { continue };
                    let ids: Vec<String> = list
                        .split(',')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(|a| format!("ZIZMOR/{}", a.to_ascii_uppercase()))
                        .collect();
                    if ids.is_empty() {
                        continue;
                    }
                    ids
                }
                Ids::Optional => {
                    let word = rest.trim_start_matches([':', '=']).split_whitespace().next().unwrap_or("");
                    let parts: Vec<&str> = word.split(',').filter(|p| !p.is_empty()).collect();
                    if !parts.is_empty() && parts.iter().all(|p| is_rule_id(p) || looks_like_policy_id(p)) {
                        parts.iter().map(|p| p.to_ascii_uppercase()).collect()
                    } else {
                        Vec::new()
                    }
                }
            };
            let marker = String::from_utf8_lossy(&bytes[m.start()..m.end()]);
            let text = format!("{marker}{rest}").trim().to_string();
            markers.push(Marker { kind: m.pattern().as_usize(), line, ids, text, trails_code });
        }
        Markers { markers }
    }

    pub fn is_empty(&self) -> bool {
        self.markers.is_empty()
    }

    /// The suppression that applies to `finding`, if any, for a rule with `aliases` and no
    /// partial ones (secrets, tests); see [`Markers::suppression_of`].
    pub fn suppression(&self, finding: &Finding, aliases: &[String], blocks: &[Block]) -> Option<Suppression> {
        self.suppression_of(finding, &Peers { aliases, partial: &[], parts: &[] }, blocks)
    }

    /// The suppression that applies to `finding`, if any: the first marker in reach that names
    /// it whole, else the markers that together cover every one of its parts (see the module
    /// doc). `blocks` are the located nodes enclosing a policy finding (empty for secrets).
    pub fn suppression_of(&self, finding: &Finding, peers: &Peers, blocks: &[Block]) -> Option<Suppression> {
        let suppressed = |justification: String| Suppression { kind: SuppressionKind::InSource, justification };
        let mut covered = vec![false; peers.parts.len()];
        let mut covering: Vec<&str> = Vec::new();
        for m in self.markers.iter().filter(|m| reaches(m, finding, blocks)) {
            if m.ids.is_empty() {
                return Some(suppressed(m.text.clone()));
            }
            let mut covers_more = false;
            for id in &m.ids {
                let named = |list: &[String]| list.iter().any(|a| a.eq_ignore_ascii_case(id));
                if id.eq_ignore_ascii_case(&finding.rule_id) || (named(peers.aliases) && !named(peers.partial)) {
                    return Some(suppressed(m.text.clone()));
                }
                if !named(peers.partial) {
                    continue;
                }
                for (part, done) in peers.parts.iter().zip(covered.iter_mut()) {
                    if !*done && named(part) {
                        *done = true;
                        covers_more = true;
                    }
                }
            }
            if covers_more {
                covering.push(&m.text);
            }
        }
        (!covered.is_empty() && covered.iter().all(|&c| c)).then(|| suppressed(covering.join("; ")))
    }
}

/// What a policy finding's markers may name besides its rule id.
#[derive(Debug, Clone, Copy, Default)]
pub struct Peers<'a> {
    /// Other scanners' ids for the policy.
    pub aliases: &'a [String],
    /// Those of `aliases` that name part of it only: they suppress through `parts` alone.
    pub partial: &'a [String],
    /// The violation's parts: each a list of partial aliases, any of which names it.
    pub parts: &'a [Vec<String>],
}

/// Does marker `m` reach `finding` (its engine, and its placement against the finding's line
/// and enclosing `blocks`)?
fn reaches(m: &Marker, finding: &Finding, blocks: &[Block]) -> bool {
    let kind = &KINDS[m.kind];
    let engine_ok = match finding.engine {
        Engine::Secret => kind.applies != Applies::Policies,
        Engine::Policy => kind.applies != Applies::Secrets,
    };
    let line = finding.region.start_line;
    let reaches_at = |flag: Reach, at: bool| kind.reach & flag != 0 && at;
    let in_region = (finding.region.start_line..=finding.region.end_line).contains(&m.line);
    let above = |target: u32| !m.trails_code && m.line + 1 == target;
    engine_ok
        && (reaches_at(SAME_LINE, m.line == line)
            || reaches_at(IN_REGION, in_region)
            || reaches_at(LINE_ABOVE, above(line))
            || blocks.iter().any(|b| {
                reaches_at(BLOCK_START, m.line == b.start_line || above(b.start_line))
                    || reaches_at(ABOVE_BLOCK, above(b.start_line))
                    || reaches_at(INSIDE_BLOCK, b.depth >= 2 && (b.start_line..=b.end_line).contains(&m.line))
            }))
}

/// `TG-AWS-001`, `CKV_AWS_20`, `CKV2_AWS_6`, `AVD-KSV-0017`: upper-case words joined by `-` or
/// `_`, with a digit. (Secret rule ids are lower-case and checked by name.)
fn looks_like_policy_id(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && word.contains(['-', '_'])
        && word.chars().any(|c| c.is_ascii_digit())
        && word.starts_with(|c: char| c.is_ascii_uppercase())
}

/// Is there code before the comment that holds a marker? `before` is the marker's line up to
/// the marker; comment openers (`#`, `//`, `/*`, `<!--`, `--`, `;`, `%`) and blanks are not code.
fn trails_code(before: &[u8]) -> bool {
    let is_opener =
        |b: &u8| b.is_ascii_whitespace() || matches!(b, b'#' | b'/' | b'*' | b'<' | b'!' | b'-' | b';' | b'%');
    before.iter().any(|b| !is_opener(b))
}

/// The marker's text without the comment's closing delimiter (`*/`, `-->`, `#}`, `%>`).
fn strip_comment_close(rest: &str) -> &str {
    let rest = rest.trim_end();
    ["*/", "-->", "#}", "%>", "--%>", "*)"].iter().find_map(|close| rest.strip_suffix(close)).unwrap_or(rest).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Region;

    fn finding(engine: Engine, rule: &str, line: u32) -> Finding {
        Finding {
            rule_id: rule.to_string(),
            engine,
            severity: crate::model::Severity::High,
            message: String::new(),
            path: "f".to_string(),
            region: Region { start_line: line, start_column: 1, end_line: line, end_column: 2 },
            snippet: String::new(),
            secret: None,
            fingerprint: String::new(),
            line_hash: None,
            suppression: None,
            commit: None,
        }
    }

    #[test]
    fn expiry_dates_compare_with_today() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert!(expired(":exp:2020-01-31") && !expired(":exp:2999-12-31"));
        // No date, or one that does not parse, never expires the marker.
        assert!(!expired("") && !expired(":exp:soon") && !expired(" reason"));
    }

    fn markers(text: &str) -> Markers {
        Markers::parse(text.as_bytes(), &LineIndex::new(text.as_bytes()), &|w| w == "aws-access-key-id")
    }

    #[test]
    fn tollgate_ignore_reaches_line_and_line_above_with_optional_ids() {
        let m = markers("a\n# tollgate:ignore\nkey\nkey // tollgate:ignore aws-access-key-id test key\n");
        assert!(m.suppression(&finding(Engine::Secret, "x", 2), &[], &[]).is_some());
        assert!(m.suppression(&finding(Engine::Secret, "x", 3), &[], &[]).is_some());
        let scoped = finding(Engine::Secret, "aws-access-key-id", 4);
        let s = m.suppression(&scoped, &[], &[]).unwrap();
        assert_eq!(s.justification, "tollgate:ignore aws-access-key-id test key");
        // Line 4's marker names a rule: another rule on line 4 or 5 is still reported.
        assert!(m.suppression(&finding(Engine::Secret, "github-pat", 4), &[], &[]).is_none());
        assert!(m.suppression(&finding(Engine::Secret, "github-pat", 5), &[], &[]).is_none());
        // It ends a line of code, so it covers that line only, not the one below.
        assert!(m.suppression(&finding(Engine::Secret, "aws-access-key-id", 5), &[], &[]).is_none());
        let m = markers("key // tollgate:ignore aws-access-key-id\n");
        assert!(m.suppression(&finding(Engine::Secret, "github-pat", 1), &[], &[]).is_none());
        assert!(m.suppression(&finding(Engine::Secret, "x", 2), &[], &[]).is_none(), "scoped: only its rule");
    }

    #[test]
    fn a_reason_is_not_an_id_and_unknown_words_do_not_scope() {
        let m = markers("x = 1 # tollgate:ignore false-positive in a fixture\n");
        let f = finding(Engine::Secret, "generic-password", 1);
        assert_eq!(m.suppression(&f, &[], &[]).unwrap().justification, "tollgate:ignore false-positive in a fixture");
        let m = markers("<!-- tollgate:ignore TG-K8S-001 reviewed -->\nx");
        assert!(m.suppression(&finding(Engine::Policy, "TG-K8S-001", 2), &[], &[]).is_some());
        assert!(m.suppression(&finding(Engine::Policy, "TG-K8S-002", 2), &[], &[]).is_none());
        assert_eq!(m.markers[0].text, "tollgate:ignore TG-K8S-001 reviewed");
        assert!(markers("tollgate:ignored\nx").is_empty());
    }

    #[test]
    fn peer_markers_keep_their_scope_and_engine() {
        let m = markers("k = 'AKIA...' # gitleaks:allow\nk2\n");
        assert!(m.suppression(&finding(Engine::Secret, "s", 1), &[], &[]).is_some());
        assert!(m.suppression(&finding(Engine::Secret, "s", 2), &[], &[]).is_none(), "same line only");
        assert!(m.suppression(&finding(Engine::Policy, "TG-X-1", 1), &[], &[]).is_none(), "secrets only");

        let m = markers("# pragma: allowlist nextline secret\nk\n");
        assert!(m.suppression(&finding(Engine::Secret, "s", 1), &[], &[]).is_none());
        assert!(m.suppression(&finding(Engine::Secret, "s", 2), &[], &[]).is_some());

        let aliases = vec!["CKV_AWS_20".to_string()];
        let block = [Block { start_line: 1, end_line: 6, depth: 3 }];
        let m = markers("resource \"a\" \"b\" {\n  #checkov:skip=CKV_AWS_20:public site\n\n\n  acl = \"x\"\n}\n");
        let f = finding(Engine::Policy, "TG-AWS-001", 5);
        assert!(m.suppression(&f, &aliases, &block).is_some(), "anywhere inside the resource");
        assert!(m.suppression(&f, &aliases, &[]).is_none(), "not outside it");
        assert!(m.suppression(&f, &[], &block).is_none(), "another check's id");

        let m = markers("#trivy:ignore:AVD-AWS-0086\nresource \"a\" \"b\" {\n\n\n  acl = 1\n}\n");
        let block = [Block { start_line: 2, end_line: 6, depth: 3 }];
        let aliases = vec!["AVD-AWS-0086".to_string()];
        assert!(m.suppression(&finding(Engine::Policy, "TG-AWS-001", 5), &aliases, &block).is_some());

        let m = markers("# kics-scan ignore-line\nx\ny\n");
        assert!(m.suppression(&finding(Engine::Policy, "TG-1-1", 2), &[], &[]).is_some());
        assert!(m.suppression(&finding(Engine::Policy, "TG-1-1", 3), &[], &[]).is_none());
        let m = markers("# kics-scan ignore-block\nblock:\n  a: 1\n  b: 2\n");
        let block = [Block { start_line: 2, end_line: 4, depth: 1 }];
        assert!(m.suppression(&finding(Engine::Policy, "TG-1-1", 4), &[], &block).is_some());
    }

    #[test]
    fn zizmor_ignore_names_audits_that_map_through_aliases() {
        let aliases = vec!["CKV_GHA_2".to_string(), "zizmor/template-injection".to_string()];
        let m = markers("run: echo ${{ x }} # zizmor: ignore[unpinned-uses, template-injection] reviewed\nnext\n");
        let f = finding(Engine::Policy, "TG-GHA-001", 1);
        assert_eq!(
            m.suppression(&f, &aliases, &[]).unwrap().justification,
            "zizmor: ignore[unpinned-uses, template-injection] reviewed"
        );
        assert!(m.suppression(&f, &[], &[]).is_none(), "a policy without that audit's alias");
        assert!(
            m.suppression(&finding(Engine::Policy, "TG-GHA-001", 2), &aliases, &[]).is_none(),
            "not the line below"
        );
        assert!(m.suppression(&finding(Engine::Secret, "s", 1), &aliases, &[]).is_none(), "policies only");
        // Anywhere within a multi-line finding's own region.
        let m = markers("a\nb # zizmor:ignore[template-injection]\nc\n");
        let mut f = finding(Engine::Policy, "TG-GHA-001", 1);
        f.region.end_line = 3;
        assert!(m.suppression(&f, &aliases, &[]).is_some());
        assert!(markers("# zizmor: ignore[]\n").is_empty());
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_partial_alias_suppresses_only_the_parts_it_names() {
        let aliases = ids(&["TG-AWS-001", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277", "AVD-AWS-0107"]);
        let partial = ids(&["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"]);
        let block = [Block { start_line: 1, end_line: 9, depth: 3 }];
        let f = finding(Engine::Policy, "TG-NET-001", 5);
        let check = |text: &str, parts: &[Vec<String>]| {
            let peers = Peers { aliases: &aliases, partial: &partial, parts };
            markers(text).suppression_of(&f, &peers, &block).map(|s| s.justification)
        };
        let ssh = [ids(&["CKV_AWS_24"])];
        let rdp = [ids(&["CKV_AWS_25"])];
        let both = [ids(&["CKV_AWS_24"]), ids(&["CKV_AWS_25"])];
        let rdp_marker = "resource \"a\" \"b\" {\n  #checkov:skip=CKV_AWS_25:jump host\n";
        let both_markers = format!("{rdp_marker}  #checkov:skip=CKV_AWS_24:bastion\n");
        // Another part's id leaves the finding reported (the bug this fixes); its own suppresses.
        assert_eq!(check(rdp_marker, &ssh), None);
        assert_eq!(check(rdp_marker, &rdp).as_deref(), Some("checkov:skip=CKV_AWS_25:jump host"));
        // Every part must be covered; the justification then joins the markers in file order.
        assert_eq!(check(rdp_marker, &both), None);
        assert_eq!(
            check(&both_markers, &both).as_deref(),
            Some("checkov:skip=CKV_AWS_25:jump host; checkov:skip=CKV_AWS_24:bastion")
        );
        // A part any of whose ids is named is covered.
        assert!(check(rdp_marker, &[ids(&["CKV_AWS_24", "CKV_AWS_25"])]).is_some());
        // Without parts a partial alias names nothing here (a port no listed peer check covers).
        assert_eq!(check(rdp_marker, &[]), None);
        // Whole-check ids, the rule id and id-less markers suppress whatever the parts.
        for whole in [
            "#trivy:ignore:AVD-AWS-0107",
            "#tollgate:ignore TG-NET-001",
            "#checkov:skip=TG-AWS-001",
            "# tollgate:ignore",
        ] {
            assert_eq!(
                check(&format!("{whole}\nresource \"a\" \"b\" {{\n"), &both).as_deref(),
                Some(whole[1..].trim_start()),
                "{whole}"
            );
        }
        // A marker out of reach (not in the finding's block) covers nothing.
        let peers = Peers { aliases: &aliases, partial: &partial, parts: &ssh };
        assert!(markers("#checkov:skip=CKV_AWS_24\n").suppression_of(&f, &peers, &block).is_some());
        assert!(markers("#checkov:skip=CKV_AWS_24\n").suppression_of(&f, &peers, &[]).is_none());
    }
}
