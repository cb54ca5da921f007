# Shared accessors for the GitLab CI (.gitlab-ci.yml) policies: which top-level keys are jobs,
# where variables, images, services and scripts live, and how to read them without raising an
# evaluation error on an unexpected shape (a `!reference` tag, an empty key, an anchor list).
package lib.gitlab_ci

import data.lib.guard

# Top-level keywords that are not jobs (`pages` is a job; `spec` is a component's header).
reserved := {
	"spec", "default", "include", "stages", "variables", "workflow", "image", "services",
	"before_script", "after_script", "cache",
}

doc := input.document if is_object(input.document) else := {}

# Jobs by name, hidden ones (`.template`) included: they are merged into real jobs by `extends`.
jobs[name] := job if {
	some name, job in doc
	is_string(name)
	not name in reserved
	is_object(job)
}

# Places that hold settings shared by jobs or set by one job: [path prefix, body].
# The global scope is the document itself, `default:`, then every job.
scopes contains [[], doc]

scopes contains [["default"], d] if {
	d := guard.get(doc, "default", null)
	is_object(d)
}

scopes contains [[name], job] if some name, job in jobs

# Variables of the top level and of every job: [path to the key, key, raw value].
variables contains [array.concat(prefix, ["variables", key]), key, raw] if {
	some [prefix, body] in scopes
	prefix != ["default"]
	vars := guard.get(body, "variables", {})
	is_object(vars)
	some key, raw in vars
	is_string(key)
}

# A variable's value: a scalar, or the `value` of the {value:, description:} form.
value(raw) := raw if not is_object(raw)

value(raw) := guard.get(raw, "value", null) if is_object(raw)

# Every `image:` of the file: [path to the image name node, image name].
images contains [array.concat(prefix, ["image"]), img] if {
	some [prefix, body] in scopes
	img := guard.get(body, "image", null)
	is_string(img)
}

images contains [array.concat(prefix, ["image", "name"]), img] if {
	some [prefix, body] in scopes
	img := guard.get(body, ["image", "name"], null)
	is_string(img)
}

# Every service image of the file: [path, image name, prefix of its scope].
services contains [array.concat(prefix, ["services", i]), svc, prefix] if {
	some [prefix, body] in scopes
	some i, svc in guard.list(body, "services")
	is_string(svc)
}

services contains [array.concat(prefix, ["services", i, "name"]), name, prefix] if {
	some [prefix, body] in scopes
	some i, svc in guard.list(body, "services")
	name := guard.get(svc, "name", null)
	is_string(name)
}

# Every script line: [path, text]. `script`, `before_script` and `after_script` take a string
# or a list of strings (nested one level deep when built from anchors).
script_keys := {"script", "before_script", "after_script"}

scripts contains [array.concat(prefix, [key]), s] if {
	some [prefix, body] in scopes
	some key in script_keys
	s := guard.get(body, key, null)
	is_string(s)
}

scripts contains [array.concat(prefix, [key, i]), s] if {
	some [prefix, body] in scopes
	some key in script_keys
	some i, s in guard.list(body, key)
	is_string(s)
}

scripts contains [array.concat(prefix, [key, i, j]), s] if {
	some [prefix, body] in scopes
	some key in script_keys
	some i, inner in guard.list(body, key)
	is_array(inner)
	some j, s in inner
	is_string(s)
}

# The `include:` entries: [path, entry] for a single include or each entry of a list.
includes contains [["include"], inc] if {
	inc := guard.get(doc, "include", null)
	not is_array(inc)
	inc != null
}

includes contains [["include", i], inc] if {
	some i, inc in guard.list(doc, "include")
}

# `extends:` of a job as a list of names.
extends(job) := [e] if {
	e := guard.get(job, "extends", null)
	is_string(e)
}

extends(job) := [e | some e in guard.list(job, "extends"); is_string(e)] if is_array(guard.get(job, "extends", null))

extends(job) := [] if {
	e := guard.get(job, "extends", null)
	not is_string(e)
	not is_array(e)
}
