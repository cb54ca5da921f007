# METADATA
# title: Deprecated unsecure workflow commands re-enabled
# description: >-
#   `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` turns the `::set-env::` and `::add-path::` workflow
#   commands back on. They were disabled because they are parsed from anything written to stdout
#   (CVE-2020-15228): untrusted text that reaches the log (issue titles, PR content, test output,
#   a compromised dependency) can define environment variables such as NODE_OPTIONS or LD_PRELOAD,
#   or prepend a directory to PATH, and so execute code in every later step with the job's secrets
#   and token.
# related_resources:
#   - https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/
#   - https://github.com/advisories/GHSA-mfwh-5m23-j46w
# custom:
#   id: TG-GHA-005
#   severity: high
#   remediation: >-
#     Remove ACTIONS_ALLOW_UNSECURE_COMMANDS and update the actions that still need it. Write
#     environment variables and paths with the environment files instead: `echo "NAME=value" >>
#     "$GITHUB_ENV"` and `echo "$dir" >> "$GITHUB_PATH"`.
#   kinds: [github-actions]
#   aliases: [CKV_GHA_1, zizmor/insecure-commands]
package tollgate.pipelines.github.unsecure_commands_allowed

# ACTIONS_ALLOW_UNSECURE_COMMANDS re-enables the deprecated `::set-env::` and `::add-path::`
# workflow commands, which GitHub disabled in 2020 (CVE-2020-15228): any process that can
# print to the step's log -- a test printing an issue title, a dependency, a log line
# containing user input -- can then set environment variables (NODE_OPTIONS, LD_PRELOAD) or
# PATH for the rest of the job.

import data.lib.guard

doc := d if {
	d := input.document
	is_object(d)
} else := {}

jobs := j if {
	j := guard.get(doc, "jobs", {})
	is_object(j)
} else := {}

# [path, env map] of every `env`: workflow, job, step (and composite action steps).
envs contains [["env"], guard.get(doc, "env", null)]

envs contains [["jobs", jid, "env"], guard.get(job, "env", null)] if some jid, job in jobs

envs contains [["jobs", jid, "steps", i, "env"], guard.get(step, "env", null)] if {
	some jid, job in jobs
	steps := guard.get(job, "steps", [])
	is_array(steps)
	some i, step in steps
}

envs contains [["runs", "steps", i, "env"], guard.get(step, "env", null)] if {
	steps := guard.get(doc, ["runs", "steps"], [])
	is_array(steps)
	some i, step in steps
}

deny contains v if {
	some [path, env] in envs
	is_object(env)
	guard.is_true(guard.get(env, "ACTIONS_ALLOW_UNSECURE_COMMANDS", null))
	v := {
		"msg": "ACTIONS_ALLOW_UNSECURE_COMMANDS is true: the deprecated ::set-env:: and ::add-path:: commands let anything printed to the log set environment variables and PATH",
		"path": array.concat(path, ["ACTIONS_ALLOW_UNSECURE_COMMANDS"]),
	}
}
