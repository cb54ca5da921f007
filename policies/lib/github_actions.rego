# Shared, shape-safe accessors for the GitHub Actions policies: jobs, steps (workflow jobs and
# composite-action `runs.steps`), `uses:` references, and where attacker-controlled data
# reaches an expression (event fields, composite inputs, env, matrix, step outputs).
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

# --- Untrusted data (template injection, GITHUB_ENV writes) ---

# Event fields an outsider controls (GitHub contexts are case-insensitive): issue, PR,
# comment, review and discussion texts, branch names (PR head, check suite, triggering run),
# the PR head repository's description, homepage and default branch, commit messages,
# authors and committers (push, merge group, triggering run), wiki page names, and the
# triggering run's title.
untrusted_pattern := `(?i)(^|[^A-Za-z0-9_.])(github\.event\.(issue\.(title|body)|pull_request\.(title|body|head\.(ref|label|repo\.(description|homepage|default_branch)))|comment\.body|review\.body|review_comment\.body|discussion\.(title|body)|(head_commit|merge_group\.head_commit)\.(message|(author|committer)\.(name|email))|commits(\[[^\]]*\]|\.\*)\.(message|(author|committer)\.(name|email))|workflow_run\.(head_branch|display_title|head_repository\.description|head_commit\.(message|(author|committer)\.(name|email))|pull_requests(\[[^\]]*\]|\.\*)\.head\.ref)|(check_suite|check_run\.check_suite)\.head_branch|pages(\[[^\]]*\]|\.\*)\.page_name)|github\.head_ref)([^A-Za-z0-9_]|$)`

# `inputs.X` (not `github.event.inputs.X`): in a composite action, whatever the caller passes.
input_pattern := `(?i)(^|[^A-Za-z0-9_.])(inputs\.[A-Za-z0-9_-]+)`

# Every `${{ ... }}` expression of a string, in order. The lazy match ends at the first `}}`,
# so an expression holding `}` in a string literal (`format('{0}', ...)`) is still whole.
expressions(s) := regex.find_n(`\$\{\{(?s:.)*?\}\}`, s, -1) if is_string(s)

expressions(s) := [] if not is_string(s)

# A comparison or predicate yields only true/false, which cannot inject anything.
boolean_only(expr) if {
	regex.match(`(==|!=|<=|>=|(?i)\b(contains|startsWith|endsWith)\()`, expr)
	not contains(expr, "&&")
	not contains(expr, "||")
}

# An action.yml whose steps run in the caller's job (`runs.using: composite`).
is_composite if {
	using := guard.get(input.document, ["runs", "using"], "")
	is_string(using)
	lower(using) == "composite"
}

# The free-text inputs a workflow declares for `workflow_dispatch` or `workflow_call` (type
# `string`, the default of a dispatch input): whoever dispatches or calls it chooses them.
# `choice`, `boolean`, `number` and `environment` inputs cannot carry shell syntax.
text_inputs contains lower(name) if {
	on := guard.get(input.document, "on", {})
	is_object(on)
	some event in ["workflow_dispatch", "workflow_call"]
	declared := guard.get(on, [event, "inputs"], {})
	is_object(declared)
	some name, spec in declared
	t := guard.get(spec, "type", "string")
	is_string(t)
	lower(t) == "string"
}

# `inputs.X` or `github.event.inputs.X` naming a free-text workflow input: the reference.
workflow_input(expr) := refs[0] if {
	refs := [r[2] |
		some r in regex.find_all_string_submatch_n(`(?i)(^|[^A-Za-z0-9_])((?:github\.event\.)?inputs\.([A-Za-z0-9_-]+))`, expr, -1)
		lower(r[3]) in text_inputs
	]
	count(refs) > 0
}

# The attacker-controlled field `expr` reads directly: event data, in a composite action one
# of its inputs, in a workflow one of its free-text dispatch or call inputs. Undefined when it
# reads none, or only compares.
direct_source(expr) := m[0][2] if {
	not boolean_only(expr)
	m := regex.find_all_string_submatch_n(untrusted_pattern, expr, 1)
	count(m) > 0
} else := m[0][2] if {
	not boolean_only(expr)
	is_composite
	m := regex.find_all_string_submatch_n(input_pattern, expr, 1)
	count(m) > 0
} else := workflow_input(expr) if {
	not boolean_only(expr)
}

# A value (an `env:` entry, a matrix value) that holds attacker-controlled data: the first
# field it reads.
tainted_value(v) := srcs[0] if {
	srcs := [src | some e in expressions(v); src := direct_source(e)]
	count(srcs) > 0
}

# The steps of every job (job id) and of a composite action (job ""), as records.
step_records contains {"path": path, "step": step, "job": jid} if {
	some [path, step] in steps
	path[0] == "jobs"
	jid := path[1]
}

step_records contains {"path": path, "step": step, "job": ""} if {
	some [path, step] in steps
	path[0] == "runs"
}

job_of(rec) := object.get(jobs, rec.job, {})

# `env.NAME` as the step sees it -- its own `env:`, else its job's, else the workflow's -- when
# that value holds attacker-controlled data: the field it reads.
env_source(rec, name) := tainted_value(defs[0]) if {
	defs := [v |
		some scope in [rec.step, job_of(rec), input.document]
		env := guard.get(scope, "env", {})
		is_object(env)
		some k, v in env
		lower(k) == lower(name)
	]
	count(defs) > 0
}

# `matrix.NAME` of the step's job, when the matrix (or that key, one of its values, or an
# `include` entry's value for it) is built from attacker-controlled data: the field.
matrix_source(rec, name) := srcs[0] if {
	m := guard.get(job_of(rec), ["strategy", "matrix"], null)
	values := array.concat(
		array.concat([m], [v | is_object(m); some k, v in m; lower(k) == lower(name)]),
		array.concat(
			[x | is_object(m); some k, v in m; lower(k) == lower(name); is_array(v); some x in v],
			[v | some entry in guard.list(m, "include"); is_object(entry); some k, v in entry; lower(k) == lower(name)],
		),
	)
	srcs := [src | some x in values; src := tainted_value(x)]
	count(srcs) > 0
}

# `steps.ID.outputs.*` of a step of the same job (or action) that writes attacker-controlled
# data to $GITHUB_OUTPUT, through an expression in its script or through its `env:`: the field.
output_source(rec, step_id) := srcs[0] if {
	srcs := [src |
		some other in step_records
		other.job == rec.job
		other.path[0] == rec.path[0]
		object.get(other.step, "id", null) == step_id
		run := object.get(other.step, "run", "")
		is_string(run)
		contains(run, "GITHUB_OUTPUT")
		env := guard.get(other.step, "env", {})
		some x in array.concat([run], [v | is_object(env); some _, v in env])
		src := tainted_value(x)
	]
	count(srcs) > 0
}

# Why `expr`, used in the step `rec`, expands to attacker-controlled text: "" when it reads
# event data (or an action input) itself, else how the data reaches it. Undefined when safe.
taint(rec, expr) := "" if {
	direct_source(expr)
} else := whys[0] if {
	not boolean_only(expr)
	refs := regex.find_all_string_submatch_n(`(?i)(?:^|[^A-Za-z0-9_.])env\.([A-Za-z_][A-Za-z0-9_]*)`, expr, -1)
	whys := [sprintf("env.%s is set from %s", [r[1], src]) | some r in refs; src := env_source(rec, r[1])]
	count(whys) > 0
} else := whys[0] if {
	not boolean_only(expr)
	refs := regex.find_all_string_submatch_n(`(?i)(?:^|[^A-Za-z0-9_.])matrix\.([A-Za-z0-9_-]+)`, expr, -1)
	whys := [sprintf("matrix.%s is built from %s", [r[1], src]) | some r in refs; src := matrix_source(rec, r[1])]
	count(whys) > 0
} else := whys[0] if {
	not boolean_only(expr)
	refs := regex.find_all_string_submatch_n(`(?i)(?:^|[^A-Za-z0-9_.])steps\.([A-Za-z0-9_-]+)\.outputs\.`, expr, -1)
	whys := [sprintf("step `%s` writes %s to its outputs", [r[1], src]) | some r in refs; src := output_source(rec, r[1])]
	count(whys) > 0
}

# The lines of `script` (trimmed) that hold `needle`, for a violation's `within`: the engine
# then blames the occurrence on that line, so equal expressions on two lines are two findings.
# [null] when no single line holds it (it spans a line break).
lines_with(script, needle) := found if {
	found := {trim_space(l) | some l in split(script, "\n"); contains(l, needle)}
	count(found) > 0
} else := {null}
