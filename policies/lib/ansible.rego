# Shared accessors for the Ansible policies: every task of a playbook, task file or role (plays'
# `tasks`/`pre_tasks`/`post_tasks`/`handlers`, and `block`/`rescue`/`always` inside them), its
# module, and the module's arguments, read without an evaluation error on an unexpected shape.
package lib.ansible

keywords := {
	"name", "when", "register", "become", "become_user", "become_method", "become_flags", "vars",
	"environment", "tags", "notify", "loop", "loop_control", "ignore_errors", "ignore_unreachable",
	"changed_when", "failed_when", "delegate_to", "delegate_facts", "run_once", "no_log", "args",
	"block", "rescue", "always", "until", "retries", "delay", "check_mode", "diff", "listen",
	"any_errors_fatal", "async", "poll", "connection", "module_defaults", "throttle", "timeout",
	"collections", "debugger", "remote_user", "port", "local_action", "action",
	"sudo", "sudo_user", "su", "su_user", "first_available_file", "always_run",
}

task_lists := {"tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always"}

# Every task as [path, task]: a list element at the top of a task file, or in a task list.
tasks contains [path, t] if {
	walk(input.document, [path, t])
	is_object(t)
	count(path) > 0
	is_number(path[count(path) - 1])
	in_task_list(path)
	not t.hosts
	not t.import_playbook
}

in_task_list(path) if count(path) == 1

in_task_list(path) if path[count(path) - 2] in task_lists

# A task's module: [short name (`mysql_user` for `community.mysql.mysql_user`), key as written].
# A set, because a task with an unknown keyword has two candidates; policies match the one they
# know.
modules(t) := {[short, key] |
	some key, _ in t
	is_string(key)
	not key in keywords
	not startswith(key, "with_")
	parts := split(key, ".")
	short := parts[count(parts) - 1]
}

# The module's arguments as an object (`args:` merged under them), else {}.
args(t, key) := object.union(extra, own) if {
	own := object_or_empty(t[key])
	extra := object_or_empty(object.get(t, "args", {}))
}

object_or_empty(v) := v if is_object(v) else := {}

# A literal value: a string that is no `{{ template }}` and no vaulted text.
is_literal(v) if {
	is_string(v)
	trim_space(v) != ""
	not contains(v, "{{")
	not startswith(trim_space(v), "$ANSIBLE_VAULT")
}

# Ansible reads YAML 1.1: `no`, `false`, `off` and `n` are false.
is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) in {"no", "false", "off", "n", "0"}
}
