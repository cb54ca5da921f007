# METADATA
# title: All secrets exposed with toJSON(secrets)
# description: >-
#   A step (or job/workflow env, or a reusable-workflow call's `with`) uses `toJSON(secrets)`,
#   which serialises every secret the workflow can read -- repository, environment and
#   organisation secrets -- into one JSON value. The step, the action it runs and anything they
#   execute (dependencies, build scripts) then hold all secrets instead of the few they need; a
#   single leak (a log line, an artifact, a compromised action) exposes everything, and secrets
#   re-encoded or parsed out of the blob are no longer masked reliably in logs.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions
#   - https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#tojson
# custom:
#   id: TG-GHA-004
#   severity: high
#   remediation: >-
#     Pass only the secrets the step needs, one by one: `env: NPM_TOKEN: ${{ secrets.NPM_TOKEN
#     }}`. For reusable workflows, declare the secrets they take (`secrets:` in `workflow_call`)
#     and pass them explicitly instead of serialising the whole context.
#   kinds: [github-actions]
#   aliases: [zizmor/overprovisioned-secrets]
package tollgate.pipelines.github.tojson_secrets

# `toJSON(secrets)` serialises EVERY secret available to the workflow (repository,
# environment and organisation secrets alike) into one value. Handing that to a step, an
# action or a script gives it far more than it needs, defeats the per-secret log masking for
# transformed values, and one leak of the blob leaks everything.

import data.lib.guard

doc := d if {
	d := input.document
	is_object(d)
} else := {}

jobs := j if {
	j := guard.get(doc, "jobs", {})
	is_object(j)
} else := {}

# [path, string value] of every place a step (or job/workflow) hands values on.
values contains [array.concat(sp, ["run"]), step.run] if {
	some [sp, step] in steps
	is_string(guard.get(step, "run", null))
}

values contains [array.concat(sp, [field, k]), val] if {
	some [sp, step] in steps
	some field in ["with", "env"]
	m := guard.get(step, field, {})
	is_object(m)
	some k, val in m
	is_string(val)
}

values contains [["jobs", jid, field, k], val] if {
	some jid, job in jobs
	some field in ["env", "with"]
	m := guard.get(job, field, {})
	is_object(m)
	some k, val in m
	is_string(val)
}

values contains [["env", k], val] if {
	m := guard.get(doc, "env", {})
	is_object(m)
	some k, val in m
	is_string(val)
}

steps contains [["jobs", jid, "steps", i], step] if {
	some jid, job in jobs
	list := guard.get(job, "steps", [])
	is_array(list)
	some i, step in list
	is_object(step)
}

steps contains [["runs", "steps", i], step] if {
	list := guard.get(doc, ["runs", "steps"], [])
	is_array(list)
	some i, step in list
	is_object(step)
}

deny contains v if {
	some [path, val] in values
	some expr in regex.find_n(`\$\{\{[^}]*\}\}`, val, -1)
	regex.match(`(?i)\btojson\(\s*secrets\s*\)`, expr)
	v := {
		"msg": sprintf("%s serialises every secret of the workflow into one value; pass only the secrets this step needs", [expr]),
		"path": path,
		"text": expr,
	}
}
