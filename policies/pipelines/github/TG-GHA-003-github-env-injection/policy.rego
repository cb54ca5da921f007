# METADATA
# title: Untrusted data written to GITHUB_ENV or GITHUB_PATH
# description: >-
#   A `run:` step appends to `$GITHUB_ENV` or `$GITHUB_PATH` while it interpolates
#   attacker-controllable context (issue/PR titles and bodies, comments, branch names, commit
#   messages), or in a workflow triggered by `pull_request_target`, `workflow_run` or
#   `issue_comment`, whose data comes from outsiders while the job holds secrets and a write
#   token. Whoever controls the written text can define arbitrary environment variables
#   (LD_PRELOAD, NODE_OPTIONS, BASH_ENV, ...) or prepend their own directory to PATH for every
#   later step of the job, which amounts to code execution with the job's privileges; a newline in
#   the value is enough to add a second variable. In a composite action (action.yml) the
#   action's `inputs` are what callers pass, so writing them (directly or through the step's
#   `env:`) is reported; writes of literal text are not. Bash, PowerShell (`$env:GITHUB_ENV`)
#   and cmd (`%GITHUB_ENV%`) writes are recognised.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
#   - https://securitylab.github.com/resources/github-actions-new-patterns-and-mitigations/
#   - https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable
# custom:
#   id: TG-GHA-003
#   severity: high
#   remediation: >-
#     Do not write untrusted values to GITHUB_ENV/GITHUB_PATH. Pass data between steps with step
#     outputs (`>> "$GITHUB_OUTPUT"`) read through `env:`, validate values against a strict
#     pattern before writing them, and never write the content of files produced by untrusted code
#     (artifacts of a PR run) to these files. Use a random heredoc delimiter for multi-line
#     values.
#   kinds: [github-actions]
#   aliases: [zizmor/github-env]
package tollgate.pipelines.github.github_env_injection

# $GITHUB_ENV and $GITHUB_PATH are files the runner reads between steps: every
# `NAME=value` line written to GITHUB_ENV becomes an environment variable of all later steps,
# every line of GITHUB_PATH is prepended to PATH. When the written content can come from an
# attacker (an interpolated issue title or branch name, or files and outputs of untrusted PR
# code in a privileged workflow), they can set LD_PRELOAD, NODE_OPTIONS, BASH_ENV or put
# their own directory first on PATH, and so run code in every following step.

import data.lib.github_actions as gha
import data.lib.guard

# Appends to GITHUB_ENV / GITHUB_PATH in bash (`>> "$GITHUB_ENV"`, `>>${GITHUB_PATH}`,
# `| tee -a "$GITHUB_ENV"`), PowerShell (`>> $env:GITHUB_ENV`, `Out-File`/`Add-Content`
# `$env:GITHUB_ENV`) and cmd (`>> %GITHUB_ENV%`).
write_pattern := `(>>|\btee\s+(-a|--append)\s+)\s*"?\$(GITHUB_ENV|GITHUB_PATH|\{GITHUB_ENV\}|\{GITHUB_PATH\})"?|>>\s*"?(\$env:GITHUB_(ENV|PATH)|%GITHUB_(ENV|PATH)%)"?|(?i)\b(Out-File|Add-Content|Set-Content)\b[^\n|;]*\$env:GITHUB_(ENV|PATH)`

doc := d if {
	d := input.document
	is_object(d)
} else := {}

triggers contains t if {
	t := guard.get(doc, "on", null)
	is_string(t)
}

triggers contains t if {
	on := guard.get(doc, "on", null)
	is_array(on)
	some t in on
	is_string(t)
}

triggers contains t if {
	on := guard.get(doc, "on", null)
	is_object(on)
	some t, _ in on
}

risky_triggers := triggers & {"pull_request_target", "workflow_run", "issue_comment"}

runs contains [rec, array.concat(rec.path, ["run"]), rec.step.run] if {
	some rec in gha.step_records
	is_string(rec.step.run)
}

# The first attacker-controlled thing the script writes from: an expression reading event
# data (or, in a composite action, an input), or a variable of the step's `env:` set from one
# and expanded in the script (`$TITLE`, `${TITLE}`, `$env:TITLE`, `%TITLE%`).
untrusted_expression(rec, script) := found[0] if {
	found := array.concat(
		[e | some e in gha.expressions(script); gha.direct_source(e)],
		[sprintf("%s (from env %s)", [src, name]) |
			env := guard.get(rec.step, "env", {})
			is_object(env)
			some name, value in env
			src := gha.tainted_value(value)
			expands(script, name)
		],
	)
	count(found) > 0
}

expands(script, name) if regex.match(sprintf(`\$\{?%s\b|(?i)\$env:%s\b|%%%s%%`, [name, name, name]), script)

# A write whose data comes from other lines: a heredoc (`cat <<EOF >> "$GITHUB_ENV"`) or the
# end of a group or loop (`} >> "$GITHUB_ENV"`, `done >> "$GITHUB_ENV"`).
block_write(line) if regex.match(`<<|^\s*[})]|\bdone\b`, line)

# Why a write on `line` of the step's script is dangerous: attacker-controlled data on that
# line (or, for a block write, anywhere in the script), else a privileged trigger.
reason(rec, script, line) := sprintf("the step writes attacker-controlled %s", [untrusted_expression(rec, line)]) if {
	untrusted_expression(rec, line)
} else := sprintf("the step writes attacker-controlled %s", [untrusted_expression(rec, script)]) if {
	block_write(line)
	untrusted_expression(rec, script)
} else := sprintf("the workflow is triggered by %s, whose data comes from outsiders", [concat(" / ", sort(risky_triggers))]) if {
	count(risky_triggers) > 0
}

deny contains v if {
	some [rec, path, script] in runs
	some line in split(script, "\n")
	some fragment in regex.find_n(write_pattern, line, -1)
	why := reason(rec, script, line)
	v := {
		"msg": sprintf("`%s` writes to a file that sets the environment (or PATH) of every later step, and %s: an attacker can inject variables such as LD_PRELOAD or BASH_ENV", [fragment, why]),
		"path": path,
		"text": fragment,
		"within": trim_space(line),
	}
}
