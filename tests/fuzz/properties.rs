//! What every reader and the whole scan must hold on any input, however broken: no panic (the
//! runner catches those), every region inside the file, every parse error an `Err` at a line
//! of the file, and for the whole scan a SARIF log that validates against the 2.1.0 schema and
//! every other report format written without error.

use crate::runner::{Input, Outcome};
use std::fs;
use std::sync::OnceLock;
use tollgate::analyse::{AnalyseOptions, Engines};
use tollgate::config::RuleFilter;
use tollgate::discover::DiscoverOptions;
use tollgate::model::DiagnosticLevel;
use tollgate::model::Region;
use tollgate::policy::{self, shell};
use tollgate::report::{self, Format, WriteOptions};
use tollgate::scan::{self, ScanOptions};
use tollgate::secrets::{self, SecretScanner};
use tollgate::syntax::terraform::{self, ModuleContext};
use tollgate::syntax::{Document, ParseError, dockerfile, json, yaml};

/// The width of each line of a file in code points (counted as [`tollgate::source::LineIndex`]
/// counts them: a byte that is not a UTF-8 continuation byte starts one), a trailing `\r`
/// included. A file of n newlines has n + 1 lines, the last possibly empty.
pub struct Lines {
    widths: Vec<u32>,
}

impl Lines {
    pub fn new(bytes: &[u8]) -> Lines {
        let widths = bytes.split(|&b| b == b'\n').map(|l| l.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32);
        Lines { widths: widths.collect() }
    }

    fn count(&self) -> u32 {
        self.widths.len() as u32
    }

    /// `line` is a line of the file.
    pub fn check_line(&self, line: u32, what: &str) -> Result<(), String> {
        if line == 0 || line > self.count() {
            return Err(format!("{what}: line {line} is outside the file's {} lines", self.count()));
        }
        Ok(())
    }

    /// `region` lies inside the file: lines of the file, start before end, columns at most one
    /// past the end of their line (the end column is exclusive).
    pub fn check_region(&self, r: Region, what: &str) -> Result<(), String> {
        let bad = |why: &str| Err(format!("{what}: region {r:?} {why} (the file has {} lines)", self.count()));
        self.check_line(r.start_line, what)?;
        self.check_line(r.end_line, what)?;
        if r.end_line < r.start_line {
            return bad("ends before it starts");
        }
        if r.start_column == 0 || r.end_column == 0 {
            return bad("has a column 0");
        }
        if r.start_line == r.end_line && r.end_column < r.start_column {
            return bad("ends before it starts");
        }
        for (line, column) in [(r.start_line, r.start_column), (r.end_line, r.end_column)] {
            let width = self.widths[line as usize - 1];
            if column > width + 1 {
                return bad(&format!("has column {column} on line {line}, which is {width} wide"));
            }
        }
        Ok(())
    }

    fn check_document(&self, doc: &Document) -> Result<(), String> {
        doc.source_map.iter().try_for_each(|(path, region)| self.check_region(region, &format!("source map {path:?}")))
    }

    fn check_error(&self, err: &ParseError) -> Result<(), String> {
        err.line.map_or(Ok(()), |line| self.check_line(line, &format!("parse error `{}`", err.message)))
    }

    fn check_parsed(&self, parsed: Result<Vec<Document>, ParseError>) -> Outcome {
        match parsed {
            Ok(docs) => {
                docs.iter().try_for_each(|d| self.check_document(d))?;
                Ok("parsed")
            }
            Err(err) => {
                self.check_error(&err)?;
                Ok("parse error")
            }
        }
    }
}

pub fn yaml(input: &Input) -> Outcome {
    let parsed = yaml::parse_yaml(&input.bytes);
    let internal = matches!(&parsed, Err(e) if e.message.contains("internal error"));
    let outcome = Lines::new(&input.bytes).check_parsed(parsed)?;
    Ok(if internal { "internal error (contained panic)" } else { outcome })
}

/// Besides the common properties, the JSON reader agrees with serde_json on well-formed
/// JSON (it is a strict RFC 8259 reader that also tracks positions): same verdict, same value.
pub fn json(input: &Input) -> Outcome {
    let ours = json::parse_json(&input.bytes);
    let body = input.bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&input.bytes);
    match (&ours, serde_json::from_slice::<serde_json::Value>(body)) {
        (Ok(doc), Ok(theirs)) if doc.value != theirs => {
            return Err(format!("the value differs from serde_json's: {} vs {theirs}", doc.value));
        }
        (Err(e), Ok(_)) if !e.message.contains("deeper than") && !e.message.contains("nodes") => {
            return Err(format!("rejects what serde_json reads: {e}"));
        }
        (Ok(_), Err(e)) if !e.to_string().contains("recursion limit") => {
            return Err(format!("accepts what serde_json rejects ({e})"));
        }
        _ => {}
    }
    Lines::new(&input.bytes).check_parsed(ours.map(|d| vec![d]))
}

/// The file as a module's `.tf` (with its siblings' module context) and as a `.tfvars`.
pub fn terraform(input: &Input) -> Outcome {
    let dir = input.tree.join(&input.path);
    let dir = dir.parent().expect("a file has a parent");
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        files.push((
            entry.file_name().to_string_lossy().into_owned(),
            fs::read(entry.path()).map_err(|e| e.to_string())?,
        ));
    }
    let module = ModuleContext::from_sources(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    let lines = Lines::new(&input.bytes);
    lines.check_parsed(terraform::parse_tfvars(&input.bytes).map(|d| vec![d]))?;
    lines.check_parsed(terraform::parse_terraform(&input.bytes, &module).map(|d| vec![d]))
}

pub fn dockerfile(input: &Input) -> Outcome {
    Lines::new(&input.bytes).check_parsed(dockerfile::parse_dockerfile(&input.bytes).map(|d| vec![d]))
}

/// Every `text` the shell reader reports is a piece of the script, or the start of one cut short
/// with `…` once the call's text budget is spent (deeply nested substitutions).
pub fn shell(input: &Input) -> Outcome {
    let script = String::from_utf8_lossy(&input.bytes);
    let found = shell::pipelines(&script);
    let mut stack: Vec<&serde_json::Value> = found.iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(text) = map.get("text").and_then(|t| t.as_str())
                    && !script.contains(text.strip_suffix('…').unwrap_or(text))
                {
                    return Err(format!("reports text that is not in the script: {text:?}"));
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    Ok(if found.is_empty() { "no pipelines" } else { "pipelines" })
}

/// The engines of a default scan (built-in rules and policies), built once for all cases.
fn engines() -> &'static Engines {
    static ENGINES: OnceLock<Engines> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let secrets = SecretScanner::new(secrets::builtin_specs().expect("built-in rules parse")).expect("compile");
        Engines::with_lazy_policies(secrets, policy::builtin_sources())
    })
}

fn sarif_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema = include_str!("../data/sarif-schema-2.1.0.json");
        jsonschema::validator_for(&serde_json::from_str(schema).expect("schema is JSON")).expect("schema compiles")
    })
}

/// The whole scan of the case's tree (discovery, classification, every engine, suppression),
/// as `tollgate scan` runs it with default settings.
pub fn scan(input: &Input) -> Outcome {
    let opts = ScanOptions {
        discover: DiscoverOptions {
            paths: vec![input.tree.clone()],
            root: input.tree.clone(),
            default_excludes: true,
            excludes: Vec::new(),
            threads: 1,
        },
        max_file_size: 5 << 20,
        filter: RuleFilter::default(),
        progress: false,
        analyse: AnalyseOptions { redact: true, parse_errors: DiagnosticLevel::Warning },
        shard: None,
    };
    let report = scan::files::scan_tree(&opts, engines()).map_err(|e| format!("the scan failed: {e:#}"))?;
    let lines_of = |path: &str| -> Result<Lines, String> {
        Ok(Lines::new(&fs::read(input.tree.join(path)).map_err(|e| format!("{path}: {e}"))?))
    };
    for f in report.findings.iter().chain(&report.suppressed) {
        if !report.files.contains(&f.path) {
            return Err(format!("{} finding in {}, which is not a scanned file", f.rule_id, f.path));
        }
        lines_of(&f.path)?.check_region(f.region, &format!("{} finding in {}", f.rule_id, f.path))?;
    }
    for d in &report.diagnostics {
        if let Some(line) = d.line {
            lines_of(&d.path)?.check_line(line, &format!("diagnostic `{}` for {}", d.message, d.path))?;
        }
    }

    let mut sarif = Vec::new();
    report::sarif::write(&report, None, &mut sarif).map_err(|e| format!("SARIF not written: {e:#}"))?;
    let sarif: serde_json::Value = serde_json::from_slice(&sarif).map_err(|e| format!("SARIF is not JSON: {e}"))?;
    let errors: Vec<String> =
        sarif_validator().iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    if !errors.is_empty() {
        return Err(format!("SARIF fails the schema: {errors:?}"));
    }
    for format in [Format::Text, Format::Json, Format::Github, Format::Junit] {
        let opts = WriteOptions { color: false, threshold: None, category: None };
        report::write(&report, format, opts, &mut std::io::sink()).map_err(|e| format!("{format:?} report: {e:#}"))?;
    }

    Ok(match (report.findings.is_empty() && report.suppressed.is_empty(), report.diagnostics.is_empty()) {
        _ if report.files.is_empty() => "nothing scanned (binary)",
        (_, false) => "diagnostics",
        (false, true) => "findings",
        (true, true) => "clean",
    })
}
