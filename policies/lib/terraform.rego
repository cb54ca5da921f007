# Terraform helpers. The document is the parsed .tf file: `resource.<type>.<name>` objects;
# nested blocks are always arrays (read them with `lib.guard.blocks`, which also survives a
# block written as an expression).
package lib.terraform

import data.lib.guard

# The resources of one type in this file, by name ({} when absent or not an object, so callers
# can iterate without guarding the shape).
resources(type) := r if {
	r := guard.get(input.document, ["resource", type], {})
	is_object(r)
} else := {}

# True when the value is an unresolved expression kept as text, e.g. "${var.x}".
is_expression(v) if {
	is_string(v)
	startswith(v, "${")
}

# The resources of one type declared in the module's other files (same directory), as the
# reader records them for the S3 checks: {name: {"bucket": ..., "file": ...}}. Only bucket
# companions are recorded (public access blocks, encryption and versioning configurations).
module_resources(type) := r if {
	r := guard.get(input.document, ["module_resources", type], {})
	is_object(r)
} else := {}

# This file's resources of a type together with the module's other files' ones.
module_wide_resources(type) := object.union(module_resources(type), resources(type))
