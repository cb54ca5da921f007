package tollgate.aws.ec2.ebs_not_encrypted_test

import data.tollgate.aws.ec2.ebs_not_encrypted as p

paths(found) := {f.path | some f in found}

test_terraform_volumes if {
	doc := {"resource": {"aws_ebs_volume": {
		"logs": {"size": 100},
		"data": {"size": 500, "encrypted": false},
		"ok": {"size": 20, "encrypted": true},
		"restored": {"snapshot_id": "snap-0123456789abcdef0"},
		"cmk": {"kms_key_id": "${aws_kms_key.ebs.arn}"},
		"unknown": {"encrypted": "${var.encrypted}"},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_ebs_volume", "logs"], ["resource", "aws_ebs_volume", "data", "encrypted"]}
}

test_terraform_account_default_encryption if {
	doc := {"resource": {
		"aws_ebs_encryption_by_default": {"this": {"enabled": true}},
		"aws_ebs_volume": {"logs": {"size": 100}, "data": {"encrypted": false}},
	}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_ebs_volume", "data", "encrypted"]}
}

test_terraform_instance_block_devices if {
	doc := {"resource": {
		"aws_instance": {"web": {
			"root_block_device": [{"volume_size": 30}],
			"ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": true}, {"device_name": "/dev/sdg", "encrypted": false}],
		}},
		"aws_launch_template": {"app": {"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"encrypted": "false"}]}]}},
	}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {
		["resource", "aws_instance", "web", "ebs_block_device", 1, "encrypted"],
		["resource", "aws_launch_template", "app", "block_device_mappings", 0, "ebs", 0, "encrypted"],
	}
}

test_cloudformation if {
	doc := {"Resources": {
		"Logs": {"Type": "AWS::EC2::Volume", "Properties": {"Size": 100, "AvailabilityZone": "eu-west-1a"}},
		"Data": {"Type": "AWS::EC2::Volume", "Properties": {"Size": 100, "Encrypted": "false"}},
		"Good": {"Type": "AWS::EC2::Volume", "Properties": {"Size": 100, "Encrypted": true}},
		"Param": {"Type": "AWS::EC2::Volume", "Properties": {"Encrypted": {"Ref": "Encrypt"}}},
		"Web": {"Type": "AWS::EC2::Instance", "Properties": {"BlockDeviceMappings": [
			{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30}},
			{"DeviceName": "/dev/sdf", "Ebs": {"Encrypted": false}},
		]}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {
		["Resources", "Logs"],
		["Resources", "Data", "Properties", "Encrypted"],
		["Resources", "Web", "Properties", "BlockDeviceMappings", 1, "Ebs", "Encrypted"],
	}
}
