# AWS helpers shared by the EC2 network, S3 and IAM policies: which protocols and ports a
# security-group / network-ACL rule opens, literal-value guards (unresolved expressions are
# never evidence), and IAM policy documents in all their forms -- objects in Terraform (the
# reader evaluates heredoc JSON, jsonencode({...}) and file(...)), objects or JSON strings in
# CloudFormation, and `aws_iam_policy_document` data sources -- normalised into statements so
# each policy only states its condition.
package lib.aws

import data.lib.guard
import data.lib.guard.blocks
import data.lib.guard.cfn_properties
import data.lib.guard.cfn_resources
import data.lib.net
import data.lib.terraform as tf

# ---------------------------------------------------------------------------------------
# Generic
# ---------------------------------------------------------------------------------------

# A scalar or a list, as a list (IAM's Action/Resource/Principal values may be either).
as_list(x) := x if {
	is_array(x)
} else := [] if {
	x == null
} else := [x]

# Every resource of the template, whatever its type ({} for a malformed Resources).
cfn_all_resources := r if {
	r := guard.get(input.document, "Resources", {})
	is_object(r)
} else := {}

# A Terraform/CloudFormation literal string (not an unresolved "${...}" expression).
literal_string(v) if {
	is_string(v)
	not startswith(trim_space(v), "${")
}

# Does the Terraform value (any shape) reference the address `addr` ("aws_s3_bucket.logs",
# "data.aws_iam_policy_document.public"), e.g. "${aws_s3_bucket.logs.id}" or
# "${aws_s3_bucket.logs[0].arn}"? A longer name with the same prefix does not count.
# The address is found as plain text, never built into a regex: a resource may be named
# `a(b` or `.*` (a label is any string), which as a pattern fails or matches everything.
references(value, addr) if {
	parts := split(json.marshal(value), addr)
	some k, after in parts
	k > 0
	not regex.match(`[.\w-]$`, parts[k - 1])
	not regex.match(`^[\w-]`, after)
}

# The addresses (`aws_s3_bucket.logs`) a Terraform value references, read from its text with
# one fixed pattern in one pass (ASCII classes: Terraform identifiers are ASCII, and Unicode
# `\w` compiles past regorus's regex size limit). Computed once per resource and looked up as a set, this keeps
# "which configuration names which bucket" linear where calling `references` for every pair
# of bucket and configuration was quadratic (cubic with the "names no bucket" check).
referenced_addresses(value) := {sprintf("%s.%s", [m[1], m[2]]) |
	some m in regex.find_all_string_submatch_n(`(?:^|[^.A-Za-z0-9_-])([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)`, json.marshal(value), -1)
}

# Every resource of the Terraform file, by type ({} for a malformed `resource`).
tf_all_resources := r if {
	r := object.get(input.document, "resource", {})
	is_object(r)
} else := {}

# The resource types (in this file) whose body references `addr`.
referencing_types(addr) := {type |
	some type, rs in tf_all_resources
	is_object(rs)
	some _, body in rs
	references(body, addr)
}

# ---------------------------------------------------------------------------------------
# Network: security groups and network ACLs
# ---------------------------------------------------------------------------------------

# A literal port number (a number or a numeric string).
literal_port(p) if is_number(p)

literal_port(p) if {
	is_string(p)
	regex.match(`^\s*-?[0-9]+\s*$`, p)
}

protocol_name(p) := lower(trim_space(sprintf("%v", [p])))

# "-1" / "all": every protocol and so every port.
all_protocols(p) if protocol_name(p) in net.all_protocols

# TCP and UDP, by name or IP protocol number. ICMP rules use the port fields for type and
# code, and other IP protocols (ESP, GRE, ...) have no ports at all: neither exposes a port.
port_protocol(p) if protocol_name(p) in {"tcp", "udp", "6", "17"}

# The restricted ports (lib.net) a rule opens: every one for "all protocols", those in
# [from, to] for TCP/UDP with literal bounds, none otherwise.
exposed_ports(from, to, protocol) := net.restricted_in_range(0, 0, "-1") if {
	all_protocols(protocol)
} else := net.restricted_in_range(from, to, "tcp") if {
	port_protocol(protocol)
	literal_port(from)
	literal_port(to)
} else := set()

# "SSH (22), RDP (3389)" for a few ports; a summary when a rule opens many (or everything).
describe_exposure(ports, protocol) := "all traffic (every protocol and port)" if {
	all_protocols(protocol)
} else := sprintf("%d restricted ports, including %s", [count(ports), net.describe_all({p | some p in array.slice(sort(ports), 0, 3)})]) if {
	count(ports) > 4
} else := net.describe_all(ports)

# A literal CIDR that is the whole internet (or close enough, see lib.net.is_public).
public_cidr(c) if {
	literal_string(c)
	regex.match(`^\s*(?i:[0-9a-f:.]+/[0-9]{1,3}|\*|any|internet)\s*$`, c)
	net.is_public(c)
}

# The public CIDRs in a value that may be a list (Terraform cidr_blocks) or a single string.
public_cidrs(v) := {c | some c in as_list(v); public_cidr(c)}

# ---------------------------------------------------------------------------------------
# IAM policy documents
# ---------------------------------------------------------------------------------------

# A policy given as JSON text in CloudFormation (a PolicyDocument may be a JSON string there),
# parsed. Terraform never needs this: its reader turns heredoc/quoted JSON, jsonencode({...})
# and file("x.json") on policy attributes into values, with a region per node.
json_policy(s) := doc if {
	literal_string(s)
	json.is_valid(s)
	doc := json.unmarshal(s)
	is_object(doc)
}

# A Terraform policy argument as the reader left it: an object when it was JSON text,
# jsonencode({...}) or file(...); anything else (an expression such as
# data.aws_iam_policy_document.x.json) is not a document.
tf_policy(s) := s if is_object(s)

# A CloudFormation policy document: an object, or a JSON string.
cfn_policy(d) := d if {
	is_object(d)
} else := json_policy(d)

# [path suffix, statement] for each statement; Statement may be one object or an array.
statements(doc) := {[["Statement", i], s] | some i, s in doc.Statement; is_object(s)} if {
	is_array(doc.Statement)
} else := {[["Statement"], doc.Statement]} if {
	is_object(doc.Statement)
} else := set()

# These return true/false (never undefined) so they can also fill normalised fields.
allows(s) := true if {
	is_string(s.Effect)
	lower(s.Effect) == "allow"
} else := false

has_condition(s) := true if {
	c := object.get(s, "Condition", null)
	c != null
	c != {}
} else := false

# "*", {"AWS": "*"} or {"AWS": [..., "*"]}: every principal in every AWS account.
wildcard_principal(p) if p == "*"

wildcard_principal(p) if {
	is_object(p)
	some v in as_list(object.get(p, "AWS", []))
	v == "*"
}

# Terraform data-source statements: effect defaults to Allow.
tf_allows(s) := true if {
	e := object.get(s, "effect", "Allow")
	is_string(e)
	lower(e) == "allow"
} else := false

# A `dynamic "condition"` block may add conditions we cannot see: counted as one.
tf_has_condition(s) := true if {
	count(blocks(s, "condition")) > 0
} else := true if {
	object.get(s, ["dynamic", "condition"], null) != null
} else := false

# principals { type = "*" identifiers = ["*"] } or { type = "AWS" identifiers = ["*"] }.
tf_wildcard_principal(p) if p.type == "*"

tf_wildcard_principal(p) if {
	p.type == "AWS"
	"*" in as_list(object.get(p, "identifiers", []))
}

policy_documents := d if {
	d := guard.get(input.document, ["data", "aws_iam_policy_document"], {})
	is_object(d)
} else := {}

strings(xs) := [x | some x in xs; is_string(x)]

# Identity policies (attached to users, groups and roles) whose JSON Terraform holds inline.
tf_identity_policy_attrs contains [["resource", type, name, "policy"], sprintf("%s `%s`", [type, name]), policy] if {
	some type in ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]
	some name, r in tf.resources(type)
	# Bound in the body: regorus errors (instead of staying undefined) on a missing key in a head.
	policy := r.policy
	not tf_boundary_policy(type, name)
}

tf_identity_policy_attrs contains [["resource", "aws_iam_role", name, "inline_policy", i, "policy"], sprintf("aws_iam_role `%s` inline policy", [name]), policy] if {
	some name, r in tf.resources("aws_iam_role")
	some i, b in blocks(r, "inline_policy")
	policy := b.policy
}

# An aws_iam_policy used as a permissions boundary: it only caps what other policies grant,
# so "Allow * on *" in a boundary is the normal pattern, not an admin grant. Known as one when
# a role or user in the file uses it as permissions_boundary, or when it says so in its name
# (boundaries are often defined in one module and attached in another).
tf_boundary_policy("aws_iam_policy", name) if {
	some type in ["aws_iam_role", "aws_iam_user"]
	some _, r in tf.resources(type)
	references(object.get(r, "permissions_boundary", ""), sprintf("aws_iam_policy.%s", [name]))
}

tf_boundary_policy("aws_iam_policy", name) if {
	r := tf.resources("aws_iam_policy")[name]
	is_object(r)
	some n in [name, object.get(r, "name", ""), object.get(r, "name_prefix", "")]
	is_string(n)
	contains(lower(n), "boundary")
}

# Data sources that are not identity policies although their statements have no principal:
# the document of a permissions boundary, or of an Organizations policy (an SCP's
# "Allow * on *" is AWS's default FullAWSAccess, not a grant).
tf_non_identity_document(name) if {
	some pname, p in tf.resources("aws_iam_policy")
	tf_boundary_policy("aws_iam_policy", pname)
	references(object.get(p, "policy", ""), sprintf("data.aws_iam_policy_document.%s", [name]))
}

tf_non_identity_document(name) if {
	"aws_organizations_policy" in referencing_types(sprintf("data.aws_iam_policy_document.%s", [name]))
}

cfn_boundary_policy(id) if {
	some _, r in cfn_all_resources
	r.Type in {"AWS::IAM::Role", "AWS::IAM::User"}
	object.get(r, ["Properties", "PermissionsBoundary"], null) == {"Ref": id}
}

cfn_boundary_policy(id) if {
	r := cfn_all_resources[id]
	r.Type == "AWS::IAM::ManagedPolicy"
	some n in [id, object.get(r, ["Properties", "ManagedPolicyName"], "")]
	is_string(n)
	contains(lower(n), "boundary")
}

# Identity-policy documents in a CloudFormation template: [path, label, document].
cfn_identity_documents contains [["Resources", id, "Properties", "PolicyDocument"], sprintf("%s `%s`", [r.Type, id]), r.Properties.PolicyDocument] if {
	some id, r in cfn_all_resources
	r.Type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"}
	not cfn_boundary_policy(id)
}

cfn_identity_documents contains [["Resources", id, "Properties", "Policies", i, "PolicyDocument"], sprintf("%s `%s` policy `%v`", [r.Type, id, object.get(p, "PolicyName", i)]), p.PolicyDocument] if {
	some id, r in cfn_all_resources
	r.Type in {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some i, p in blocks(cfn_properties(r), "Policies")
}

# Every statement of every identity policy in the document, normalised:
#   {"doc": id of its document, "label": where, for messages, "path": what to blame,
#    "allow": bool, "condition": bool, "actions": [...], "resources": [...]}
# Terraform policies blame the `policy` attribute (as they did when they were strings);
# CloudFormation and data sources blame the statement's Action / actions. Statements with a
# Principal are resource policies, not identity policies, and are left out.
identity_statements contains st if {
	input.kind == "terraform"
	some [path, label, value] in tf_identity_policy_attrs
	doc := tf_policy(value)
	some [_, s] in statements(doc)
	not s.Principal
	not s.NotPrincipal
	st := json_statement(s, path, label, path)
}

identity_statements contains st if {
	input.kind == "cloudformation"
	some [path, label, value] in cfn_identity_documents
	is_object(value)
	some [suffix, s] in statements(value)
	not s.Principal
	not s.NotPrincipal
	st := json_statement(s, path, label, array.concat(array.concat(path, suffix), ["Action"]))
}

identity_statements contains st if {
	input.kind == "cloudformation"
	some [path, label, value] in cfn_identity_documents
	is_string(value)
	doc := json_policy(value)
	some [_, s] in statements(doc)
	not s.Principal
	not s.NotPrincipal
	st := json_statement(s, path, label, path)
}

identity_statements contains st if {
	input.kind == "terraform"
	some name, d in policy_documents
	not tf_non_identity_document(name)
	some i, s in blocks(d, "statement")
	count(blocks(s, "principals")) == 0
	count(blocks(s, "not_principals")) == 0
	st := {
		"doc": ["data", "aws_iam_policy_document", name],
		"label": sprintf("aws_iam_policy_document `%s`", [name]),
		"path": ["data", "aws_iam_policy_document", name, "statement", i, "actions"],
		"allow": tf_allows(s),
		"condition": tf_has_condition(s),
		"actions": strings(as_list(object.get(s, "actions", []))),
		"resources": strings(as_list(object.get(s, "resources", []))),
	}
}

json_statement(s, doc, label, blame) := {
	"doc": doc,
	"label": label,
	"path": blame,
	"allow": allows(s),
	"condition": has_condition(s),
	"actions": strings(as_list(object.get(s, "Action", []))),
	"resources": strings(as_list(object.get(s, "Resource", []))),
}

# Resource policies (who may use a bucket, queue, topic or key; who may assume a role) in
# their Terraform JSON-string and CloudFormation forms: [service, path, label, document].
resource_policy_attrs := {
	"aws_s3_bucket_policy": ["s3", "policy"],
	"aws_s3_bucket": ["s3", "policy"],
	"aws_iam_role": ["trust", "assume_role_policy"],
	"aws_sqs_queue_policy": ["sqs", "policy"],
	"aws_sqs_queue": ["sqs", "policy"],
	"aws_sns_topic_policy": ["sns", "policy"],
	"aws_sns_topic": ["sns", "policy"],
	"aws_kms_key": ["kms", "policy"],
}

resource_policy_properties := {
	"AWS::S3::BucketPolicy": ["s3", "PolicyDocument"],
	"AWS::IAM::Role": ["trust", "AssumeRolePolicyDocument"],
	"AWS::SQS::QueuePolicy": ["sqs", "PolicyDocument"],
	"AWS::SNS::TopicPolicy": ["sns", "PolicyDocument"],
	"AWS::KMS::Key": ["kms", "KeyPolicy"],
}

# How a data source's consumers (or, with none in this file, its actions' service prefix)
# tell what kind of resource policy it is.
tf_consumer_services := {type: s | some type, [s, _] in resource_policy_attrs}

action_prefix_services := {"s3": "s3", "sts": "trust", "sqs": "sqs", "sns": "sns", "kms": "kms"}

tf_document_services(name, actions) := {s |
	some type in referencing_types(sprintf("data.aws_iam_policy_document.%s", [name]))
	s := tf_consumer_services[type]
} if {
	count(referencing_types(sprintf("data.aws_iam_policy_document.%s", [name]))) > 0
} else := {s |
	prefixes := {lower(split(a, ":")[0]) | some a in actions}
	count(prefixes) == 1
	some p in prefixes
	s := action_prefix_services[p]
}

# Statements that let anyone at all in: Allow, a wildcard principal, and no Condition to
# narrow it (source account/VPC/org conditions are how such policies are made safe):
#   {"service": "s3"|"trust"|"sqs"|"sns"|"kms", "label", "path" (the principal, or the
#    Terraform policy attribute), "actions": [...]}
public_statements contains st if {
	input.kind == "terraform"
	some type, [service, attr] in resource_policy_attrs
	some name, r in tf.resources(type)
	is_object(r)
	doc := tf_policy(object.get(r, attr, null))
	some [_, s] in statements(doc)
	allows(s)
	not has_condition(s)
	wildcard_principal(s.Principal)
	st := {
		"service": service,
		"label": sprintf("%s `%s`", [type, name]),
		"path": ["resource", type, name, attr],
		"actions": strings(as_list(object.get(s, "Action", []))),
	}
}

public_statements contains st if {
	input.kind == "cloudformation"
	some id, r in cfn_all_resources
	[service, prop] := resource_policy_properties[r.Type]
	value := object.get(r, ["Properties", prop], null)
	doc := cfn_policy(value)
	some [suffix, s] in statements(doc)
	allows(s)
	not has_condition(s)
	wildcard_principal(s.Principal)
	base := ["Resources", id, "Properties", prop]
	st := {
		"service": service,
		"label": sprintf("%s `%s`", [r.Type, id]),
		"path": cfn_statement_path(value, base, suffix, "Principal"),
		"actions": strings(as_list(object.get(s, "Action", []))),
	}
}

public_statements contains st if {
	input.kind == "terraform"
	some name, d in policy_documents
	some i, s in blocks(d, "statement")
	tf_allows(s)
	not tf_has_condition(s)
	some j, p in blocks(s, "principals")
	tf_wildcard_principal(p)
	actions := strings(as_list(object.get(s, "actions", [])))
	some service in tf_document_services(name, actions)
	st := {
		"service": service,
		"label": sprintf("aws_iam_policy_document `%s`", [name]),
		"path": ["data", "aws_iam_policy_document", name, "statement", i, "principals", j],
		"actions": actions,
	}
}

# Inside an object document, blame the statement's field; a JSON string has no inner
# positions, so blame the property holding it.
cfn_statement_path(value, base, suffix, field) := array.concat(array.concat(base, suffix), [field]) if {
	is_object(value)
} else := base
