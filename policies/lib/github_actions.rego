# Shared, shape-safe accessors for the GitHub Actions hygiene policies (TG-GHA-010..016):
# jobs, steps (workflow jobs and composite-action `runs.steps`) and `uses:` references.
# Anything that is not the expected shape is skipped, never an evaluation error.
package lib.github_actions

import data.lib.guard

# Workflow jobs by id (jobs whose body is not an object are skipped).
jobs[id] := job if {
	all := guard.get(input.document, "jobs", {})
	is_object(all)
	some id, job in all
	is_object(job)
}

# Every step as [path-to-step, step]: workflow job steps and composite action steps.
steps contains [["jobs", id, "steps", i], step] if {
	some id, job in jobs
	some i, step in guard.list(job, "steps")
	is_object(step)
}

steps contains [["runs", "steps", i], step] if {
	runs := guard.get(input.document, "runs", {})
	some i, step in guard.list(runs, "steps")
	is_object(step)
}

# A remote action / reusable workflow reference "owner/repo[/path]@ref": [owner, ref].
# Undefined for local (./...) and docker:// references and for expressions.
remote_ref(uses) := [owner, ref] if {
	is_string(uses)
	not startswith(uses, "./")
	not startswith(uses, "docker://")
	not contains(uses, "${{")
	contains(uses, "@")
	parts := split(uses, "@")
	ref := parts[count(parts) - 1]
	name := concat("@", array.slice(parts, 0, count(parts) - 1))
	contains(name, "/")
	owner := lower(split(name, "/")[0])
}

# The action name of a `uses:` reference, lower-cased, without the ref ("actions/checkout").
action_name(uses) := lower(split(uses, "@")[0]) if is_string(uses)
