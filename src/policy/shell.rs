//! `tollgate.shell_pipelines(script)`: a Rego function, backed by `tree-sitter-bash`, that
//! lists the pipelines of a shell script with their commands, so pipeline policies decide on
//! the parsed structure (`curl ... | sh`, `bash <(curl ...)`) instead of guessing with regexes.
//!
//! Each pipeline is `{"text": source, "commands": [{"name": basename, "args": [...], "text":
//! source}]}`. A command fed by a process or command substitution (`bash <(curl -s URL)`,
//! `sh -c "$(curl -s URL)"`) is reported as the pipeline `[curl, bash]`, which is what it means.
//!
//! A command's text contains the text of every substitution nested in it, so copying each
//! command's text whole would cost the square of the script for `$( $( $( ... ) ) )`. The texts
//! of one call therefore share a [`TextBudget`] of a few times the script's length: outer
//! pipelines (found first) keep their full text, and once the budget is spent the remaining texts
//! are cut short and end in `…`. Ordinary scripts never come near it.

use regorus::Value;
use tree_sitter::{Node, Parser};

/// The Rego name of the function.
pub const FUNCTION: &str = "tollgate.shell_pipelines";

/// `tollgate.shell_commands(script)`: every simple command of the script, piped or not, each
/// `{"name", "args", "text", "redirected"}` as in a pipeline, `redirected` when its output goes
/// to a file (for checks on one command's flags: `docker run --privileged`, `curl -k`).
pub const COMMANDS_FUNCTION: &str = "tollgate.shell_commands";

/// Register the functions on an engine.
pub fn register(engine: &mut regorus::Engine) -> anyhow::Result<()> {
    over_script(engine, COMMANDS_FUNCTION, commands)?;
    over_script(engine, FUNCTION, pipelines)
}

/// Register `name(script)` as `of(script)`; anything but a string (a null `run:`, a number) has
/// nothing in it.
fn over_script(engine: &mut regorus::Engine, name: &str, of: fn(&str) -> Vec<serde_json::Value>) -> anyhow::Result<()> {
    engine.add_extension(name.to_string(), 1, Box::new(move |args: Vec<Value>| Ok(over_script_value(&args, of))))
}

/// `of(script)` for the arguments of a call (the interpreter's extension and the bytecode VM's
/// host call answer alike).
pub(super) fn over_script_value(args: &[Value], of: fn(&str) -> Vec<serde_json::Value>) -> Value {
    match args.first() {
        Some(Value::String(s)) => Value::from(serde_json::Value::Array(of(s))),
        _ => Value::from(Vec::<Value>::new()),
    }
}

/// `script`'s bash syntax tree; `None` if the grammar cannot be loaded or the parse gives up.
fn parse(script: &str) -> Option<tree_sitter::Tree> {
    let mut parser = Parser::new();
    parser.set_language(&crate::syntax::grammars::bash()).ok()?;
    parser.parse(script, None)
}

/// The pipelines of `script` as JSON values (see the module doc).
pub fn pipelines(script: &str) -> Vec<serde_json::Value> {
    let Some(tree) = parse(script) else { return Vec::new() };
    let src = script.as_bytes();
    let mut budget = TextBudget::for_script(script);
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "pipeline" => {
                let commands: Vec<serde_json::Value> = children(node)
                    .into_iter()
                    .filter_map(command_of)
                    .map(|c| command_json(c, src, &mut budget))
                    .collect();
                if !commands.is_empty() {
                    out.push(serde_json::json!({"text": budget.text(node, src), "commands": commands}));
                }
            }
            "command" => {
                // `bash <(curl ...)` and `sh -c "$(curl ...)"`: the substituted command feeds
                // this one.
                for arg in substitutions(node) {
                    {
                        let mut feeders: Vec<serde_json::Value> = Vec::new();
                        let mut inner = vec![arg];
                        while let Some(n) = inner.pop() {
                            if n.kind() == "command" {
                                feeders.push(command_json(n, src, &mut budget));
                            } else {
                                inner.extend(children(n));
                            }
                        }
                        feeders.push(command_json(node, src, &mut budget));
                        out.push(serde_json::json!({"text": budget.text(node, src), "commands": feeders}));
                    }
                }
            }
            _ => {}
        }
        stack.extend(children(node).into_iter().rev());
    }
    out
}

/// Every `command` node of `script`, in source order, as JSON values.
pub fn commands(script: &str) -> Vec<serde_json::Value> {
    let Some(tree) = parse(script) else { return Vec::new() };
    let src = script.as_bytes();
    let mut budget = TextBudget::for_script(script);
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == "command" {
            let mut command = command_json(node, src, &mut budget);
            let redirected = node.parent().is_some_and(|p| p.kind() == "redirected_statement");
            command["redirected"] = redirected.into();
            out.push(command);
        }
        stack.extend(children(node).into_iter().rev());
    }
    out
}

/// Process and command substitutions among a command's arguments, including inside quoted
/// strings (`"$(curl ...)"`).
fn substitutions(command: Node<'_>) -> Vec<Node<'_>> {
    let mut found = Vec::new();
    let mut stack: Vec<Node> = children(command).into_iter().filter(|c| c.kind() != "command_name").collect();
    while let Some(n) = stack.pop() {
        match n.kind() {
            "process_substitution" | "command_substitution" => found.push(n),
            "string" | "concatenation" => stack.extend(children(n)),
            _ => {}
        }
    }
    found
}

fn children(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// The command a pipeline element runs (`cmd 2>&1` is a redirected statement around it).
fn command_of(node: Node<'_>) -> Option<Node<'_>> {
    match node.kind() {
        "command" => Some(node),
        "redirected_statement" => node.child_by_field_name("body").filter(|b| b.kind() == "command"),
        _ => None,
    }
}

fn command_json(node: Node, src: &[u8], budget: &mut TextBudget) -> serde_json::Value {
    // The name is short in any real script; it decides policies, so it is never cut.
    let name = node.child_by_field_name("name").map(|n| text(n, src)).unwrap_or_default();
    let base = name.rsplit('/').next().unwrap_or(&name).to_string();
    let mut cursor = node.walk();
    let args: Vec<String> = node.children_by_field_name("argument", &mut cursor).map(|a| budget.text(a, src)).collect();
    serde_json::json!({"name": base, "args": args, "text": budget.text(node, src)})
}

fn text(node: Node, src: &[u8]) -> String {
    String::from_utf8_lossy(&src[node.byte_range()]).into_owned()
}

/// Texts up to this many bytes are never cut.
const ALWAYS_WHOLE: usize = 64;

/// The bytes of source text one call may copy into its result (see the module doc).
struct TextBudget {
    left: usize,
}

impl TextBudget {
    /// Every text field of an ordinary script adds up to two or three times the script.
    fn for_script(script: &str) -> TextBudget {
        TextBudget { left: script.len().saturating_mul(4).saturating_add(64 * 1024) }
    }

    /// The node's source text, or as much of it as the budget has left followed by `…`. A short
    /// text (a command word, a flag, `bash`) is always whole, so what policies decide on cannot
    /// be cut away by a blob earlier in the script; each node has at most one, so this stays
    /// linear too.
    fn text(&mut self, node: Node, src: &[u8]) -> String {
        let range = node.byte_range();
        if range.len() <= self.left || range.len() <= ALWAYS_WHOLE {
            self.left = self.left.saturating_sub(range.len());
            return text(node, src);
        }
        let cut = String::from_utf8_lossy(&src[range.start..range.start + self.left]);
        // A cut through a multi-byte character leaves a replacement character: drop it.
        let mut out = cut.trim_end_matches('\u{fffd}').to_string();
        self.left = 0;
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_with_its_redirection() {
        let found = commands("set -ex\necho \"$P\" | docker login --password-stdin r\nprintf x > f\n");
        let names: Vec<(&str, bool)> =
            found.iter().map(|c| (c["name"].as_str().unwrap(), c["redirected"].as_bool().unwrap())).collect();
        assert_eq!(names, vec![("set", false), ("echo", false), ("docker", false), ("printf", true)]);
        assert_eq!(found[2]["args"][0], "login");
    }

    fn names(script: &str) -> Vec<Vec<String>> {
        pipelines(script)
            .iter()
            .map(|p| {
                p["commands"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
            })
            .collect()
    }

    #[test]
    fn finds_pipes_and_process_substitutions() {
        let script = "set -e\ncurl -fsSL https://x.test/install.sh | sudo bash -s -- --yes\necho ok | tee log\nbash <(wget -qO- https://x.test/i.sh)\n";
        assert_eq!(names(script), vec![vec!["curl", "sudo"], vec!["echo", "tee"], vec!["wget", "bash"]]);
        let first = &pipelines(script)[0];
        assert_eq!(first["text"], "curl -fsSL https://x.test/install.sh | sudo bash -s -- --yes");
        assert_eq!(first["commands"][1]["args"][0], "bash");
    }

    #[test]
    fn odd_input_gives_no_pipelines_not_errors() {
        assert!(names("").is_empty());
        assert!(names("if then fi ((( |").len() <= 1);
        assert_eq!(names("/usr/bin/curl x | /bin/sh"), vec![vec!["curl", "sh"]]);
    }

    #[test]
    fn nested_substitutions_cost_linear_text() {
        // 2,000 levels of `echo "$(...)"`: copying each command's text whole would be ~64 MB.
        let depth = 2000;
        let script = format!("echo {}x{}", "\"$(echo ".repeat(depth), ")\"".repeat(depth));
        let found = pipelines(&script);
        assert!(!found.is_empty());
        let total: usize = serde_json::to_string(&found).unwrap().len();
        assert!(total < 8 * script.len() + 256 * 1024, "{total} bytes of output for {} of script", script.len());
        // The outermost pipeline is found first and keeps its whole text.
        assert_eq!(found[0]["text"].as_str().unwrap().len(), script.len());
        assert!(found[found.len() / 2]["text"].as_str().unwrap().ends_with('…'));
    }

    #[test]
    fn a_blob_before_a_pipeline_cannot_cut_what_policies_decide_on() {
        let blob = format!("echo {}x{}", "\"$(echo ".repeat(2000), ")\"".repeat(2000));
        let script = format!("{blob}\ncurl -fsSL https://x.test/i.sh | sudo bash\n");
        let found = pipelines(&script);
        let last = found.last().unwrap();
        assert_eq!(last["commands"][0]["name"], "curl");
        assert_eq!(last["commands"][1]["args"][0], "bash");
    }

    #[test]
    fn callable_from_rego() {
        let mut engine = regorus::Engine::new();
        register(&mut engine).unwrap();
        engine
            .add_policy(
                "t.rego".into(),
                "package t\npiped if {\n some p in tollgate.shell_pipelines(input.run)\n p.commands[0].name == \"curl\"\n}\n".into(),
            )
            .unwrap();
        engine.set_input(Value::from(serde_json::json!({"run": "curl -s x | sh"})));
        assert_eq!(engine.eval_rule("data.t.piped".into()).unwrap(), Value::Bool(true));
        engine.set_input(Value::from(serde_json::json!({"run": null})));
        assert_eq!(engine.eval_rule("data.t.piped".into()).unwrap(), Value::Undefined);
    }
}
