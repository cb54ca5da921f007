package tollgate.aws.iam.policy_full_admin_test

import data.tollgate.aws.iam.policy_full_admin as p

st(path, extra) := object.union({
	"path": path, "effect": "Allow", "actions": ["*"], "not_actions": [], "resources": ["*"], "not_resources": [],
	"principals": null, "not_principals": null, "condition": null, "policy_type": "identity",
	"action_path": array.concat(path, ["Action"]), "resource_path": null, "principal_path": null, "origin": "aws_iam_policy.a",
}, extra)

run(doc, statements) := found if {
	found := p.deny with input as {"kind": "terraform", "document": doc, "facets": {"scripts": [], "images": [], "env": [], "ingress": [], "iam_statements": statements}}
}

test_admin_statements_blame_their_action if {
	run({}, [st(["resource", "aws_iam_policy", "a", "policy", "Statement", 0], {}), st(["x"], {"actions": ["s3:*", "*:*"], "origin": "o"})]) == {
		{"msg": "aws_iam_policy.a allows every action (\"*\") on every resource (\"*\")", "path": ["resource", "aws_iam_policy", "a", "policy", "Statement", 0, "Action"]},
		{"msg": "o allows every action (\"*\") on every resource (\"*\")", "path": ["x", "Action"]},
	}
}

test_scoped_denied_resource_and_boundary_statements_pass if {
	doc := {"resource": {"aws_iam_policy": {"boundary": {}}, "aws_iam_role": {"r": {"permissions_boundary": "${aws_iam_policy.boundary.arn}"}}}}
	count(run(doc, [
		st(["a"], {"actions": ["s3:*"]}),
		st(["b"], {"resources": ["arn:aws:s3:::b/*"]}),
		st(["c"], {"effect": "Deny"}),
		st(["d"], {"policy_type": "resource", "principals": {"AWS": ["arn:aws:iam::1:root"], "*": false}}),
		st(["resource", "aws_iam_policy", "boundary", "policy", "Statement", 0], {}),
	])) == 0
}
