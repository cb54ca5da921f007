# METADATA
# title: Component input interpolated into a job script
# description: >-
#   A CI/CD component or template interpolates one of its `spec:inputs` into a job's `script`,
#   `before_script` or `after_script` with `$[[ inputs.NAME ]]`. The value is substituted into
#   the script text when the pipeline is created, before the shell parses it, so whoever sets the
#   input (any project that includes the component, a pipeline run with inputs) can inject shell
#   commands that run with the job's CI/CD variables and tokens. Inputs that cannot hold text --
#   `type: boolean` or `number`, or restricted by `options:` or `regex:` -- and values passed
#   through `posix_escape` are not reported.
# related_resources:
#   - https://docs.gitlab.com/ci/inputs/
#   - https://docs.gitlab.com/ci/inputs/functions/
# custom:
#   id: TG-GITLAB-008
#   severity: high
#   remediation: >-
#     Pass the input through a variable and quote it in the script (`variables: TARGET: $[[
#     inputs.target ]]`, then `deploy "$TARGET"`), escape it with `$[[ inputs.target |
#     posix_escape ]]`, or constrain the input with `options:` or a `regex:`.
#   kinds: [gitlab-ci]
package tollgate.pipelines.gitlab.input_interpolation_in_script

# `$[[ inputs.x ]]` is text substitution into the YAML before the job exists: in a script it
# becomes part of the command line, exactly like `${{ }}` in a GitHub Actions `run:`.

import data.lib.gitlab_ci as common
import data.lib.guard

# The header's declared inputs (the kind shares the `spec` header with the jobs' document).
declared := d if {
	d := guard.get(common.doc, ["spec", "inputs"], {})
	is_object(d)
} else := {}

# An input whose value cannot carry shell syntax.
constrained(name) if {
	t := guard.get(declared[name], "type", "string")
	is_string(t)
	lower(t) in {"boolean", "number"}
}

constrained(name) if guard.get(declared[name], "options", null) != null

constrained(name) if guard.get(declared[name], "regex", null) != null

deny contains v if {
	some [path, script] in common.scripts
	some expr in regex.find_n(`\$\[\[(?s:.)*?\]\]`, script, -1)
	not contains(expr, "posix_escape")
	some m in regex.find_all_string_submatch_n(`(?:^|[^A-Za-z0-9_.])inputs\.([A-Za-z0-9_-]+)`, expr, -1)
	not constrained(m[1])
	v := {
		"msg": sprintf("%s is interpolated into a job script: the input's text becomes shell code when the pipeline is created; pass it through a variable, `posix_escape` it, or restrict it with `options:` or `regex:`", [expr]),
		"path": path,
		"text": expr,
	}
}
