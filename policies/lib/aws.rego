# AWS helpers shared by the EC2 network, S3 and IAM policies: which protocols and ports a
# security-group / network-ACL rule opens, literal-value guards (unresolved expressions are
# never evidence), and the cross-resource questions about IAM policy documents that their
# statements alone cannot answer: is an aws_iam_policy a permissions boundary, is a data
# source an SCP, which service does a data source's policy protect. The statements themselves
# come from `input.facets.iam_statements` (see lib.iam).
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
} else := sprintf("%d restricted ports, including %s", [count(ports), net.describe_all(array.slice(net.ordered(ports), 0, 3))]) if {
	count(ports) > 4
} else := net.describe_all(ports)

# describe_exposure, naming a TCP/UDP rule over every port (0-65535, or -1) "all TCP ports".
describe_range(from, to, ports, protocol) := sprintf("all %s ports (0-65535, including %s)", [upper(protocol_name(protocol_label(protocol))), net.describe_all(array.slice(net.ordered(ports), 0, 3))]) if {
	not all_protocols(protocol)
	port_protocol(protocol)
	every_port(from, to)
} else := describe_exposure(ports, protocol)

protocol_label(p) := "tcp" if protocol_name(p) in {"tcp", "6"}

protocol_label(p) := "udp" if protocol_name(p) in {"udp", "17"}

# 0-65535, or AWS's -1 for "every port".
every_port(from, _) if {
	literal_port(from)
	to_number(from) == -1
}

every_port(from, to) if {
	literal_port(from)
	literal_port(to)
	to_number(from) <= 0
	to_number(to) in {-1, 65535}
}

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

# principals { type = "*" identifiers = ["*"] } or { type = "AWS" identifiers = ["*"] }.
tf_wildcard_principal(p) if p.type == "*"

tf_wildcard_principal(p) if {
	p.type == "AWS"
	"*" in as_list(object.get(p, "identifiers", []))
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
	"aws_kms_key_policy": ["kms", "policy"],
	"aws_ecr_repository_policy": ["ecr", "policy"],
	"aws_secretsmanager_secret_policy": ["secretsmanager", "policy"],
	"aws_secretsmanager_secret": ["secretsmanager", "policy"],
}

resource_policy_properties := {
	"AWS::S3::BucketPolicy": ["s3", "PolicyDocument"],
	"AWS::IAM::Role": ["trust", "AssumeRolePolicyDocument"],
	"AWS::SQS::QueuePolicy": ["sqs", "PolicyDocument"],
	"AWS::SNS::TopicPolicy": ["sns", "PolicyDocument"],
	"AWS::KMS::Key": ["kms", "KeyPolicy"],
	"AWS::ECR::Repository": ["ecr", "RepositoryPolicyText"],
	"AWS::SecretsManager::ResourcePolicy": ["secretsmanager", "ResourcePolicy"],
}

# How a data source's consumers (or, with none in this file, its actions' service prefix)
# tell what kind of resource policy it is.
tf_consumer_services := {type: s | some type, [s, _] in resource_policy_attrs}

action_prefix_services := {"s3": "s3", "sts": "trust", "sqs": "sqs", "sns": "sns", "kms": "kms", "ecr": "ecr", "secretsmanager": "secretsmanager"}

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