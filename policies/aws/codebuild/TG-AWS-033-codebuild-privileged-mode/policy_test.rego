package tollgate.aws.codebuild.codebuild_privileged_mode_test

import data.tollgate.aws.codebuild.codebuild_privileged_mode as p

test_terraform if {
	doc := {"resource": {"aws_codebuild_project": {
		"images": {"environment": [{"compute_type": "BUILD_GENERAL1_SMALL", "privileged_mode": true}]},
		"tests": {"environment": [{"compute_type": "BUILD_GENERAL1_SMALL", "privileged_mode": false}]},
		"lint": {"environment": [{"compute_type": "BUILD_GENERAL1_SMALL"}]},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	{f.path | some f in found} == {["resource", "aws_codebuild_project", "images", "environment", 0, "privileged_mode"]}
}

test_cloudformation if {
	doc := {"Resources": {
		"Images": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {"Type": "LINUX_CONTAINER", "PrivilegedMode": true}}},
		"Tests": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {"Type": "LINUX_CONTAINER"}}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	{f.path | some f in found} == {["Resources", "Images", "Properties", "Environment", "PrivilegedMode"]}
}

test_good_is_silent if {
	doc := {"Resources": {"Tests": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {"PrivilegedMode": false}}}}}
	count(p.deny) == 0 with input as {"kind": "cloudformation", "document": doc}
}
