# CodeBuild buildspec helpers (version 0.2): the phases' commands with their paths, the plain
# `env.variables`, and whether the build pulls values from Parameter Store / Secrets Manager.
# Every accessor tolerates any shape (a phase written as a string, `commands: null`, ...).
package lib.buildspec

import data.lib.guard

# The `phases` object ({} when absent or not an object).
phases := p if {
	p := guard.get(input.document, "phases", {})
	is_object(p)
} else := {}

# The `env` object ({} when absent or not an object).
env := e if {
	e := guard.get(input.document, "env", {})
	is_object(e)
} else := {}

# `env.variables` ({} when absent or not an object).
variables := v if {
	v := guard.get(env, "variables", {})
	is_object(v)
} else := {}

# [path, phase name, command] for every string command of every phase, in `commands` and in
# `finally` (both lists of strings).
commands contains [["phases", phase, key, i], phase, cmd] if {
	some phase, body in phases
	is_object(body)
	some key in ["commands", "finally"]
	some i, cmd in guard.list(body, key)
	is_string(cmd)
}

# The build reads values from Parameter Store or Secrets Manager (which CodeBuild exposes as
# environment variables of the build, and masks only when printed verbatim).
has_managed_secrets if {
	some key in ["parameter-store", "secrets-manager"]
	m := guard.get(env, key, {})
	is_object(m)
	count(m) > 0
}

# The command text split into single-line shell segments (lines, then `;`, `&&`, `||`),
# trimmed, without comments and empty parts.
segments(cmd) := {s |
	some line in split(cmd, "\n")
	some part in regex.split(`;|&&|\|\|`, line)
	s := trim_space(part)
	s != ""
	not startswith(s, "#")
}

# An AWS access key id (long-term AKIA or temporary ASIA), not AWS's documentation example.
access_key_pattern := `\b(?:AKIA|ASIA)[A-Z2-7]{16}\b`

access_key_ids(s) := {k |
	is_string(s)
	some k in regex.find_n(access_key_pattern, s, -1)
	not contains(k, "EXAMPLE")
}
