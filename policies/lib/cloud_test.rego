package lib.cloud_test

import data.lib.cloud

keys := {"terraform": "aws_kms_key", "cloudformation": "AWS::KMS::Key"}

rotation := {"terraform": "enable_key_rotation", "cloudformation": "EnableKeyRotation"}

tf_input := {"kind": "terraform", "document": {"resource": {"aws_kms_key": {
	"off": {"enable_key_rotation": false},
	"quiet": {"description": "x"},
	"on": {"enable_key_rotation": "true"},
	"blank": {"enable_key_rotation": " "},
}}}}

cfn_input := {"kind": "cloudformation", "document": {"Resources": {
	"Off": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": "false"}},
	"Quiet": {"Type": "AWS::KMS::Key"},
	"Unknown": {"Type": "AWS::KMS::Key", "Properties": {"Fn::If": ["c", {}, {}]}},
	"Other": {"Type": "AWS::S3::Bucket", "Properties": {}},
}}}

test_resources_of_the_document_kind_only if {
	found := cloud.resources(keys) with input as tf_input
	{r.name | some r in found} == {"off", "quiet", "on", "blank"}
	every r in found {
		r.format == "terraform"
		r.at == ["resource", "aws_kms_key", r.name]
		r.body_at == r.at
	}
	# A resource whose whole Properties is an intrinsic is unknown, and other types are not asked for.
	cfn := cloud.resources(keys) with input as cfn_input
	{[r.name, r.body_at] | some r in cfn} == {["Off", ["Resources", "Off", "Properties"]], ["Quiet", ["Resources", "Quiet", "Properties"]]}
	none := cloud.resources({"terraform": "aws_kms_key"}) with input as cfn_input
	count(none) == 0
	not cloud.resources(keys) with input as {"kind": "kubernetes", "document": {}}
}

test_several_types if {
	doc := {"resource": {"aws_lb_listener": {"a": {}}, "aws_alb_listener": {"b": {}}}}
	found := cloud.resources({"terraform": ["aws_lb_listener", "aws_alb_listener"]}) with input as {"kind": "terraform", "document": doc}
	{[r.type, r.name] | some r in found} == {["aws_lb_listener", "a"], ["aws_alb_listener", "b"]}
}

test_switched_off if {
	offs := {r.name: cloud.switched_off(r, rotation) | some r in cloud.resources(keys)} with input as tf_input
	offs == {
		"off": {"why": "enable_key_rotation = false", "path": ["resource", "aws_kms_key", "off", "enable_key_rotation"], "written": true},
		"quiet": {"why": "enable_key_rotation is not set and defaults to false", "path": ["resource", "aws_kms_key", "quiet"], "written": false},
	}
	cfn := {r.name: cloud.switched_off(r, rotation) | some r in cloud.resources(keys)} with input as cfn_input
	cfn == {
		"Off": {"why": "EnableKeyRotation: false", "path": ["Resources", "Off", "Properties", "EnableKeyRotation"], "written": true},
		"Quiet": {"why": "EnableKeyRotation is not set and defaults to false", "path": ["Resources", "Quiet"], "written": false},
	}
}

test_missing if {
	found := {r.name: cloud.missing(r, rotation) | some r in cloud.resources(keys)} with input as tf_input
	found == {
		"quiet": {"why": "enable_key_rotation is not set", "path": ["resource", "aws_kms_key", "quiet"], "written": false},
		"blank": {"why": "enable_key_rotation is empty", "path": ["resource", "aws_kms_key", "blank", "enable_key_rotation"], "written": true},
	}
}

test_blocks if {
	env := {"terraform": "environment", "cloudformation": "Environment"}
	privileged := {"terraform": "privileged_mode", "cloudformation": "PrivilegedMode"}
	doc := {"resource": {"aws_codebuild_project": {"p": {"environment": [{"privileged_mode": true}]}}}}
	tf := {on.path | some r in cloud.resources({"terraform": "aws_codebuild_project"}); some b in cloud.blocks(r, env); on := cloud.set_true(b, privileged)} with input as {"kind": "terraform", "document": doc}
	tf == {["resource", "aws_codebuild_project", "p", "environment", 0, "privileged_mode"]}
	cfn_doc := {"Resources": {
		"P": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {"PrivilegedMode": "true"}}},
		"Q": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": "x"}},
	}}
	cfn := {[on.why, on.path] | some r in cloud.resources({"cloudformation": "AWS::CodeBuild::Project"}); some b in cloud.blocks(r, env); on := cloud.set_true(b, privileged)} with input as {"kind": "cloudformation", "document": cfn_doc}
	cfn == {["PrivilegedMode: true", ["Resources", "P", "Properties", "Environment", "PrivilegedMode"]]}
}

test_items if {
	listeners := {"terraform": "listener", "cloudformation": "Listeners"}
	doc := {"Resources": {"Lb": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"Listeners": [{"Protocol": "HTTP"}, "x", {"Fn::If": ["c", {}, {}]}]}}}}
	found := {l.at | some r in cloud.resources({"cloudformation": "AWS::ElasticLoadBalancing::LoadBalancer"}); some l in cloud.items(r, listeners)} with input as {"kind": "cloudformation", "document": doc}
	found == {["Resources", "Lb", "Properties", "Listeners", 0]}
	tf_doc := {"resource": {"aws_elb": {"lb": {"listener": [{"lb_protocol": "HTTP"}, {"lb_protocol": "HTTPS"}]}}}}
	tf := {l.at | some r in cloud.resources({"terraform": "aws_elb"}); some l in cloud.items(r, listeners)} with input as {"kind": "terraform", "document": tf_doc}
	tf == {["resource", "aws_elb", "lb", "listener", 0], ["resource", "aws_elb", "lb", "listener", 1]}
}
