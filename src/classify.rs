//! What kind of file is this? Asked of every kind in the registry ([`crate::kinds::REGISTRY`]):
//! a kind that recognises the file's name wins; else, for YAML and JSON that many platforms
//! share, one that recognises a sniff of the first 8 KiB of content; else a fallback (source
//! code by extension, then text).
//!
//! The kind picks the parser and the policies that apply; every file also goes through the
//! secrets engine whatever its kind.

use crate::kinds::{Candidate, Detection, Kind, REGISTRY, source};
pub use crate::kinds::{FileKind, Language};

/// Classify a file from its path (with `/` separators) and content.
pub fn classify(path: &str, content: &[u8]) -> FileKind {
    let file = Candidate::new(path, content);
    let mut best: Option<(Detection, usize)> = None;
    for (index, kind) in REGISTRY.iter().enumerate() {
        let detection = kind.detect(&file);
        if detection == Detection::ByName {
            best = Some((detection, index));
            break;
        }
        if detection != Detection::No && best.is_none_or(|(b, _)| detection < b) {
            best = Some((detection, index));
        }
    }
    // `text` is the last fallback and takes every file, so `best` is always set.
    let index = best.map_or(REGISTRY.len() - 1, |(_, i)| i);
    let language =
        (REGISTRY[index].id() == source::Source.id()).then(|| Language::from_extension(file.ext())).flatten();
    FileKind::at(index, language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(path: &str, content: &[u8]) -> String {
        classify(path, content).name().into_owned()
    }

    #[test]
    fn by_name() {
        assert_eq!(id("infra/main.tf", b""), "terraform");
        assert_eq!(id("prod.tfvars", b""), "terraform");
        assert_eq!(id("app/Dockerfile", b""), "dockerfile");
        assert_eq!(id("Dockerfile.prod", b""), "dockerfile");
        assert_eq!(id("docker-compose.yml", b""), "docker-compose");
        assert_eq!(id("compose.yaml", b""), "docker-compose");
        assert_eq!(id(".github/workflows/ci.yml", b""), "github-actions");
        assert_eq!(id("action.yml", b""), "github-actions");
        assert_eq!(id(".gitlab-ci.yml", b""), "gitlab-ci");
        assert_eq!(id(".gitlab/ci/deploy.yml", b""), "gitlab-ci");
        assert_eq!(id("templates/docker.gitlab-ci.yml", b""), "gitlab-ci");
        assert_eq!(id("buildspec-test.yml", b""), "codebuild-buildspec");
        assert_eq!(id("appspec.yml", b""), "codedeploy-appspec");
        assert_eq!(id("src/lib.rs", b""), "source(rust)");
        assert_eq!(id("notes.txt", b""), "text");
    }

    #[test]
    fn by_content() {
        let cfn = b"AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n";
        assert_eq!(id("stack.yaml", cfn), "cloudformation");
        let cfn_json = br#"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#;
        assert_eq!(id("stack.json", cfn_json), "cloudformation");
        let k8s = b"apiVersion: v1\nkind: Pod\n";
        assert_eq!(id("pod.yaml", k8s), "kubernetes");
        assert_eq!(id("values.yaml", b"replicas: 2\n"), "source(yaml)");
        let included = b"build:\n  stage: build\n  script:\n    - make\n";
        assert_eq!(id("ci/jobs.yml", included), "gitlab-ci");
        // A name match wins over content: a workflow that mentions `apiVersion` and `kind`.
        assert_eq!(id(".github/workflows/k.yml", k8s), "github-actions");
    }
}
