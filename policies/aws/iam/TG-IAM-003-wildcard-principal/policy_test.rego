package tollgate.aws.iam.wildcard_principal_test

import data.tollgate.aws.iam.wildcard_principal as p

st(path, extra) := object.union({
	"path": path, "effect": "Allow", "actions": ["sts:AssumeRole"], "not_actions": [], "resources": [], "not_resources": [],
	"principals": {"AWS": ["*"], "Service": [], "Federated": [], "CanonicalUser": [], "*": true}, "not_principals": null,
	"condition": null, "policy_type": "trust", "action_path": null, "resource_path": null,
	"principal_path": array.concat(path, ["Principal"]), "origin": "o",
}, extra)

run(doc, statements) := found if {
	found := p.deny with input as {"kind": "terraform", "document": doc, "facets": {"scripts": [], "images": [], "env": [], "ingress": [], "iam_statements": statements}}
}

test_open_trust_and_queue_policies if {
	run({}, [
		st(["resource", "aws_iam_role", "r", "assume_role_policy", "Statement", 0], {}),
		st(["resource", "aws_sqs_queue_policy", "q", "policy", "Statement", 0], {"policy_type": "resource", "actions": ["sqs:SendMessage"]}),
	]) == {
		{"msg": "o lets any AWS principal assume the role (Principal \"*\" without a condition)", "path": ["resource", "aws_iam_role", "r", "assume_role_policy", "Statement", 0, "Principal"]},
		{"msg": "o allows anyone to sqs:SendMessage (Principal \"*\" without a condition)", "path": ["resource", "aws_sqs_queue_policy", "q", "policy", "Statement", 0, "Principal"]},
	}
}

test_data_source_blames_the_wildcard_principals_block if {
	doc := {
		"data": {"aws_iam_policy_document": {"d": {"statement": [{"principals": [{"type": "Service", "identifiers": ["sns.amazonaws.com"]}, {"type": "*", "identifiers": ["*"]}]}]}}},
		"resource": {"aws_sqs_queue_policy": {"q": {"policy": "${data.aws_iam_policy_document.d.json}"}}},
	}
	{v.path | some v in run(doc, [st(["data", "aws_iam_policy_document", "d", "statement", 0], {"policy_type": "resource", "actions": ["sqs:SendMessage"]})])} == {["data", "aws_iam_policy_document", "d", "statement", 0, "principals", 1]}
}

test_conditions_named_principals_denies_and_buckets_pass if {
	count(run({}, [
		st(["resource", "aws_iam_role", "a", "assume_role_policy", "Statement", 0], {"condition": {"StringEquals": {"sts:ExternalId": "x"}}}),
		st(["resource", "aws_iam_role", "b", "assume_role_policy", "Statement", 0], {"principals": {"AWS": ["arn:aws:iam::1:root"], "Service": [], "Federated": [], "CanonicalUser": [], "*": false}}),
		st(["resource", "aws_iam_role", "c", "assume_role_policy", "Statement", 0], {"effect": "Deny"}),
		# S3 bucket policies are TG-AWS-008's.
		st(["resource", "aws_s3_bucket_policy", "s", "policy", "Statement", 0], {"policy_type": "resource"}),
	])) == 0
}
