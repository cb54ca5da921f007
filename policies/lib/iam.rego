# IAM helpers over `input.facets.iam_statements` (every statement of every policy document in
# the file, normalised in Rust): which statements are identity grants, which document a
# statement belongs to, and what service a resource policy protects. The cross-resource
# questions -- is this aws_iam_policy a permissions boundary, is this data source an SCP --
# are answered by lib.aws over the raw document.
package lib.iam

import data.lib.aws

# An Allow statement of an identity policy (attached to users, groups and roles): no Principal,
# and not a permissions boundary or an Organizations policy, which only cap what others grant.
identity_grant(st) if {
	st.effect == "Allow"
	st.policy_type == "identity"
	st.principals == null
	st.not_principals == null
	not capping_document(st)
}

# The statements `identity_grant` holds for, computed once per document and shared by every
# IAM check (a function's result is not cached; a rule's is).
identity_grants := [st | some st in input.facets.iam_statements; identity_grant(st)]

capping_document(st) if {
	array.slice(st.path, 0, 2) == ["resource", "aws_iam_policy"]
	aws.tf_boundary_policy("aws_iam_policy", st.path[2])
}

capping_document(st) if {
	array.slice(st.path, 0, 2) == ["data", "aws_iam_policy_document"]
	aws.tf_non_identity_document(st.path[2])
}

capping_document(st) if {
	st.path[0] == "Resources"
	aws.cfn_boundary_policy(st.path[1])
}

# A Condition narrows the statement (an empty one does not).
conditioned(st) if {
	st.condition != null
	st.condition != {}
}

# The path of the document a statement belongs to: its path up to `Statement` (`statement` in
# a Terraform data source); a document given as JSON text blames the property holding it.
# (The index is found by a helper so that no body before the `else` iterates: regorus's
# bytecode VM skips an `else` after a loop that found nothing, see src/policy/vm_compat.rs.)
document(st) := array.slice(st.path, 0, i) if {
	i := statement_index(st)
} else := st.path

# The index of the first `Statement` segment of a statement's path.
statement_index(st) := min([i | some i, seg in st.path; seg in {"Statement", "statement"}])

# Where to blame a statement's actions: the Action node, else the statement.
action_path(st) := st.action_path if st.action_path != null else := st.path

# The service a resource or trust policy protects: "trust" (a role), "s3", "sqs", "sns",
# "kms"; for a Terraform data source, its consumers' (or its actions' prefix).
service(st) := "trust" if st.policy_type == "trust"

service(st) := s if {
	st.policy_type == "resource"
	st.path[0] == "resource"
	[s, _] := aws.resource_policy_attrs[st.path[1]]
}

service(st) := s if {
	st.policy_type == "resource"
	st.path[0] == "Resources"
	type := object.get(input.document, ["Resources", st.path[1], "Type"], null)
	[s, _] := aws.resource_policy_properties[type]
}

service(st) := s if {
	st.policy_type == "resource"
	array.slice(st.path, 0, 2) == ["data", "aws_iam_policy_document"]
	some s in aws.tf_document_services(st.path[2], st.actions)
}

# A standalone resource policy (`iam-policy` kind) names no resource type: its service is its
# actions' one prefix (`sqs` for a queue policy granting sqs:SendMessage).
service(st) := s if {
	st.policy_type == "resource"
	input.kind == "iam-policy"
	prefixes := {lower(split(a, ":")[0]) | some a in st.actions}
	count(prefixes) == 1
	some s in prefixes
}

# Allow statements of resource and trust policies open to every principal ("*" or
# {"AWS": "*"}) with no Condition that narrows who may call: [where to blame, service,
# statement].
public_statements contains [public_blame(st), svc, st] if {
	some st in input.facets.iam_statements
	st.effect == "Allow"
	st.principals["*"] == true
	not restricted(st)
	svc := service(st)
}

# A Condition that narrows a "*" principal to known callers: one of its keys names the caller's
# network, organisation, account or source resource with no wildcard that lets everyone back
# in. `aws:SecureTransport`, `aws:UserAgent`, a date, a negated operator (`StringNotEquals`:
# everyone else passes) or `...IfExists` (a caller without the key passes) do not.
restricted(st) if {
	is_object(st.condition)
	some op, entries in st.condition
	restricting_operator(op)
	is_object(entries)
	some key, values in entries
	list := aws.as_list(values)
	count(list) > 0
	every value in list {
		restricting_value(lower(key), value)
	}
}

# A `dynamic "condition"` block (Terraform): it may hold anything, so it is given the benefit.
restricted(st) if object.get(st, ["condition", "dynamic"], null) != null

restricting_operator(op) if {
	is_string(op)
	not contains(lower(op), "not")
	not endswith(lower(op), "ifexists")
	not lower(op) == "null"
}

# Keys whose value pins the caller: its VPC or endpoint, organisation, account, or the
# resource (and so the account) a service acts for.
caller_keys := {
	"aws:sourcevpce", "aws:sourcevpc", "aws:principalorgid", "aws:principalorgpaths",
	"aws:principalaccount", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths",
	"aws:sourceowner", "aws:userid", "kms:calleraccount", "sts:externalid",
	"s3:dataaccesspointaccount",
}

# ARN keys: restricting when the ARN's account is given (no wildcard in it).
arn_keys := {"aws:principalarn", "aws:sourcearn"}

# A value only known at deploy time (`${...}`, an intrinsic) may well pin the caller.
restricting_value(_, value) if not is_string(value)

restricting_value(_, value) if {
	is_string(value)
	contains(value, "${")
}

restricting_value(key, value) if {
	key in caller_keys
	is_string(value)
	not contains(value, "${")
	not regex.match(`^[*?]*$`, value)
}

restricting_value(key, value) if {
	key in arn_keys
	is_string(value)
	not contains(value, "${")
	parts := split(value, ":")
	count(parts) >= 5
	regex.match(`^[0-9]{12}$`, parts[4])
}

# A CloudFront distribution or other service ARN with no account field (`arn:aws:s3:::b`) is
# still one resource, unless it is a wildcard.
restricting_value("aws:sourcearn", value) if {
	is_string(value)
	parts := split(value, ":")
	count(parts) >= 6
	parts[4] == ""
	not contains(value, "*")
}

# aws:SourceIp / aws:VpcSourceIp: every range is narrower than the public internet.
restricting_value(key, value) if {
	key in {"aws:sourceip", "aws:vpcsourceip"}
	is_string(value)
	not contains(value, "${")
	not aws.public_cidr(value)
	regex.match(`^[0-9a-fA-F:.]+(/[0-9]{1,3})?$`, value)
}

# The condition keys a statement tests, for messages ("aws:SecureTransport").
condition_keys(st) := sort({key | some _, entries in st.condition; is_object(entries); some key, _ in entries}) if {
	is_object(st.condition)
} else := []

# A data source's statement blames its wildcard `principals` block; others their Principal.
public_blame(st) := array.concat(st.path, ["principals", j]) if {
	j := wildcard_principal_block(st)
} else := st.principal_path if st.principal_path != null else := st.path

# The index of the (first) `principals` block of a Terraform policy document statement that
# names every principal. (A helper, so that no body before the `else` above iterates: regorus's
# bytecode VM skips an `else` after a loop that found nothing, see src/policy/vm_compat.rs.)
wildcard_principal_block(st) := min([j |
	array.slice(st.path, 0, 2) == ["data", "aws_iam_policy_document"]
	blocks := object.get(input.document, array.concat(st.path, ["principals"]), [])
	some j, b in blocks
	aws.tf_wildcard_principal(b)
])

# How a public statement's Condition falls short, for messages: " without a condition", or
# "; its Condition on aws:SecureTransport does not narrow the caller".
condition_note(st) := sprintf("; its Condition on %s does not narrow the caller", [concat(", ", condition_keys(st))]) if {
	count(condition_keys(st)) > 0
} else := " without a condition"
