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
