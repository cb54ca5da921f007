//! Jenkins pipelines, declarative and scripted: `Jenkinsfile`, `Jenkinsfile.*`,
//! `*.jenkinsfile`, and `*.groovy` files that read like a pipeline.
//!
//! Read by the Groovy reader ([`crate::syntax::groovy`]) into calls, then flattened here into a
//! list of steps — every call, with the stage and the blocks around it and the credential
//! variables bound there — and a list of environment variables (`environment {}` blocks and
//! `withEnv([...])` pairs). Document shape: `docs/kinds/jenkins.md`.

use super::{Candidate, Detection, FileToParse, Kind};
use crate::facets::walk::{self, path};
use crate::facets::{Facets, Script, env, image};
use crate::syntax::groovy::{self, Arg, Call, Lines};
use crate::syntax::{Document, ParseError, Seg, SourceMap};
use serde_json::{Map, Value, json};

pub struct Jenkins;

impl Kind for Jenkins {
    fn id(&self) -> &'static str {
        "jenkins"
    }

    fn title(&self) -> &'static str {
        "Jenkins pipeline"
    }

    fn platform(&self) -> &'static str {
        "Jenkins"
    }

    fn detected_by(&self) -> &'static str {
        "name: Jenkinsfile, Jenkinsfile.*, *.jenkinsfile; or content of a *.groovy file: `pipeline {`, `node`, `stage(` or `steps {`"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let name = &file.name;
        if name == "jenkinsfile" || name.starts_with("jenkinsfile.") || file.ext() == "jenkinsfile" {
            return Detection::ByName;
        }
        // The extension first: the content search is the costly test, and every file is
        // classified (so in every kind's `detect`, the name tests come before `head_has`).
        let pipeline = ["pipeline {", "node {", "node(", "stage(", "steps {"];
        if file.ext() == "groovy" && pipeline.iter().any(|n| file.head_has(n)) {
            Detection::ByContent
        } else {
            Detection::No
        }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        let calls = groovy::calls(file.bytes)?;
        let mut reader =
            Reader { lines: Lines::new(file.bytes), map: SourceMap::default(), steps: Vec::new(), env: Vec::new() };
        reader.map.insert(Vec::new(), reader.lines.region(0, file.bytes.len()));
        let credentials = credential_variables(&calls);
        let top = Scope { within: Vec::new(), stage: None, secrets: credentials, in_environment: false };
        for call in &calls {
            reader.visit(call, &top);
        }
        let value = json!({"steps": reader.steps, "environment": reader.env});
        Ok(Some(vec![Document { value, source_map: reader.map }]))
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// What surrounds a call.
#[derive(Clone)]
struct Scope {
    within: Vec<String>,
    stage: Option<String>,
    /// Variables holding credentials here: `withCredentials` bindings and
    /// `environment { X = credentials('id') }` (with Jenkins' `X_PSW`); user names are not
    /// secrets.
    secrets: Vec<String>,
    in_environment: bool,
}

struct Reader<'a> {
    lines: Lines<'a>,
    map: SourceMap,
    steps: Vec<Value>,
    env: Vec<Value>,
}

impl Reader<'_> {
    fn visit(&mut self, call: &Call, scope: &Scope) {
        if scope.in_environment && call.assign {
            self.environment_assignment(call, scope);
            return;
        }
        let i = self.steps.len();
        let at = |rest: &[Seg]| [vec![Seg::from("steps"), Seg::from(i)], rest.to_vec()].concat();
        self.map.insert(at(&[]), self.lines.region(call.start, call.end));
        let mut args = Vec::new();
        let mut named = Map::new();
        for arg in &call.args {
            match arg {
                Arg::Named { key, value, start, end } => {
                    self.map.insert(at(&["named".into(), key.as_str().into()]), self.lines.region(*start, *end));
                    named.insert(key.clone(), literal(value));
                }
                other => {
                    if let Arg::Str { start, end, .. } = other {
                        self.map.insert(at(&["args".into(), args.len().into()]), self.lines.region(*start, *end));
                    }
                    args.push(literal(other));
                }
            }
        }
        self.steps.push(json!({
            "step": call.name, "args": args, "named": named, "block": call.body.is_some(),
            "stage": scope.stage, "within": scope.within, "secrets": scope.secrets,
        }));

        let mut inner = scope.clone();
        inner.within.push(call.name.clone());
        inner.in_environment = call.name == "environment";
        if call.name == "stage"
            && let Some(Arg::Str { value, .. }) = call.args.first()
        {
            inner.stage = Some(value.clone());
        }
        if call.name == "withCredentials" {
            bound_variables(&call.args, &mut inner.secrets);
        }
        if call.name == "withEnv" {
            self.with_env(&call.args, scope);
        }
        for child in call.body.iter().flatten() {
            self.visit(child, &inner);
        }
        inner.in_environment = false;
        for arg in &call.args {
            self.visit_arg(arg, &inner);
        }
    }

    /// Calls inside arguments: `parallel(a: { ... })`, `else if (...) { ... }`.
    fn visit_arg(&mut self, arg: &Arg, scope: &Scope) {
        match arg {
            Arg::Call(c) => self.visit(c, scope),
            Arg::Closure(calls) => calls.iter().for_each(|c| self.visit(c, scope)),
            Arg::List(items) => items.iter().for_each(|a| self.visit_arg(a, scope)),
            Arg::Named { value, .. } => self.visit_arg(value, scope),
            Arg::Str { .. } | Arg::Other { .. } => {}
        }
    }

    /// `NAME = 'value'` or `NAME = credentials('id')` in an `environment {}` block.
    fn environment_assignment(&mut self, call: &Call, scope: &Scope) {
        let i = self.env.len();
        let name_end = call.start + call.name.len();
        self.map.insert(path!["environment", i], self.lines.region(call.start, call.end));
        self.map.insert(path!["environment", i, "name"], self.lines.region(call.start, name_end));
        let (value, credentials) = match call.args.first() {
            Some(Arg::Str { value, start, end, .. }) => {
                self.map.insert(path!["environment", i, "value"], self.lines.region(*start, *end));
                (Value::from(value.as_str()), Value::Null)
            }
            Some(Arg::Call(c)) if c.name == "credentials" => {
                self.map.insert(path!["environment", i, "value"], self.lines.region(c.start, c.end));
                (Value::Null, c.args.first().map(literal).unwrap_or(Value::Null))
            }
            _ => (Value::Null, Value::Null),
        };
        self.env.push(json!({"name": call.name, "value": value, "credentials": credentials, "via": "environment", "stage": scope.stage}));
    }

    /// `withEnv(["NAME=value", ...])`: the value's region starts after the `=`.
    fn with_env(&mut self, args: &[Arg], scope: &Scope) {
        let Some(Arg::List(items)) = args.first() else { return };
        for item in items {
            let Arg::Str { value, start, end, content } = item else { continue };
            let Some((name, val)) = value.split_once('=') else { continue };
            let i = self.env.len();
            self.map.insert(path!["environment", i], self.lines.region(*start, *end));
            self.map.insert(path!["environment", i, "name"], self.lines.region(*content, content + name.len()));
            let value_start = (content + name.len() + 1).min(*end);
            self.map.insert(
                path!["environment", i, "value"],
                self.lines.region(value_start, end.saturating_sub(1).max(value_start)),
            );
            self.env
                .push(json!({"name": name, "value": val, "credentials": null, "via": "withEnv", "stage": scope.stage}));
        }
    }
}

/// A string literal's value, else null.
fn literal(arg: &Arg) -> Value {
    match arg {
        Arg::Str { value, .. } => Value::from(value.as_str()),
        _ => Value::Null,
    }
}

/// The variables `withCredentials([...])` binds: every `variable:`/`*Variable:` argument of its
/// bindings (`usernamePassword(..., passwordVariable: 'PASS')`), user names excepted.
fn bound_variables(args: &[Arg], out: &mut Vec<String>) {
    for arg in args {
        match arg {
            Arg::Named { key, value, .. } => {
                if let Arg::Str { value: name, .. } = value.as_ref()
                    && (key == "variable" || key.ends_with("Variable"))
                    && key != "usernameVariable"
                {
                    out.push(name.clone());
                }
                bound_variables(std::slice::from_ref(value), out);
            }
            Arg::Call(c) => bound_variables(&c.args, out),
            Arg::List(items) => bound_variables(items, out),
            _ => {}
        }
    }
}

/// `environment { X = credentials('id') }` anywhere in the file: `X` and `X_PSW` (Jenkins'
/// `X_USR` holds the user name, no secret).
fn credential_variables(calls: &[Call]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&Call> = calls.iter().collect();
    while let Some(call) = stack.pop() {
        if call.assign && matches!(call.args.first(), Some(Arg::Call(c)) if c.name == "credentials") {
            out.extend([call.name.clone(), format!("{}_PSW", call.name)]);
        }
        stack.extend(call.body.iter().flatten());
    }
    out.sort();
    out
}

/// Shells of the script steps.
const SCRIPT_STEPS: &[(&str, &str)] = &[("sh", "sh"), ("bat", "cmd"), ("powershell", "powershell"), ("pwsh", "pwsh")];

/// The facets of a pipeline: one script per `sh`/`bat`/`powershell`/`pwsh` step with a literal
/// script, every `environment`/`withEnv` variable (`credentials('id')` is a secret reference),
/// and the images of `agent { docker ... }` and `docker.image('...')`.
fn facets(document: &Document) -> Facets {
    let doc = &document.value;
    let mut facets = Facets::default();
    for (i, step) in walk::list(doc, "steps") {
        let name = walk::string(step, "step").unwrap_or("");
        let first_arg = step.get("args").and_then(|a| a.get(0)).and_then(Value::as_str);
        if let Some((_, shell)) = SCRIPT_STEPS.iter().find(|(s, _)| *s == name) {
            let script = match (first_arg, step.get("named").and_then(|n| walk::string(n, "script"))) {
                (Some(s), _) => Some((path!["steps", i, "args", 0usize], s)),
                (None, Some(s)) => Some((path!["steps", i, "named", "script"], s)),
                _ => None,
            };
            if let Some((at, script)) = script {
                facets.scripts.push(Script {
                    path: at,
                    script: script.to_string(),
                    shell: Some(shell.to_string()),
                    origin: "jenkins step".into(),
                });
            }
        }
        let within: Vec<&str> = walk::list(step, "within").filter_map(|(_, w)| w.as_str()).collect();
        let in_agent = within.contains(&"agent");
        let image_arg = match name {
            "docker.image" => Some("jenkins docker.image"),
            "image" if in_agent && within.last() == Some(&"docker") => Some("jenkins agent image"),
            "docker" if in_agent => Some("jenkins agent image"),
            _ => None,
        };
        if let (Some(origin), Some(img)) = (image_arg, first_arg) {
            facets.images.push(image::image(path!["steps", i, "args", 0usize], img, origin));
        }
    }
    for (i, var) in walk::list(doc, "environment") {
        let Some(name) = walk::string(var, "name") else { continue };
        let origin =
            if walk::string(var, "via") == Some("withEnv") { "jenkins withEnv" } else { "jenkins environment" };
        let (value_path, name_path) = (path!["environment", i, "value"], path!["environment", i, "name"]);
        if let Some(value) = walk::string(var, "value") {
            facets.env.push(env::var(value_path, name_path, name, value, origin));
        } else if let Some(id) = walk::string(var, "credentials") {
            let mut item = env::var(value_path, name_path, name, &format!("credentials('{id}')"), origin);
            item.secret_ref = true;
            facets.env.push(item);
        }
    }
    facets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::terraform::ModuleCache;

    fn parse(src: &str) -> Document {
        let modules = ModuleCache::default();
        let file = FileToParse { bytes: src.as_bytes(), name: "Jenkinsfile", fs_path: None, modules: &modules };
        Jenkins.parse(&file).unwrap().unwrap().remove(0)
    }

    #[test]
    fn steps_environment_and_facets() {
        let src = "pipeline {\n  agent { docker { image 'maven:3' } }\n  environment {\n    DB_PASSWORD = 'hunter2'\n    TOKEN = credentials('tok')\n  }\n  stages {\n    stage('Deploy') {\n      steps {\n        withCredentials([usernamePassword(credentialsId: 'c', usernameVariable: 'U', passwordVariable: 'P')]) {\n          sh 'echo $P'\n        }\n        withEnv([\"PGPASSWORD=s3cret\"]) { bat 'dir' }\n      }\n    }\n  }\n}\nnode { docker.image('node:20').inside { powershell(script: 'Get-Item .') } }\n";
        let doc = parse(src);
        let f = facets(&doc);
        let scripts: Vec<(&str, &str)> =
            f.scripts.iter().map(|s| (s.script.as_str(), s.shell.as_deref().unwrap())).collect();
        assert_eq!(scripts, vec![("echo $P", "sh"), ("dir", "cmd"), ("Get-Item .", "powershell")]);
        let echo = f.scripts[0].path[1].clone();
        let Seg::Index(echo) = echo else { panic!() };
        let step = &doc.value["steps"][echo];
        assert_eq!(step["stage"], "Deploy");
        assert_eq!(step["secrets"], json!(["TOKEN", "TOKEN_PSW", "P"]));
        let images: Vec<&str> = f.images.iter().map(|i| i.image.as_str()).collect();
        assert_eq!(images, vec!["maven:3", "node:20"]);
        let env: Vec<(&str, &str, bool)> =
            f.env.iter().map(|e| (e.name.as_str(), e.value.as_str(), e.secret_ref)).collect();
        assert_eq!(
            env,
            vec![
                ("DB_PASSWORD", "hunter2", false),
                ("TOKEN", "credentials('tok')", true),
                ("PGPASSWORD", "s3cret", false)
            ]
        );
        let r = doc.source_map.get(&f.env[2].path).unwrap();
        assert_eq!((r.start_line, r.start_column, r.end_column), (13, 30, 36));
        let r = doc.source_map.get(&f.env[0].path).unwrap();
        assert_eq!((r.start_line, r.start_column, r.end_column), (4, 19, 28));
    }
}
