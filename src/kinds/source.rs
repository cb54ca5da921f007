//! Source code and other plain-text formats (YAML and JSON that no platform claimed, TOML,
//! properties...): only the secrets engine reads them. The kind's name carries the language,
//! `source(python)`, taken from the extension.

use super::{Candidate, Detection, Kind};
use serde::Serialize;

pub struct Source;

impl Kind for Source {
    fn id(&self) -> &'static str {
        "source"
    }

    fn title(&self) -> &'static str {
        "Source code or configuration"
    }

    fn platform(&self) -> &'static str {
        "Other files"
    }

    fn detected_by(&self) -> &'static str {
        "extension of a known language or configuration format (.py, .rs, .yaml, .json, .properties, ...), when no other kind claims the file"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        if Language::from_extension(file.ext()).is_some() { Detection::Fallback } else { Detection::No }
    }

    fn has_documents(&self) -> bool {
        false
    }
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

    pub fn from_extension(ext: &str) -> Option<Language> {
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
