package lib.iam_test

import data.lib.iam

st(path, extra) := object.union({
	"path": path, "effect": "Allow", "actions": ["*"], "not_actions": [], "resources": ["*"], "not_resources": [],
	"principals": null, "not_principals": null, "condition": null, "policy_type": "identity",
	"action_path": null, "resource_path": null, "principal_path": null, "origin": "o",
}, extra)

test_identity_grants_skip_boundaries_and_resource_statements if {
	doc := {"resource": {
		"aws_iam_policy": {"boundary": {"name": "b"}, "admin": {}},
		"aws_iam_role": {"app": {"permissions_boundary": "${aws_iam_policy.boundary.arn}"}},
	}}
	iam.identity_grant(st(["resource", "aws_iam_policy", "admin", "policy", "Statement", 0], {})) with input as {"kind": "terraform", "document": doc}
	not iam.identity_grant(st(["resource", "aws_iam_policy", "boundary", "policy", "Statement", 0], {})) with input as {"kind": "terraform", "document": doc}
	not iam.identity_grant(st(["x"], {"effect": "Deny"}))
	not iam.identity_grant(st(["x"], {"principals": {"AWS": [], "*": true}}))
}

test_documents_and_conditions if {
	iam.document(st(["resource", "aws_iam_policy", "a", "policy", "Statement", 0], {})) == ["resource", "aws_iam_policy", "a", "policy"]
	iam.document(st(["data", "aws_iam_policy_document", "d", "statement", 2], {})) == ["data", "aws_iam_policy_document", "d"]
	iam.document(st(["Resources", "P", "Properties", "PolicyDocument"], {})) == ["Resources", "P", "Properties", "PolicyDocument"]
	iam.conditioned(st(["x"], {"condition": {"Bool": {}}}))
	not iam.conditioned(st(["x"], {"condition": {}}))
}

test_services if {
	iam.service(st(["resource", "aws_sqs_queue_policy", "q", "policy", "Statement", 0], {"policy_type": "resource"})) == "sqs"
	iam.service(st(["resource", "aws_iam_role", "r", "assume_role_policy", "Statement", 0], {"policy_type": "trust"})) == "trust"
	iam.service(st(["Resources", "K", "Properties", "KeyPolicy", "Statement", 0], {"policy_type": "resource"})) == "kms" with input as {"document": {"Resources": {"K": {"Type": "AWS::KMS::Key"}}}}
	iam.service(st(["data", "aws_iam_policy_document", "d", "statement", 0], {"policy_type": "resource", "actions": ["sns:Publish"]})) == "sns" with input as {"document": {}}
}

test_restricting_conditions if {
	iam.restricted(st(["x"], {"condition": {"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"}}}))
	iam.restricted(st(["x"], {"condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-a1b2c3d4e5"]}}}))
	iam.restricted(st(["x"], {"condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.7"]}}}))
	iam.restricted(st(["x"], {"condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/*"}}}))
	iam.restricted(st(["x"], {"condition": {"ArnEquals": {"aws:SourceArn": "${aws_cloudfront_distribution.site.arn}"}}}))
	iam.restricted(st(["x"], {"condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}}))
	iam.restricted(st(["x"], {"condition": {"dynamic": true}}))
}

test_conditions_that_do_not_restrict if {
	not iam.restricted(st(["x"], {"condition": {"Bool": {"aws:SecureTransport": "true"}}}))
	not iam.restricted(st(["x"], {"condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/x"}}}))
	not iam.restricted(st(["x"], {"condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "0.0.0.0/0"]}}}))
	not iam.restricted(st(["x"], {"condition": {"IpAddress": {"aws:SourceIp": "1.2.3.4/5"}}}))
	not iam.restricted(st(["x"], {"condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}))
	not iam.restricted(st(["x"], {"condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}}))
	not iam.restricted(st(["x"], {"condition": {"StringLike": {"aws:SourceAccount": "*"}}}))
	iam.condition_note(st(["x"], {"condition": {"Bool": {"aws:SecureTransport": "true"}}})) == "; its Condition on aws:SecureTransport does not narrow the caller"
	iam.condition_note(st(["x"], {})) == " without a condition"
}
