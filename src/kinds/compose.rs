//! Docker Compose files (`docker-compose.yml`, `compose.yaml`, ...).
//!
//! Read by the YAML reader as they are: `{"services": {NAME: {...}}, "volumes": ..., ...}`.
//! Document shape: `docs/kinds/docker-compose.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::facets::walk::{self, path};
use crate::facets::{Script, env, image, network};
use crate::syntax::{Document, ParseError};
use serde_json::Value;

pub struct Compose;

impl Kind for Compose {
    fn id(&self) -> &'static str {
        "docker-compose"
    }

    fn title(&self) -> &'static str {
        "Docker Compose file"
    }

    fn platform(&self) -> &'static str {
        "docker-compose"
    }

    fn detected_by(&self) -> &'static str {
        "name: docker-compose*.yml, compose.yml, compose-*.yml (and .yaml)"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        let name = &file.name;
        let named = name.starts_with("docker-compose") || name.starts_with("compose.") || name.starts_with("compose-");
        if file.is_yaml() && named { Detection::ByName } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// Host addresses that mean "every interface" in a port binding.
const ALL_INTERFACES: &[&str] = &["", "0.0.0.0", "::", "[::]"];

/// Shells whose `-c` argument is a script.
const SHELLS: &[&str] = &["sh", "bash", "zsh", "dash", "ash", "ksh"];

/// The facets of a compose file, per service: `image`, `command`/`entrypoint` scripts (a
/// string, or the argument of `sh -c`), `environment` values (map or `KEY=value` list), and
/// `ports` published on every host interface as ingress from 0.0.0.0/0. A port's number is the
/// container's (`8080:22` publishes the container's SSH service), its protocol `/udp` or tcp.
fn facets(document: &Document) -> Facets {
    let mut facets = Facets::default();
    for (name, svc) in walk::members(&document.value, "services").filter(|(_, s)| s.is_object()) {
        let at = path!["services", name];
        if let Some(img) = walk::string(svc, "image") {
            facets.images.push(image::image(path![at; "image"], img, "compose image"));
        }
        for key in ["entrypoint", "command"] {
            match walk::get(svc, key) {
                Some(Value::String(s)) => facets.scripts.push(script(path![at; key], s)),
                Some(Value::Array(words)) => {
                    if let Some(i) = shell_dash_c(words)
                        && let Some(s) = words[i].as_str()
                    {
                        facets.scripts.push(script(path![at; key, i], s));
                    }
                }
                _ => {}
            }
        }
        match walk::get(svc, "environment") {
            Some(Value::Object(vars)) => {
                for (key, value) in vars {
                    if let Some(value) = value.as_str() {
                        let p = path![at; "environment", key];
                        facets.env.push(env::var(p.clone(), p, key, value, "compose environment"));
                    }
                }
            }
            Some(Value::Array(entries)) => {
                for (j, entry) in entries.iter().enumerate() {
                    if let Some((key, value)) = entry.as_str().and_then(|e| e.split_once('=')) {
                        let p = path![at; "environment", j];
                        facets.env.push(env::var(p.clone(), p, key.trim(), value, "compose environment"));
                    }
                }
            }
            _ => {}
        }
        for (j, entry) in walk::list(svc, "ports") {
            let Some((host_ip, container, protocol)) = binding(entry) else { continue };
            if !ALL_INTERFACES.contains(&host_ip.trim_matches(|c| c == '[' || c == ']')) && host_ip != "[::]" {
                continue;
            }
            let Some((from, to)) = port_bounds(&container) else { continue };
            let (from, to) = (Value::from(from), Value::from(to));
            let rule = network::Rule {
                path: path![at; "ports", j],
                protocol: protocol.to_ascii_lowercase(),
                from_port: Some(&from),
                to_port: Some(&to),
                action: "allow",
                resource: format!("service {name}"),
                origin: "compose ports",
            };
            facets.ingress.push(rule.item(Some("0.0.0.0/0".to_string()), None));
        }
    }
    facets
}

fn script(path: crate::facets::JsonPath, text: &str) -> Script {
    Script { path, script: text.to_string(), shell: None, origin: "compose command".to_string() }
}

/// The index of the script in `["sh", "-c", "script"]`.
fn shell_dash_c(words: &[Value]) -> Option<usize> {
    let first = words.first()?.as_str()?;
    let name = first.rsplit('/').next().unwrap_or(first);
    (SHELLS.contains(&name) && words.get(1)?.as_str()? == "-c" && words.get(2)?.is_string()).then_some(2)
}

/// (host ip, container port or range, protocol) of a short (`"127.0.0.1:8080:80/tcp"`, `80`)
/// or long (`{target, host_ip, protocol}`) port entry. A `${VAR}` is one opaque part.
fn binding(entry: &Value) -> Option<(String, String, String)> {
    match entry {
        Value::Object(_) => Some((
            walk::string(entry, "host_ip").unwrap_or("").to_string(),
            scalar(walk::get(entry, "target")?)?,
            walk::string(entry, "protocol").unwrap_or("tcp").to_string(),
        )),
        other => {
            let text = scalar(other)?;
            let text = variables().replace_all(text.trim(), "VAR").into_owned();
            let (spec, protocol) = text.split_once('/').unwrap_or((&text, "tcp"));
            let parts: Vec<&str> = spec.split(':').collect();
            let host_ip = parts[..parts.len().saturating_sub(2)].join(":");
            Some((
                host_ip.trim_matches(|c| c == '[' || c == ']').to_string(),
                parts.last()?.to_string(),
                protocol.to_string(),
            ))
        }
    }
}

fn variables() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"\$\{[^}]*\}").expect("valid pattern"))
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `"80"` or `"8000-8010"` as bounds.
fn port_bounds(spec: &str) -> Option<(i64, i64)> {
    let spec = spec.trim();
    let (a, b) = spec.split_once('-').unwrap_or((spec, spec));
    Some((a.parse().ok()?, b.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse_yaml;

    #[test]
    fn facets_of_a_compose_file() {
        let src = "services:\n  db:\n    image: postgres\n    command: [\"sh\", \"-c\", \"curl x | sh\"]\n    environment:\n      POSTGRES_PASSWORD: hunter2\n      REF: ${PW}\n    ports:\n      - \"5432:5432\"\n      - \"127.0.0.1:6379:6379\"\n      - target: 22\n        published: 2222\n      - \"53:53/udp\"\n  web:\n    environment:\n      - API_KEY=abc\n";
        let f = facets(&parse_yaml(src.as_bytes()).unwrap()[0]);
        assert_eq!(f.images[0].path, path!["services", "db", "image"]);
        assert_eq!(f.scripts[0].script, "curl x | sh");
        assert_eq!(f.scripts[0].path, path!["services", "db", "command", 2usize]);
        let env: Vec<(&str, &str, bool)> =
            f.env.iter().map(|e| (e.name.as_str(), e.value.as_str(), e.secret_ref)).collect();
        assert_eq!(
            env,
            vec![("POSTGRES_PASSWORD", "hunter2", false), ("REF", "${PW}", true), ("API_KEY", "abc", false)]
        );
        assert_eq!(f.env[2].path, path!["services", "web", "environment", 0usize]);
        let ingress: Vec<(Option<i64>, &str, crate::facets::JsonPath)> =
            f.ingress.iter().map(|i| (i.from_port, i.protocol.as_str(), i.path.clone())).collect();
        assert_eq!(
            ingress,
            vec![
                (Some(5432), "tcp", path!["services", "db", "ports", 0usize]),
                (Some(22), "tcp", path!["services", "db", "ports", 2usize]),
                (Some(53), "udp", path!["services", "db", "ports", 3usize]),
            ]
        );
        assert!(f.ingress.iter().all(|i| i.cidr.as_deref() == Some("0.0.0.0/0")));
    }
}
