//! What kind of file is this? Decided from the path first and, for YAML/JSON that many
//! platforms share, from a sniff of the first few KiB of content.
//!
//! The kind picks the parsers and policy packs that apply; every file also goes through the
//! secrets engine whatever its kind.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Terraform,
    Cloudformation,
    Kubernetes,
    Dockerfile,
    DockerCompose,
    GithubActions,
    GitlabCi,
    CodebuildBuildspec,
    CodedeployAppspec,
    Source(Language),
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    Rust,
    Python,
    JavaScript,
    TypeScript,
    Go,
    Java,
    Ruby,
    Shell,
    CSharp,
    Php,
    Kotlin,
    C,
    Cpp,
    Yaml,
    Json,
    Toml,
    Xml,
    Properties,
}

impl FileKind {
    /// The kind's name as reports and policy `kinds` spell it. Called for every scanned file,
    /// so only `source(lang)` allocates.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            FileKind::Terraform => "terraform",
            FileKind::Cloudformation => "cloudformation",
            FileKind::Kubernetes => "kubernetes",
            FileKind::Dockerfile => "dockerfile",
            FileKind::DockerCompose => "docker-compose",
            FileKind::GithubActions => "github-actions",
            FileKind::GitlabCi => "gitlab-ci",
            FileKind::CodebuildBuildspec => "codebuild-buildspec",
            FileKind::CodedeployAppspec => "codedeploy-appspec",
            FileKind::Text => "text",
            FileKind::Source(lang) => return Cow::Owned(format!("source({})", lang.name())),
        })
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl Language {
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Go => "go",
            Language::Java => "java",
            Language::Ruby => "ruby",
            Language::Shell => "shell",
            Language::CSharp => "csharp",
            Language::Php => "php",
            Language::Kotlin => "kotlin",
            Language::C => "c",
            Language::Cpp => "cpp",
            Language::Yaml => "yaml",
            Language::Json => "json",
            Language::Toml => "toml",
            Language::Xml => "xml",
            Language::Properties => "properties",
        }
    }

    fn from_extension(ext: &str) -> Option<Language> {
        Some(match ext {
            "rs" => Language::Rust,
            "py" | "pyw" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" | "tsx" => Language::TypeScript,
            "go" => Language::Go,
            "java" => Language::Java,
            "rb" => Language::Ruby,
            "sh" | "bash" | "zsh" => Language::Shell,
            "cs" => Language::CSharp,
            "php" => Language::Php,
            "kt" | "kts" => Language::Kotlin,
            "c" | "h" => Language::C,
            "cc" | "cpp" | "cxx" | "hpp" | "hh" => Language::Cpp,
            "yml" | "yaml" => Language::Yaml,
            "json" => Language::Json,
            "toml" => Language::Toml,
            "xml" => Language::Xml,
            "properties" | "env" | "ini" | "cfg" | "conf" => Language::Properties,
            _ => return None,
        })
    }
}

/// How much of a YAML/JSON file the content sniff reads.
const SNIFF_LEN: usize = 8 * 1024;

/// Classify a file from its path (with `/` separators) and content.
pub fn classify(path: &str, content: &[u8]) -> FileKind {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let yaml = matches!(ext, "yml" | "yaml");

    if ext == "tf" || ext == "tfvars" || lower.ends_with(".tf.json") || lower.ends_with(".tfvars.json") {
        return FileKind::Terraform;
    }
    if lower == "dockerfile" || lower.starts_with("dockerfile.") || ext == "dockerfile" || lower == "containerfile" {
        return FileKind::Dockerfile;
    }
    if yaml && (lower.starts_with("docker-compose") || lower.starts_with("compose.") || lower.starts_with("compose-")) {
        return FileKind::DockerCompose;
    }
    if yaml && (path.contains(".github/workflows/") || lower == "action.yml" || lower == "action.yaml") {
        return FileKind::GithubActions;
    }
    // The pipeline file itself, `*.gitlab-ci.yml` templates, and the files teams `include:`
    // from it by convention under `.gitlab/`.
    if lower == ".gitlab-ci.yml"
        || lower == ".gitlab-ci.yaml"
        || (yaml
            && (lower.ends_with(".gitlab-ci.yml")
                || lower.ends_with(".gitlab-ci.yaml")
                || path.contains(".gitlab/ci/")))
    {
        return FileKind::GitlabCi;
    }
    if yaml && lower.starts_with("buildspec") {
        return FileKind::CodebuildBuildspec;
    }
    if matches!(lower.as_str(), "appspec.yml" | "appspec.yaml" | "appspec.json") {
        return FileKind::CodedeployAppspec;
    }
    if yaml || ext == "json" || ext == "template" {
        let head = &content[..content.len().min(SNIFF_LEN)];
        if let Some(kind) = sniff_structured(head) {
            return kind;
        }
    }
    match Language::from_extension(ext) {
        Some(lang) => FileKind::Source(lang),
        None => FileKind::Text,
    }
}

/// Tell CloudFormation and Kubernetes documents apart from other YAML/JSON by their markers.
fn sniff_structured(head: &[u8]) -> Option<FileKind> {
    let has = |needle: &str| memchr::memmem::find(head, needle.as_bytes()).is_some();
    if has("AWSTemplateFormatVersion") || (has("Resources") && has("AWS::")) {
        return Some(FileKind::Cloudformation);
    }
    if has("apiVersion") && has("kind") {
        return Some(FileKind::Kubernetes);
    }
    // An included GitLab CI file elsewhere: job definitions (`script:` with `stage:`/`extends:`
    // at job depth).
    if has("\n  script:") && (has("\n  stage:") || has("\n  extends:")) {
        return Some(FileKind::GitlabCi);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_name() {
        assert_eq!(classify("infra/main.tf", b""), FileKind::Terraform);
        assert_eq!(classify("prod.tfvars", b""), FileKind::Terraform);
        assert_eq!(classify("app/Dockerfile", b""), FileKind::Dockerfile);
        assert_eq!(classify("Dockerfile.prod", b""), FileKind::Dockerfile);
        assert_eq!(classify("docker-compose.yml", b""), FileKind::DockerCompose);
        assert_eq!(classify("compose.yaml", b""), FileKind::DockerCompose);
        assert_eq!(classify(".github/workflows/ci.yml", b""), FileKind::GithubActions);
        assert_eq!(classify("action.yml", b""), FileKind::GithubActions);
        assert_eq!(classify(".gitlab-ci.yml", b""), FileKind::GitlabCi);
        assert_eq!(classify(".gitlab/ci/deploy.yml", b""), FileKind::GitlabCi);
        assert_eq!(classify("templates/docker.gitlab-ci.yml", b""), FileKind::GitlabCi);
        assert_eq!(classify("buildspec-test.yml", b""), FileKind::CodebuildBuildspec);
        assert_eq!(classify("appspec.yml", b""), FileKind::CodedeployAppspec);
        assert_eq!(classify("src/lib.rs", b""), FileKind::Source(Language::Rust));
        assert_eq!(classify("notes.txt", b""), FileKind::Text);
    }

    #[test]
    fn by_content() {
        let cfn = b"AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n";
        assert_eq!(classify("stack.yaml", cfn), FileKind::Cloudformation);
        let cfn_json = br#"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#;
        assert_eq!(classify("stack.json", cfn_json), FileKind::Cloudformation);
        let k8s = b"apiVersion: v1\nkind: Pod\n";
        assert_eq!(classify("pod.yaml", k8s), FileKind::Kubernetes);
        assert_eq!(classify("values.yaml", b"replicas: 2\n"), FileKind::Source(Language::Yaml));
        let included = b"build:\n  stage: build\n  script:\n    - make\n";
        assert_eq!(classify("ci/jobs.yml", included), FileKind::GitlabCi);
        assert_eq!(FileKind::Source(Language::Go).name(), "source(go)");
        assert_eq!(FileKind::GithubActions.name(), "github-actions");
    }
}
