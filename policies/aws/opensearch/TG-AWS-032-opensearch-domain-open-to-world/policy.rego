# METADATA
# title: OpenSearch domain is open to the world
# description: >-
#   The OpenSearch (or Elasticsearch) domain has a public endpoint and its access policy allows
#   the principal "*" with no Condition restricting the caller, and fine-grained access control is
#   not enabled. Anyone on the internet can query, modify or delete the indices without
#   credentials; exposed search clusters are found by scanners within hours and are routinely
#   dumped or wiped for ransom.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-opensearchservice-domain.html
# custom:
#   id: TG-AWS-032
#   severity: critical
#   remediation: "Put the domain in a VPC (`vpc_options { subnet_ids = [...]  security_group_ids = [...] }`, CloudFormation `VPCOptions`), or restrict the access policy to specific IAM principals (`\"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:role/search-app\"}`) or add a `Condition` such as `IpAddress: {aws:SourceIp: [...]}`. If an open policy is intended, enable fine-grained access control (`advanced_security_options { enabled = true }`) with anonymous access disabled."
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::Elasticsearch::Domain
#     - resource:AWS::OpenSearchService::Domain
#     - resource:aws_elasticsearch_domain
#     - resource:aws_elasticsearch_domain_policy
#     - resource:aws_opensearch_domain
#     - resource:aws_opensearch_domain_policy
package tollgate.aws.opensearch.opensearch_domain_open_to_world

# An OpenSearch / Elasticsearch domain with a public endpoint whose access policy allows the
# anonymous principal "*" without any Condition (source IP, VPC endpoint) can be read,
# written and deleted by anyone on the internet, unauthenticated: the source of many mass
# data leaks and ransom-wipe campaigns. Domains inside a VPC (vpc_options / VPCOptions) and
# domains with fine-grained access control (which then authenticates every request itself;
# AWS recommends an open domain policy in that case) are not flagged.

import data.lib.cloud
import data.lib.guard
import data.lib.terraform as tf

# --- Policy document analysis (shared by both formats) -----------------------------------

# Statements with their index (-1 when Statement is a single object).
statements(doc) := [[i, s] | some i, s in doc.Statement] if is_array(doc.Statement)

statements(doc) := [[-1, doc.Statement]] if is_object(doc.Statement)

everyone(p) if p == "*"

everyone(p) if {
	is_object(p)
	anonymous(guard.get(p, "AWS", null))
}

anonymous(x) if x == "*"

anonymous(x) if {
	is_array(x)
	"*" in x
}

unconditioned(s) if guard.get(s, "Condition", null) == null

unconditioned(s) if {
	c := s.Condition
	is_object(c)
	count(c) == 0
}

# Indexes of the Allow statements open to everyone.
open_statements(doc) := {i |
	is_object(doc)
	some pair in statements(doc)
	[i, s] := pair
	is_object(s)
	guard.get(s, "Effect", "") == "Allow"
	everyone(guard.get(s, "Principal", null))
	unconditioned(s)
}

# A CloudFormation AccessPolicies given as a JSON string.
parse_policy(text) := doc if {
	is_string(text)
	not tf.is_expression(text)
	json.is_valid(text)
	doc := json.unmarshal(text)
}

# --- Terraform -------------------------------------------------------------------------------

# The reader turns JSON text, jsonencode({...}) and file(...) into an object; anything else
# (data.aws_iam_policy_document.x.json, ...) is an expression and not evidence.
tf_policy(p) := p if is_object(p)

tf_domain_types := {"aws_opensearch_domain", "aws_elasticsearch_domain"}

# Reachable from the internet and not authenticating requests itself.
tf_public_unprotected(domain) if {
	guard.no_block(domain, "vpc_options")
	not tf_maybe_fgac(domain)
	not guard.block_unknown(domain, "advanced_security_options")
}

# Fine-grained access control is (or may be: `enabled = var.x`) on, without anonymous access.
tf_maybe_fgac(domain) if {
	some opts in guard.blocks(domain, "advanced_security_options")
	not guard.is_false(guard.get(opts, "enabled", false))
	not guard.is_true(guard.get(opts, "anonymous_auth_enabled", false))
}

# --- CloudFormation ------------------------------------------------------------------------

cfn_domain_types := {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}

cfn_public_unprotected(props) if {
	guard.get(props, "VPCOptions", null) == null
	not cfn_maybe_fgac(props)
}

cfn_maybe_fgac(props) if guard.is_intrinsic(props.AdvancedSecurityOptions)

cfn_maybe_fgac(props) if {
	opts := props.AdvancedSecurityOptions
	guard.known_object(opts)
	not guard.is_false(guard.get(opts, "Enabled", false))
	not guard.is_true(guard.get(opts, "AnonymousAuthEnabled", false))
}

# --- Both formats ------------------------------------------------------------------------

domains := {"terraform": tf_domain_types, "cloudformation": cfn_domain_types}

access := {"terraform": "access_policies", "cloudformation": "AccessPolicies"}

# Every access policy, with the domain it governs, what to say, and where it lets anyone in:
# a domain's own (either format), and an aws_opensearch_domain_policy /
# aws_elasticsearch_domain_policy attached to a domain declared in this file.
access_policies contains {
	"domain": domain,
	"says": sprintf("Domain `%s` has a public endpoint and its access policy allows anyone (Principal \"*\", no Condition)", [domain.name]),
	"open": grants,
} if {
	some domain in cloud.resources(domains)
	grants := open_grants(domain)
}

access_policies contains {
	"domain": domain,
	"says": sprintf("Policy `%s` lets anyone (Principal \"*\", no Condition) access the public domain `%s`", [policy.name, parts[0][2]]),
	"open": {cloud.path_of(policy, access)},
} if {
	some policy in cloud.resources({"terraform": ["aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy"]})
	domain_name := guard.get(policy.body, "domain_name", null)
	is_string(domain_name)
	parts := regex.find_all_string_submatch_n(`^\$\{(aws_opensearch_domain|aws_elasticsearch_domain)\.([A-Za-z0-9_-]+)\.domain_name\}$`, domain_name, 1)
	count(parts) == 1
	target := tf.resources(parts[0][1])[parts[0][2]]
	domain := {"format": "terraform", "body": target}
	count(open_statements(tf_policy(policy.body.access_policies))) > 0
}

deny contains v if {
	some p in access_policies
	public_unprotected(p.domain)
	some path in p.open
	v := {
		"msg": p.says,
		"path": path,
	}
}

public_unprotected(domain) if {
	domain.format == "terraform"
	tf_public_unprotected(domain.body)
}

public_unprotected(domain) if {
	domain.format == "cloudformation"
	cfn_public_unprotected(domain.body)
}

# Where the access policy lets anyone in: the whole policy, or (a CloudFormation template
# object) each open statement's Principal.
open_grants(domain) := {cloud.path_of(domain, access)} if {
	domain.format == "terraform"
	count(open_statements(tf_policy(domain.body.access_policies))) > 0
}

open_grants(domain) := {array.concat(cloud.path_of(domain, access), statement_path(i)) | some i in open_statements(doc)} if {
	domain.format == "cloudformation"
	doc := domain.body.AccessPolicies
	is_object(doc)
}

# AccessPolicies given as a JSON string.
open_grants(domain) := {cloud.path_of(domain, access)} if {
	domain.format == "cloudformation"
	count(open_statements(parse_policy(domain.body.AccessPolicies))) > 0
}

statement_path(i) := ["Statement", i, "Principal"] if i >= 0

statement_path(i) := ["Statement", "Principal"] if i < 0
