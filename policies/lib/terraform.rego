# Terraform helpers. The document is the parsed .tf file: `resource.<type>.<name>` objects;
# nested blocks are always arrays.
package lib.terraform

# The resources of one type in this file, by name ({} when absent or not an object, so callers
# can iterate without guarding the shape).
resources(type) := r if {
	r := object.get(input.document, ["resource", type], {})
	is_object(r)
} else := {}

# A nested block's entries (always an array in the parsed document; [] when absent).
blocks(body, name) := object.get(body, name, [])

# True when the value is an unresolved expression kept as text, e.g. "${var.x}".
is_expression(v) if {
	is_string(v)
	startswith(v, "${")
}
