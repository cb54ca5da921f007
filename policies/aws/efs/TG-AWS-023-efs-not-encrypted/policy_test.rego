package tollgate.aws.efs.efs_not_encrypted_test

import data.tollgate.aws.efs.efs_not_encrypted as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_efs_file_system": {
		"uploads": {"creation_token": "uploads"},
		"home": {"encrypted": false},
		"good": {"encrypted": true},
		"unknown": {"encrypted": "${var.encrypt}"},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_efs_file_system", "uploads"], ["resource", "aws_efs_file_system", "home", "encrypted"]}
}

test_terraform_good if {
	doc := {"resource": {"aws_efs_file_system": {"good": {"encrypted": true, "kms_key_id": "${aws_kms_key.efs.arn}"}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"Shared": {"Type": "AWS::EFS::FileSystem", "Properties": {"PerformanceMode": "generalPurpose"}},
		"Off": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": false}},
		"Good": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": true}},
		"Cond": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": {"Fn::If": ["Prod", true, false]}}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {["Resources", "Shared"], ["Resources", "Off", "Properties", "Encrypted"]}
}
