//! Ansible content: playbooks, task and handler files, role `defaults`/`vars`, `group_vars`/
//! `host_vars` and YAML inventories.
//!
//! Recognised by its structure — a list of plays (`hosts:` with `tasks:`/`roles:`, or
//! `import_playbook:`), a list of tasks (items with `name:` and a module key such as
//! `ansible.builtin.shell` or `apt:`), an inventory (`all:` with `hosts:`/`children:`) — or by
//! the role and variable layout Ansible itself defines (`roles/<role>/tasks/`, `group_vars/`).
//! Read by the YAML reader as it is; the facets walk plays, blocks and tasks. Document shape:
//! `docs/kinds/ansible.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::network::{self, Rule};
use crate::facets::walk::{self, path};
use crate::facets::{Facets, JsonPath, Script, env};
use crate::syntax::{Document, ParseError};
use serde_json::Value;

pub struct Ansible;

impl Kind for Ansible {
    fn id(&self) -> &'static str {
        "ansible"
    }

    fn title(&self) -> &'static str {
        "Ansible playbook, tasks, vars or inventory"
    }

    fn platform(&self) -> &'static str {
        "Ansible"
    }

    fn detected_by(&self) -> &'static str {
        "path: roles/<role>/{tasks,handlers,defaults,vars}/*.yml, group_vars/, host_vars/; or content of a YAML file: a list of plays (`hosts:` with `tasks:`/`roles:`, `import_playbook:`), a list of tasks with module keys (`ansible.builtin.*`, `shell:`, `apt:`...), or an inventory (`all:` with `hosts:`/`children:`)"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        // `group_vars/all` may have no extension.
        let vars_dir = file.path.contains("group_vars/") || file.path.contains("host_vars/");
        if !(file.is_yaml() || (vars_dir && !file.name.contains('.'))) {
            return Detection::No;
        }
        let p = file.path;
        let role_layout =
            p.contains("roles/") && ["/tasks/", "/handlers/", "/defaults/", "/vars/"].iter().any(|d| p.contains(d));
        if role_layout || vars_dir {
            return Detection::ByName;
        }
        // Plays and tasks come as a list; a mapping that merely has `- name:` and `service:`
        // somewhere inside (a Helm chart's values.yaml) is not a playbook.
        let list = file.is_top_level_list();
        let plays = list
            && (file.head_has("- hosts:") || file.head_has("\n  hosts:"))
            && (file.head_has("tasks:") || file.head_has("roles:"));
        let imports = file.head_has("- import_playbook:") || file.head_has("- ansible.builtin.import_playbook:");
        let tasks = list && file.head_has("- name:") && MODULE_HINTS.iter().any(|m| file.head_has(m));
        let inventory = file.head_has("all:\n") && (file.head_has("  hosts:") || file.head_has("  children:"));
        if plays || imports || tasks || inventory { Detection::ByContent } else { Detection::No }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// Module keys (as they appear at task depth) that mark a YAML task list.
const MODULE_HINTS: &[&str] = &[
    "  ansible.builtin.",
    "  ansible.windows.",
    "  community.",
    "  amazon.aws.",
    "  shell:",
    "  command:",
    "  apt:",
    "  yum:",
    "  dnf:",
    "  package:",
    "  copy:",
    "  template:",
    "  service:",
    "  systemd:",
    "  get_url:",
    "  lineinfile:",
    "  include_tasks:",
    "  import_tasks:",
    "  become:",
    "  notify:",
];

/// Task keywords: keys of a task that are not its module.
const TASK_KEYWORDS: &[&str] = &[
    "name",
    "when",
    "register",
    "become",
    "become_user",
    "become_method",
    "become_flags",
    "vars",
    "environment",
    "tags",
    "notify",
    "loop",
    "loop_control",
    "ignore_errors",
    "ignore_unreachable",
    "changed_when",
    "failed_when",
    "delegate_to",
    "delegate_facts",
    "run_once",
    "no_log",
    "args",
    "block",
    "rescue",
    "always",
    "until",
    "retries",
    "delay",
    "check_mode",
    "diff",
    "listen",
    "any_errors_fatal",
    "async",
    "poll",
    "connection",
    "module_defaults",
    "throttle",
    "timeout",
    "collections",
    "debugger",
    "remote_user",
    "port",
    "local_action",
    "action",
    // Keywords of old Ansible versions, still in many repositories.
    "sudo",
    "sudo_user",
    "su",
    "su_user",
    "first_available_file",
    "always_run",
];

/// Modules whose arguments the facets read.
const FACET_MODULES: &[&str] =
    &["shell", "command", "raw", "script", "win_shell", "win_command", "ec2_group", "ec2_security_group"];

/// The module of a task that the facets read (a non-keyword key such as `shell` or
/// `ansible.builtin.shell`; an unknown keyword beside it is skipped), and that key as written.
fn module(task: &Value) -> Option<(&str, &String)> {
    task.as_object()?
        .keys()
        .filter(|k| !TASK_KEYWORDS.contains(&k.as_str()) && !k.starts_with("with_"))
        .map(|k| (k.rsplit('.').next().unwrap_or(k), k))
        .find(|(short, _)| FACET_MODULES.contains(short))
}

/// The facets: scripts of `shell`/`command`/`raw`/`script`/`win_shell`/`win_command` tasks,
/// `environment:` of plays and tasks, and the rules of `ec2_group`/`ec2_security_group` tasks.
fn facets(document: &Document) -> Facets {
    let mut facets = Facets::default();
    let Some(items) = document.value.as_array() else { return facets };
    for (i, item) in items.iter().enumerate() {
        let at = path![i];
        if walk::get(item, "hosts").is_some() {
            environment(item, &at, &mut facets);
            for key in ["pre_tasks", "tasks", "post_tasks", "handlers"] {
                for (j, task) in walk::list(item, key) {
                    self::task(task, path![at; key, j], &mut facets);
                }
            }
        } else {
            task(item, at, &mut facets);
        }
    }
    facets
}

fn task(task: &Value, at: JsonPath, facets: &mut Facets) {
    if !task.is_object() {
        return;
    }
    environment(task, &at, facets);
    for key in ["block", "rescue", "always"] {
        for (j, inner) in walk::list(task, key) {
            self::task(inner, path![at; key, j], facets);
        }
    }
    let Some((module, key)) = module(task) else { return };
    let args = &task[key.as_str()];
    let shell = match module {
        "shell" | "raw" | "script" => Some("sh"),
        "command" => None,
        "win_shell" => Some("powershell"),
        "win_command" => Some("cmd"),
        "ec2_group" | "ec2_security_group" => {
            security_group(args, path![at; key], key, facets);
            return;
        }
        _ => return,
    };
    let script = match args {
        Value::String(s) => Some((path![at; key], s.clone())),
        Value::Object(_) => match (walk::string(args, "cmd"), walk::list(args, "argv").next()) {
            (Some(cmd), _) => Some((path![at; key, "cmd"], cmd.to_string())),
            (None, Some(_)) => {
                let words: Vec<&str> = walk::list(args, "argv").filter_map(|(_, w)| w.as_str()).collect();
                Some((path![at; key, "argv"], words.join(" ")))
            }
            _ => None,
        },
        _ => None,
    };
    let script = script.or_else(|| {
        walk::get(task, "args").and_then(|a| walk::string(a, "cmd")).map(|c| (path![at; "args", "cmd"], c.to_string()))
    });
    if let Some((path, script)) = script {
        facets.scripts.push(Script { path, script, shell: shell.map(str::to_string), origin: "ansible task".into() });
    }
}

fn environment(node: &Value, at: &JsonPath, facets: &mut Facets) {
    for (name, value) in walk::members(node, "environment") {
        if let Value::String(v) = value {
            let p = path![at; "environment", name];
            facets.env.push(env::var(p.clone(), p, name, v, "ansible environment"));
        }
    }
}

/// One ingress item per (rule, port range, CIDR) of a security group task's `rules:`.
fn security_group(args: &Value, at: JsonPath, key: &str, facets: &mut Facets) {
    let resource = format!("{key} {}", walk::string(args, "name").unwrap_or("?"));
    for (k, rule) in walk::list(args, "rules") {
        let rule_path = path![at; "rules", k];
        let protocol = network::protocol(walk::get(rule, "proto"));
        // `ports: [22, "8000-8100"]` or `from_port`/`to_port`.
        let mut ranges: Vec<(Value, Value)> = Vec::new();
        for (_, p) in walk::list(rule, "ports") {
            let text = match p {
                Value::Number(n) => n.to_string(),
                Value::String(s) => s.clone(),
                _ => continue,
            };
            let (from, to) = text.split_once('-').unwrap_or((&text, &text));
            if let (Ok(from), Ok(to)) = (from.trim().parse::<i64>(), to.trim().parse::<i64>()) {
                ranges.push((Value::from(from), Value::from(to)));
            }
        }
        if ranges.is_empty() {
            let port = |k: &str| walk::get(rule, k).cloned().unwrap_or(Value::Null);
            ranges.push((port("from_port"), port("to_port")));
        }
        let mut cidrs: Vec<(String, JsonPath)> = Vec::new();
        for field in ["cidr_ip", "cidr_ipv6"] {
            match walk::get(rule, field) {
                Some(Value::String(c)) => cidrs.push((c.clone(), path![rule_path; field])),
                Some(Value::Array(list)) => {
                    for (n, c) in list.iter().enumerate() {
                        if let Some(c) = c.as_str() {
                            cidrs.push((c.to_string(), path![rule_path; field, n]));
                        }
                    }
                }
                _ => {}
            }
        }
        for (from, to) in &ranges {
            let rule = Rule {
                path: rule_path.clone(),
                protocol: protocol.clone(),
                from_port: Some(from),
                to_port: Some(to),
                action: "allow",
                resource: resource.clone(),
                origin: "ansible security group",
            };
            for (cidr, cidr_path) in &cidrs {
                facets.ingress.push(rule.item(Some(cidr.clone()), Some(cidr_path.clone())));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse_yaml;

    #[test]
    fn facets_of_a_playbook() {
        let src = "- hosts: web\n  environment:\n    API_TOKEN: abc123\n  tasks:\n    - name: install\n      ansible.builtin.shell: curl -s x | sh\n    - block:\n        - command:\n            cmd: make\n      rescue:\n        - win_shell: Get-Item .\n    - name: sg\n      amazon.aws.ec2_security_group:\n        name: web\n        rules:\n          - proto: tcp\n            ports: [22, \"8000-8100\"]\n            cidr_ip: 0.0.0.0/0\n          - proto: tcp\n            from_port: 3389\n            to_port: 3389\n            cidr_ipv6: [\"::/0\"]\n";
        let f = facets(&parse_yaml(src.as_bytes()).unwrap()[0]);
        let scripts: Vec<(&str, Option<&str>, JsonPath)> =
            f.scripts.iter().map(|s| (s.script.as_str(), s.shell.as_deref(), s.path.clone())).collect();
        assert_eq!(
            scripts,
            vec![
                ("curl -s x | sh", Some("sh"), path![0usize, "tasks", 0usize, "ansible.builtin.shell"]),
                ("make", None, path![0usize, "tasks", 1usize, "block", 0usize, "command", "cmd"]),
                ("Get-Item .", Some("powershell"), path![0usize, "tasks", 1usize, "rescue", 0usize, "win_shell"]),
            ]
        );
        assert_eq!(f.env[0].name, "API_TOKEN");
        let ingress: Vec<(Option<i64>, Option<i64>, &str)> =
            f.ingress.iter().map(|i| (i.from_port, i.to_port, i.cidr.as_deref().unwrap())).collect();
        assert_eq!(
            ingress,
            vec![
                (Some(22), Some(22), "0.0.0.0/0"),
                (Some(8000), Some(8100), "0.0.0.0/0"),
                (Some(3389), Some(3389), "::/0")
            ]
        );
        assert_eq!(
            f.ingress[2].cidr_path,
            Some(path![0usize, "tasks", 2usize, "amazon.aws.ec2_security_group", "rules", 1usize, "cidr_ipv6", 0usize])
        );
        assert_eq!(f.ingress[0].resource, "amazon.aws.ec2_security_group web");
    }
}
