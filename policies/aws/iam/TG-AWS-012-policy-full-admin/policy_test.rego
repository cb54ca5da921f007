package tollgate.aws.iam.policy_full_admin_test

import data.tollgate.aws.iam.policy_full_admin as p

admin_json := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`

test_terraform_heredoc_and_data_source if {
	doc := {
		"resource": {
			"aws_iam_policy": {"ops": {"name": "ops", "policy": json.unmarshal(admin_json)}},
			"aws_iam_role_policy": {"ci": {"role": "${aws_iam_role.ci.id}", "policy": json.unmarshal(`{"Statement": {"Effect": "Allow", "Action": ["s3:*", "*:*"], "Resource": ["*"]}}`)}},
		},
		"data": {"aws_iam_policy_document": {"deployer": {"statement": [
			{"actions": ["s3:GetObject"], "resources": ["*"]},
			{"actions": ["*"], "resources": ["*"]},
		]}}},
	}
	{v.path | some v in p.deny} == {
		["resource", "aws_iam_policy", "ops", "policy"],
		["resource", "aws_iam_role_policy", "ci", "policy"],
		["data", "aws_iam_policy_document", "deployer", "statement", 1, "actions"],
	} with input as {"kind": "terraform", "document": doc}
}

test_scoped_deny_boundary_and_resource_policies_pass if {
	doc := {
		"resource": {
			"aws_iam_policy": {
				"boundary": {"policy": json.unmarshal(admin_json)},
				"s3": {"policy": json.unmarshal(`{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`)},
				"deny_all": {"policy": json.unmarshal(`{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`)},
				"generated": {"policy": "${data.aws_iam_policy_document.x.json}"},
			},
			"aws_iam_role": {"app": {"permissions_boundary": "${aws_iam_policy.boundary.arn}"}},
		},
		"data": {"aws_iam_policy_document": {"key": {"statement": [{
			"actions": ["*"], "resources": ["*"],
			"principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::123456789012:root"]}],
		}]}}},
	}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"AdminRole": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [
			{"PolicyName": "read", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}},
			{"PolicyName": "admin", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": "*"}]}},
		]}},
		"Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}},
	}}
	{v.path | some v in p.deny} == {
		["Resources", "AdminRole", "Properties", "Policies", 1, "PolicyDocument", "Statement", 0, "Action"],
		["Resources", "Managed", "Properties", "PolicyDocument", "Statement", "Action"],
	} with input as {"kind": "cloudformation", "document": doc}
}

test_cloudformation_boundary_passes if {
	doc := {"Resources": {
		"Boundary": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}},
		"Role": {"Type": "AWS::IAM::Role", "Properties": {"PermissionsBoundary": {"Ref": "Boundary"}}},
	}}
	count(p.deny) == 0 with input as {"kind": "cloudformation", "document": doc}
}

test_jsonencode_policy if {
	# `policy = jsonencode({...})`, as the Terraform reader evaluates it.
	policy := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
	doc := {"resource": {"aws_iam_role_policy": {"ops": {"role": "${aws_iam_role.ops.id}", "policy": policy}}}}
	{v.path | some v in p.deny} == {["resource", "aws_iam_role_policy", "ops", "policy"]} with input as {"kind": "terraform", "document": doc}
}
