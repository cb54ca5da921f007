//! Dockerfiles and Containerfiles.
//!
//! Read by the Dockerfile reader ([`crate::syntax::dockerfile`]) into a list of instructions.
//! Document shape: `docs/kinds/dockerfile.md`.

use super::{Candidate, Detection, FileToParse, Kind};
use crate::facets::Facets;
use crate::facets::walk::{self, path};
use crate::facets::{Script, env, image};
use crate::syntax::{Document, ParseError, dockerfile};

pub struct Dockerfile;

impl Kind for Dockerfile {
    fn id(&self) -> &'static str {
        "dockerfile"
    }

    fn title(&self) -> &'static str {
        "Dockerfile"
    }

    fn platform(&self) -> &'static str {
        "Dockerfile"
    }

    fn detected_by(&self) -> &'static str {
        "name: Dockerfile, Dockerfile.* (not .md, .rs and other languages' or documents' extensions), *.dockerfile, Containerfile"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let name = &file.name;
        let named = name == "dockerfile"
            || name.strip_prefix("dockerfile.").is_some_and(|variant| !names_another_format(variant))
            || file.ext() == "dockerfile"
            || name == "containerfile";
        if named { Detection::ByName } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        dockerfile::parse_dockerfile(file.bytes).map(|d| Some(vec![d]))
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// Is the part after `Dockerfile.` the extension of another language or a document
/// (`dockerfile.rs` is Rust, `Dockerfile.md` its documentation), rather than a variant name
/// (`Dockerfile.prod`, `Dockerfile.alpine`)?
fn names_another_format(variant: &str) -> bool {
    const DOCUMENTS: &[&str] = &["md", "markdown", "rst", "adoc", "txt", "html", "htm", "pdf", "orig", "bak", "swp"];
    super::source::Language::from_extension(variant).is_some() || DOCUMENTS.contains(&variant)
}

/// The facets of a Dockerfile: `RUN` scripts, `FROM` images (not `scratch`, not an earlier
/// stage's name) and `ENV`/`ARG` values. `EXPOSE` is not ingress: it publishes nothing.
fn facets(document: &Document) -> Facets {
    let mut facets = Facets::default();
    let Some(instructions) = document.value.as_array() else { return facets };
    let mut stages: Vec<String> = Vec::new();
    for (i, ins) in instructions.iter().enumerate() {
        let words: Vec<&str> = walk::list(ins, "value").filter_map(|(_, v)| v.as_str()).collect();
        match walk::string(ins, "cmd") {
            Some("run") => {
                let shell_form = walk::string(ins, "form") != Some("exec");
                facets.scripts.push(Script {
                    path: path![i],
                    script: words.join(" "),
                    shell: shell_form.then(|| "sh".to_string()),
                    origin: "dockerfile RUN".to_string(),
                });
            }
            Some("from") => {
                if let Some(reference) = words.first() {
                    let earlier_stage = stages.iter().any(|s| s.eq_ignore_ascii_case(reference));
                    if !earlier_stage && !reference.eq_ignore_ascii_case("scratch") {
                        facets.images.push(image::image(path![i, "value", 0usize], reference, "dockerfile FROM"));
                    }
                }
                if let Some(name) = walk::string(ins, "stage_name") {
                    stages.push(name.to_string());
                }
            }
            Some(cmd @ ("env" | "arg")) => {
                let origin = if cmd == "env" { "dockerfile ENV" } else { "dockerfile ARG" };
                for (name, value) in walk::members(ins, "pairs") {
                    if let Some(value) = value.as_str() {
                        let at = path![i, "pairs", name];
                        facets.env.push(env::var(at.clone(), at, name, value, origin));
                    }
                }
            }
            _ => {}
        }
    }
    facets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::dockerfile::parse_dockerfile;

    #[test]
    fn facets_of_a_dockerfile() {
        let src = "ARG TOKEN=abc\nFROM alpine AS build\nRUN curl -s x | sh\nFROM build\nFROM scratch\nFROM nginx:1.25\nENV API_KEY=k1 PLAIN=$HOME\nRUN [\"echo\", \"hi\"]\n";
        let facets = facets(&parse_dockerfile(src.as_bytes()).unwrap());
        let images: Vec<(&str, Vec<crate::syntax::Seg>)> =
            facets.images.iter().map(|i| (i.image.as_str(), i.path.clone())).collect();
        assert_eq!(
            images,
            vec![("alpine", path![1usize, "value", 0usize]), ("nginx:1.25", path![5usize, "value", 0usize])]
        );
        assert_eq!(facets.scripts.len(), 2);
        assert_eq!(
            (facets.scripts[0].script.as_str(), facets.scripts[0].path.clone()),
            ("curl -s x | sh", path![2usize])
        );
        assert_eq!(facets.scripts[0].shell.as_deref(), Some("sh"));
        assert_eq!(facets.scripts[1].shell, None);
        let env: Vec<(&str, &str, bool)> =
            facets.env.iter().map(|e| (e.name.as_str(), e.value.as_str(), e.secret_ref)).collect();
        assert_eq!(env, vec![("TOKEN", "abc", false), ("API_KEY", "k1", false), ("PLAIN", "$HOME", true)]);
        assert_eq!(facets.env[1].path, path![6usize, "pairs", "API_KEY"]);
        assert!(facets.ingress.is_empty() && facets.iam_statements.is_empty());
    }
}
