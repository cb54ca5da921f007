# Shell-script helpers over `tollgate.shell_pipelines(script)` (tree-sitter-bash): decide on the
# parsed pipelines rather than on regexes over the text.
package lib.shell

downloaders := {"curl", "wget"}

shells := {"sh", "bash", "zsh", "dash", "ksh", "ash"}

# Wrappers that run their argument as the command (`sudo bash -s`, `env sh`).
wrappers := {"sudo", "env", "exec", "doas"}

# Source text of every pipeline in `script` that feeds a download into a shell:
# `curl -fsSL URL | sh`, `wget -qO- URL | sudo bash`, `bash <(curl -s URL)`.
download_to_shell(script) := {p.text |
	some p in tollgate.shell_pipelines(script)
	count(p.commands) > 1
	some i, c in p.commands
	i < count(p.commands) - 1
	c.name in downloaders
	runs_shell(p.commands[count(p.commands) - 1])
}

runs_shell(c) if c.name in shells

runs_shell(c) if {
	c.name in wrappers
	some a in c.args
	a in shells
}
