//! `tollgate kinds` (the file kinds of the registry: how each is recognised and which policies
//! read it) and `tollgate parse FILE` (exactly the `input` a policy receives for a file: kind,
//! path, document and facets), so a user can write a policy without guessing shapes.

use crate::classify::classify;
use crate::kinds::{FileKind, FileToParse, REGISTRY};
use crate::policy;
use crate::syntax::terraform::ModuleCache;
use anyhow::{Context, Result, bail};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct KindsArgs {
    /// Also load Rego policies from DIR (repeatable), to list them under their kinds.
    #[arg(long = "policy", value_name = "DIR")]
    policies: Vec<PathBuf>,
    /// Print JSON: one object per kind with its id, title, platform, detection and policy ids.
    #[arg(long)]
    json: bool,
    /// Print a Markdown table (the README's kind table is generated with this).
    #[arg(long, conflicts_with = "json")]
    markdown: bool,
}

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// The file to parse.
    file: PathBuf,
    /// Parse it as this kind instead of the one it is detected as (see `tollgate kinds`).
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
}

pub fn cmd_kinds(args: KindsArgs) -> Result<i32> {
    let policies = super::policy_catalog(&args.policies)?;
    let policies_of = |id: &str| -> Vec<&str> {
        policies.iter().filter(|p| p.kinds.iter().any(|k| k == id)).map(|p| p.id.as_str()).collect()
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let kinds: Vec<serde_json::Value> = REGISTRY
            .iter()
            .map(|k| {
                serde_json::json!({
                    "id": k.id(),
                    "title": k.title(),
                    "platform": k.platform(),
                    "detected_by": k.detected_by(),
                    "has_documents": k.has_documents(),
                    "policies": policies_of(k.id()),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&kinds)?)?;
        return Ok(0);
    }
    if args.markdown {
        // No policy counts: the table changes only when the registry does.
        writeln!(out, "| kind | file | platform | detected by | document and facets |")?;
        writeln!(out, "| --- | --- | --- | --- | --- |")?;
        for kind in REGISTRY {
            let doc = match kind.has_documents() {
                true => format!("[docs/kinds/{0}.md](docs/kinds/{0}.md)", kind.id()),
                false => "none: secrets only".to_string(),
            };
            let cells =
                [kind.id(), kind.title(), kind.platform(), kind.detected_by(), &doc].map(|c| c.replace('|', "\\|"));
            writeln!(out, "| `{}` | {} | {} | {} | {} |", cells[0], cells[1], cells[2], cells[3], cells[4])?;
        }
        return Ok(0);
    }
    for kind in REGISTRY {
        writeln!(out, "{:<20} {} ({})", kind.id(), kind.title(), kind.platform())?;
        writeln!(out, "  detected by: {}", kind.detected_by())?;
        let ids = policies_of(kind.id());
        if !kind.has_documents() {
            writeln!(out, "  policies: none (only the secrets engine reads it)")?;
        } else if ids.is_empty() {
            writeln!(out, "  policies: none yet")?;
        } else {
            writeln!(out, "  policies ({}): {}", ids.len(), ids.join(", "))?;
        }
    }
    Ok(0)
}

pub fn cmd_parse(args: ParseArgs) -> Result<i32> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let shown = args.file.to_string_lossy().replace('\\', "/");
    let shown = shown.strip_prefix("./").unwrap_or(&shown);
    let kind = match &args.kind {
        Some(id) => FileKind::named(id).with_context(|| {
            let ids: Vec<&str> = REGISTRY.iter().map(|k| k.id()).collect();
            format!("unknown kind `{id}` (expected one of {})", ids.join(", "))
        })?,
        None => classify(shown, &bytes),
    };
    if !kind.kind().has_documents() {
        bail!("{shown} is {kind}: only the secrets engine reads it, policies see no document (try --kind)");
    }
    let modules = ModuleCache::default();
    // A bare file name's directory is `.` (its module, for Terraform), not the empty path.
    let fs_path = match args.file.parent() {
        Some(dir) if dir.as_os_str().is_empty() => Path::new(".").join(&args.file),
        _ => args.file.clone(),
    };
    let file = FileToParse { bytes: &bytes, name: shown, fs_path: Some(&fs_path), modules: &modules };
    let documents = match kind.kind().parse(&file) {
        Ok(Some(documents)) => documents,
        Ok(None) => bail!("{shown} is {kind} but has no document form: policies never see it"),
        Err(err) => bail!("{shown}: cannot parse as {kind}: {err}"),
    };
    for (line, message) in kind.kind().notes(&file) {
        eprintln!("tollgate: warning: {shown}:{line}: {message}");
    }
    let mut out = std::io::stdout().lock();
    // One input per document (a YAML stream of several documents prints several), as a JSON
    // stream.
    for document in &documents {
        let facets = kind.kind().facets(document);
        let input = policy::input(&kind.name(), shown, &document.value, &facets);
        writeln!(out, "{}", serde_json::to_string_pretty(&input)?)?;
    }
    Ok(0)
}
