package tollgate.aws.s3.bucket_policy_public_test

import data.tollgate.aws.s3.bucket_policy_public as p

everyone := {"AWS": ["*"], "Service": [], "Federated": [], "CanonicalUser": [], "*": true}

st(path, extra) := object.union({
	"path": path, "effect": "Allow", "actions": ["s3:GetObject"], "not_actions": [], "resources": [], "not_resources": [],
	"principals": everyone, "not_principals": null, "condition": null, "policy_type": "resource",
	"action_path": null, "resource_path": null, "principal_path": array.concat(path, ["Principal"]), "origin": "o",
}, extra)

run(doc, statements) := found if {
	found := p.deny with input as {"kind": "terraform", "document": doc, "facets": {"scripts": [], "images": [], "env": [], "ingress": [], "iam_statements": statements}}
}

test_public_statements_of_one_node_are_one_finding if {
	run({}, [
		st(["resource", "aws_s3_bucket_policy", "site", "policy", "Statement", 0], {}),
		st(["resource", "aws_s3_bucket_policy", "site", "policy", "Statement", 1], {"effect": "Deny", "actions": ["s3:*"]}),
	]) == {{
		"msg": "o allows anyone (Principal \"*\") to s3:GetObject without a condition",
		"path": ["resource", "aws_s3_bucket_policy", "site", "policy", "Statement", 0, "Principal"],
	}}
}

test_data_source_used_by_a_bucket_policy if {
	doc := {
		"data": {"aws_iam_policy_document": {"site": {"statement": [{"principals": [{"type": "AWS", "identifiers": ["*"]}]}]}}},
		"resource": {"aws_s3_bucket_policy": {"site": {"policy": "${data.aws_iam_policy_document.site.json}"}}},
	}
	{v.path | some v in run(doc, [st(["data", "aws_iam_policy_document", "site", "statement", 0], {})])} == {["data", "aws_iam_policy_document", "site", "statement", 0, "principals", 0]}
}

test_conditions_named_principals_and_other_services_pass if {
	count(run({}, [
		st(["resource", "aws_s3_bucket_policy", "a", "policy", "Statement", 0], {"condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}),
		st(["resource", "aws_s3_bucket_policy", "b", "policy", "Statement", 0], {"principals": {"AWS": [], "Service": ["cloudfront.amazonaws.com"], "Federated": [], "CanonicalUser": [], "*": false}}),
		st(["resource", "aws_sqs_queue_policy", "q", "policy", "Statement", 0], {}),
	])) == 0
}
