package tollgate.aws.ec2.imdsv1_allowed_test

import data.tollgate.aws.ec2.imdsv1_allowed as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {
		"aws_instance": {
			"bastion": {"ami": "ami-0abc", "instance_type": "t3.micro"},
			"web": {"metadata_options": [{"http_tokens": "optional"}]},
			"worker": {"metadata_options": [{"http_endpoint": "enabled", "http_put_response_hop_limit": 2}]},
			"good": {"metadata_options": [{"http_tokens": "required"}]},
			"off": {"metadata_options": [{"http_endpoint": "disabled", "http_tokens": "optional"}]},
			"from_lt": {"launch_template": [{"id": "${aws_launch_template.app.id}"}]},
			"unknown": {"metadata_options": [{"http_tokens": "${var.http_tokens}"}]},
		},
		"aws_launch_template": {"app": {"image_id": "ami-0abc"}},
	}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {
		["resource", "aws_instance", "bastion"],
		["resource", "aws_instance", "web", "metadata_options", 0, "http_tokens"],
		["resource", "aws_instance", "worker", "metadata_options", 0],
		["resource", "aws_launch_template", "app"],
	}
}

test_terraform_account_default if {
	doc := {"resource": {
		"aws_ec2_instance_metadata_defaults": {"this": {"http_tokens": "required"}},
		"aws_instance": {"bastion": {"ami": "ami-0abc"}, "web": {"metadata_options": [{"http_tokens": "optional"}]}},
	}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_instance", "web", "metadata_options", 0, "http_tokens"]}
}

test_terraform_good if {
	doc := {"resource": {"aws_launch_template": {"app": {"metadata_options": [{"http_endpoint": "enabled", "http_tokens": "required"}]}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"NoOpts": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": "ami-0abc"}}},
		"Optional": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "optional"}}}},
		"Good": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}}},
		"Lc": {"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": {"MetadataOptions": {"HttpPutResponseHopLimit": 1}}},
		"Instance": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-0abc"}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {
		["Resources", "NoOpts"],
		["Resources", "Optional", "Properties", "LaunchTemplateData", "MetadataOptions", "HttpTokens"],
		["Resources", "Lc", "Properties", "MetadataOptions"],
	}
}

test_terraform_dynamic_blocks_are_not_evidence if {
	doc := {"resource": {
		"aws_instance": {"mod": {"ami": "ami-0abc", "dynamic": {"metadata_options": [{"for_each": "${var.metadata_options}", "content": [{"http_tokens": "${metadata_options.value.http_tokens}"}]}]}}},
		"aws_launch_template": {"mod": {"dynamic": {"metadata_options": [{"for_each": "${local.metadata_options}", "content": [{}]}]}}},
	}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation_intrinsics_are_not_evidence if {
	doc := {"Resources": {
		"A": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"Fn::If": ["Prod", {}, {}]}}},
		"B": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": {"Fn::If": ["Prod", {"HttpTokens": "required"}, {"HttpTokens": "optional"}]}}}},
		"C": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": {"Ref": "Tokens"}}}}},
	}}
	count(p.deny) == 0 with input as {"kind": "cloudformation", "document": doc}
}

test_terraform_expression_block_is_not_evidence if {
	doc := {"resource": {"aws_instance": {"a": {"ami": "ami-0abc", "metadata_options": "${var.metadata_options}"}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}
