//! Which Rego sources one file kind needs, read from their text before anything is compiled:
//! each policy's kinds from its `# METADATA` block, each module's references from its text.
//!
//! Parsing and preparing every built-in module costs ~90 ms, most of a pre-commit run that
//! touches one Dockerfile. The policies that declare the kind, plus whatever modules they
//! reference (transitively), are all the kind needs: ~20 sources instead of ~100.
//!
//! The reading is conservative: a source is left out only when its text shows it is not needed.
//! A policy without a readable block (one that states its metadata as a `metadata` rule) is
//! kept for every kind, and a dynamic `data[...]` reference keeps every module.

use super::RegoSource;
use super::inputs::{Present, Selector};

/// The non-test sources that evaluating the policies of `kind` needs, in their original order.
/// With `present` (what the scan's documents of the kind hold, when they are known before
/// compiling), a policy whose declared inputs none of them holds is left out too.
pub fn sources_for_kind<'a>(sources: &'a [RegoSource], kind: &str, present: Option<&Present>) -> Vec<&'a RegoSource> {
    let modules: Vec<&RegoSource> = sources.iter().filter(|s| !s.is_test()).collect();
    let packages: Vec<Option<&str>> = modules.iter().map(|s| package_of(&s.text)).collect();
    let mut needed: Vec<bool> = modules
        .iter()
        .zip(&packages)
        .map(|(s, package)| match s.annotation() {
            Ok(Some(meta)) => meta.kinds.iter().any(|k| k == kind) && present.is_none_or(|p| can_run(&meta.inputs, p)),
            // A module without a readable package or kinds might be a policy for any kind.
            _ => package.is_none() || s.text.contains("deny"),
        })
        .collect();
    let mut queue: Vec<usize> = (0..modules.len()).filter(|&i| needed[i]).collect();
    while let Some(i) = queue.pop() {
        let references = data_references(&modules[i].text);
        for (j, package) in packages.iter().enumerate() {
            if needed[j] {
                continue;
            }
            let referenced = match &references {
                References::Dynamic => true,
                References::Paths(paths) => package.is_some_and(|p| paths.iter().any(|r| overlaps(r, p))),
            };
            if referenced {
                needed[j] = true;
                queue.push(j);
            }
        }
    }
    modules.into_iter().zip(needed).filter_map(|(s, keep)| keep.then_some(s)).collect()
}

/// Could a policy declaring `inputs` run on documents holding `present`? An input that does not
/// read keeps the policy: its load error is the compile's to report.
fn can_run(inputs: &[String], present: &Present) -> bool {
    match inputs.iter().map(|i| Selector::parse(i)).collect::<anyhow::Result<Vec<_>>>() {
        Ok(selectors) => present.holds_any(&selectors),
        Err(_) => true,
    }
}

/// The package a module declares (`package lib.aws` -> `lib.aws`).
pub(crate) fn package_of(text: &str) -> Option<&str> {
    text.lines().find_map(|line| line.trim_start().strip_prefix("package ")).map(str::trim)
}

enum References<'a> {
    /// `data.a.b.c` paths (without `data.`), as written.
    Paths(Vec<&'a str>),
    /// `data[...]`: could be any module.
    Dynamic,
}

/// Every `data.x.y` reference in `text`. Strings and comments count too, which can only keep
/// more modules than needed.
fn data_references(text: &str) -> References<'_> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut paths = Vec::new();
    for (at, _) in text.match_indices("data") {
        if text[..at].chars().next_back().is_some_and(is_ident) {
            continue; // `metadata`
        }
        let rest = &text[at + "data".len()..];
        if rest.starts_with('[') {
            return References::Dynamic;
        }
        if let Some(path) = rest.strip_prefix('.') {
            let end = path.find(|c: char| !is_ident(c) && c != '.').unwrap_or(path.len());
            let path = path[..end].trim_end_matches('.');
            if !path.is_empty() {
                paths.push(path);
            }
        }
    }
    References::Paths(paths)
}

/// Does a reference to `reference` reach into `package`? It does when one is a prefix of the
/// other at a segment boundary: `data.lib.aws.is_public` and `import data.lib` both reach
/// `lib.aws`.
fn overlaps(reference: &str, package: &str) -> bool {
    let within =
        |long: &str, short: &str| long.strip_prefix(short).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'));
    within(reference, package) || within(package, reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, text: &str) -> RegoSource {
        RegoSource::new(name, text)
    }

    fn policy(name: &str, kinds: &str, body: &str) -> RegoSource {
        src(
            name,
            &format!(
                "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: {name}\n#   severity: low\n\
                 #   remediation: r\n#   kinds: [{kinds}]\npackage tollgate.{name}\n{body}\ndeny contains v if {{ v := 1 }}\n"
            ),
        )
    }

    fn names(sources: &[RegoSource], kind: &str) -> Vec<String> {
        sources_for_kind(sources, kind, None).iter().map(|s| s.name.clone()).collect()
    }

    #[test]
    fn keeps_the_kinds_policies_and_what_they_reference() {
        let sources = vec![
            src("lib/net.rego", "package lib.net\npublic(c) if c == \"0.0.0.0/0\""),
            src("lib/aws.rego", "package lib.aws\nimport data.lib.net\nopen(r) if net.public(r.cidr)"),
            src("lib/docker.rego", "package lib.docker\nroot(u) if u == \"root\""),
            src("lib/unused.rego", "package lib.unused\n# says data.lib.docker in a comment"),
            policy("tf", "terraform", "import data.lib.aws"),
            policy("df", "dockerfile", "x if data.lib.docker.root(input.user)"),
            src("tf_test.rego", "package tollgate.tf_test\nimport data.lib.unused"),
        ];
        assert_eq!(names(&sources, "terraform"), ["lib/net.rego", "lib/aws.rego", "tf"]);
        assert_eq!(names(&sources, "dockerfile"), ["lib/docker.rego", "df"]);
        assert!(names(&sources, "kubernetes").is_empty());
    }

    #[test]
    fn parent_packages_and_dynamic_references_keep_more() {
        let sources = vec![
            src("lib/a.rego", "package lib.a\nf := 1"),
            src("lib/b.rego", "package lib.b\ng := 2"),
            policy("parent", "terraform", "import data.lib\nx := lib.a.f"),
            policy("dynamic", "kubernetes", "x := data[\"lib\"].b.g"),
            // A policy stating its metadata as a rule: its kinds are unknown until compiled.
            src("odd.rego", "package odd\nmetadata := {\"kinds\": [\"dockerfile\"]}\ndeny contains 1 if true"),
        ];
        assert_eq!(names(&sources, "terraform"), ["lib/a.rego", "lib/b.rego", "parent", "odd.rego"]);
        assert_eq!(names(&sources, "kubernetes").len(), 5);
    }

    #[test]
    fn known_inputs_leave_out_the_policies_none_of_them_hold() {
        let gated = |name: &str, inputs: &str, body: &str| {
            let p = policy(name, "terraform", body);
            RegoSource::new(
                p.name.clone(),
                p.text.replace("#   kinds:", &format!("#   inputs: [{inputs}]\n#   kinds:")),
            )
        };
        let sources = vec![
            src("lib/s3.rego", "package lib.s3\nb := 1"),
            src("lib/ec2.rego", "package lib.ec2\ni := 1"),
            gated("s3", "resource:aws_s3_bucket", "import data.lib.s3"),
            gated("ec2", "resource:aws_instance", "import data.lib.ec2"),
            gated("net", "facet:ingress", ""),
            policy("all", "terraform", ""),
        ];
        let mut present = Present::default();
        present.add(
            &serde_json::json!({"kind": "terraform", "document": {"resource": {"aws_s3_bucket": {}}}, "facets": {}}),
        );
        let names: Vec<String> =
            sources_for_kind(&sources, "terraform", Some(&present)).iter().map(|s| s.name.clone()).collect();
        assert_eq!(names, ["lib/s3.rego", "s3", "all"]);
        assert_eq!(sources_for_kind(&sources, "terraform", None).len(), 6);
    }
}
