# Accessors that never raise an evaluation error on an unexpected shape. In regorus,
# object.get on a non-object, `some x in` over a string or null, and lower()/startswith() on a
# non-string are errors (reported as a broken policy), not "undefined"; real files hold such
# shapes all the time: `ingress = var.rules` stays the string "${var.rules}", a CloudFormation
# property may be {"Fn::If": [...]} where a list is expected. Values that cannot be read are
# treated as absent / unknown, never as evidence.
package lib.guard

# object.get, or `fallback` when `x` is not an object.
get(x, path, fallback) := object.get(x, path, fallback) if is_object(x)

get(x, _, fallback) := fallback if not is_object(x)

# A Terraform nested block's entries: [] when absent or not a list of bodies.
blocks(body, name) := b if {
	b := get(body, name, [])
	is_array(b)
	every x in b {
		is_object(x)
	}
} else := []

# A list-valued property (CloudFormation BlockDeviceMappings, Environment, ...): [] when
# absent or not a list.
list(x, path) := l if {
	l := get(x, path, [])
	is_array(l)
} else := []

# A `dynamic "<name>"` block: its content is decided at plan time.
has_dynamic(body, name) if get(body, ["dynamic", name], null) != null

# Terraform: no block of that name at all, static or dynamic.
no_block(body, name) if {
	unset(body, name)
	not has_dynamic(body, name)
}

# Terraform: the block's content cannot be read -- a `dynamic` block, or the argument holds
# an expression (`metadata_options = var.metadata_options`).
block_unknown(body, name) if has_dynamic(body, name)

block_unknown(body, name) if {
	not unset(body, name)
	count(blocks(body, name)) == 0
}

# The key is absent (or null, which Terraform treats as "use the default").
unset(body, key) if get(body, key, null) == null

# Literal booleans, also as the strings CloudFormation and HCL allow. Expressions
# ("${var.x}", {"Ref": ...}) are neither true nor false.
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) == "false"
}

# upper-cased string, undefined for anything else.
upper_str(s) := upper(s) if is_string(s)

# A CloudFormation intrinsic function or condition ({"Ref": ...}, {"Fn::If": [...]}): its
# value is only known at deploy time.
is_intrinsic(x) if {
	is_object(x)
	count(x) == 1
	some k, _ in x
	intrinsic_key(k)
}

intrinsic_key(k) if k in {"Ref", "Condition"}

intrinsic_key(k) if startswith(k, "Fn::")

# An object whose keys can be inspected (not an intrinsic standing for one).
known_object(x) if {
	is_object(x)
	not is_intrinsic(x)
}

# The CloudFormation resources of one type, by logical id. Resources whose whole Properties
# is an intrinsic (`Properties: !If [...]`) are left out: nothing about them is known.
cfn_resources(type) := {id: r |
	all := get(input.document, "Resources", {})
	is_object(all)
	some id, r in all
	is_object(r)
	r.Type == type
	not is_intrinsic(get(r, "Properties", {}))
}

# A CloudFormation resource's Properties ({} when absent or not an object).
cfn_properties(r) := p if {
	p := get(r, "Properties", {})
	is_object(p)
} else := {}
