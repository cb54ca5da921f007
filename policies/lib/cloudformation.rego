# CloudFormation helpers over the parsed template (short tags are in long form: {"Ref": x}).
package lib.cloudformation

# The resources of one type, by logical id.
resources(type) := {name: r |
	some name, r in object.get(input.document, "Resources", {})
	r.Type == type
}

properties(r) := object.get(r, "Properties", {})
