# One view of AWS resources across Terraform and CloudFormation, so that a check states each
# concern once instead of walking both raw shapes (and "set to false" apart from "not set").
#
# A resource is {"format": "terraform" | "cloudformation", "type", "name", "body", "at",
# "body_at"}: `body` is the Terraform block or the CloudFormation Properties object ({} when
# absent or not an object), `at` the JSON path of the resource (["resource", type, name] /
# ["Resources", name]) and `body_at` the path of `body` (the same for Terraform, at + Properties
# for CloudFormation). A nested block (`blocks`) is the same shape, so the setting helpers work
# on it too.
#
# Settings are named once per format, `{"terraform": "encrypted", "cloudformation":
# "Encrypted"}`. The problem helpers answer {"why", "path"}: `why` says what is wrong the way
# the format writes it ("encrypted = false", "Encrypted: false", "encrypted is not set"),
# `path` is the location to blame (the setting when it is written, the resource when it is not)
# and `written` tells which, for checks that excuse or word the two cases differently.
# Every value is read through lib.guard, so an unexpected shape is never an error.
package lib.cloud

import data.lib.guard
import data.lib.terraform as tf

# The resources of the document's own kind whose type is one of `types`: {"terraform": type
# or list of types, "cloudformation": type or list of types}; an absent format has none.
resources(types) := {r |
	some type in type_list(guard.get(types, "terraform", []))
	some name, body in tf.resources(type)
	r := {"format": "terraform", "type": type, "name": name, "body": body, "at": ["resource", type, name], "body_at": ["resource", type, name]}
} if input.kind == "terraform"

resources(types) := {r |
	some type in type_list(guard.get(types, "cloudformation", []))
	some name, res in guard.cfn_resources(type)
	at := ["Resources", name]
	r := {"format": "cloudformation", "type": type, "name": name, "body": guard.cfn_properties(res), "at": at, "body_at": array.concat(at, ["Properties"])}
} if input.kind == "cloudformation"

type_list(t) := [t] if is_string(t)

type_list(t) := t if not is_string(t)

# The blocks named `names` inside a resource (or block), in the same shape: each Terraform
# block (`environment { ... }` is a list; `at` ends with its index) or the CloudFormation
# object (`Environment: {...}`; none unless it is a known object, not an intrinsic).
blocks(r, names) := {b |
	name := names.terraform
	some i, body in guard.blocks(r.body, name)
	at := array.concat(r.body_at, [name, i])
	b := {"format": r.format, "type": r.type, "name": r.name, "body": body, "at": at, "body_at": at}
} if r.format == "terraform"

blocks(r, names) := {b |
	name := names.cloudformation
	body := guard.get(r.body, name, null)
	guard.known_object(body)
	at := array.concat(r.body_at, [name])
	b := {"format": r.format, "type": r.type, "name": r.name, "body": body, "at": at, "body_at": at}
} if r.format == "cloudformation"

# The entries of a list of nested objects, in the same shape: Terraform blocks as `blocks`,
# the objects of a CloudFormation list (`Listeners: [...]`; `at` ends with the index).
items(r, names) := blocks(r, names) if r.format == "terraform"

items(r, names) := {b |
	name := names.cloudformation
	some i, body in guard.list(r.body, name)
	guard.known_object(body)
	at := array.concat(r.body_at, [name, i])
	b := {"format": r.format, "type": r.type, "name": r.name, "body": body, "at": at, "body_at": at}
} if r.format == "cloudformation"

# The setting's name in r's format.
key(r, names) := names[r.format]

# The setting's value, or `fallback` when absent.
get(r, names, fallback) := guard.get(r.body, key(r, names), fallback)

# The setting is absent (or null).
unset(r, names) if guard.unset(r.body, key(r, names))

# Where the setting is (or would be) written.
path_of(r, names) := array.concat(r.body_at, [key(r, names)])

# A string as the format writes it: quoted in Terraform, bare in CloudFormation YAML.
literal(r, s) := sprintf("\"%s\"", [s]) if r.format == "terraform"

literal(r, s) := s if r.format == "cloudformation"

# `name = value` in Terraform, `Name: value` in CloudFormation.
said(r, names, value) := sprintf("%s = %s", [key(r, names), value]) if r.format == "terraform"

said(r, names, value) := sprintf("%s: %s", [key(r, names), value]) if r.format == "cloudformation"

# The setting is a literal false (also "false"): blamed on the setting.
set_false(r, names) := {"why": said(r, names, "false"), "path": path_of(r, names), "written": true} if {
	guard.is_false(get(r, names, null))
}

# The setting is a literal true (also "true"): blamed on the setting.
set_true(r, names) := {"why": said(r, names, "true"), "path": path_of(r, names), "written": true} if {
	guard.is_true(get(r, names, null))
}

# The setting is absent: blamed on the resource, `why` is "<name> is not set<tail>".
not_set(r, names, tail) := {"why": sprintf("%s is not set%s", [key(r, names), tail]), "path": r.at, "written": false} if {
	unset(r, names)
}

# A switch that defaults to off is off: set to false, or absent.
switched_off(r, names) := set_false(r, names) if guard.is_false(get(r, names, null))

switched_off(r, names) := not_set(r, names, " and defaults to false") if unset(r, names)

# A setting that must name something (a key, a log group) does not: absent, or blank text.
missing(r, names) := not_set(r, names, "") if unset(r, names)

missing(r, names) := {"why": sprintf("%s is empty", [key(r, names)]), "path": path_of(r, names), "written": true} if {
	trim_space(get(r, names, null)) == ""
}
