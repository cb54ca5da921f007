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
		["resource", "aws_instance", "web", "root_block_device", 0],
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
		["Resources", "Web", "Properties", "BlockDeviceMappings", 0, "Ebs"],
		["Resources", "Web", "Properties", "BlockDeviceMappings", 1, "Ebs", "Encrypted"],
	}
}

test_block_devices_without_encrypted if {
	doc := {"resource": {
		"aws_launch_configuration": {"lc": {"root_block_device": [{"volume_size": 8}], "ebs_block_device": [{"snapshot_id": "snap-1"}]}},
		"aws_launch_template": {"lt": {"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"encrypted": true}]}]}},
		"aws_ebs_encryption_by_default": {"off": {"enabled": false}},
	}}
	{v.path | some v in p.deny} == {
		["resource", "aws_launch_configuration", "lc", "root_block_device", 0],
		["resource", "aws_ebs_encryption_by_default", "off", "enabled"],
	} with input as {"kind": "terraform", "document": doc}
}

test_account_default_covers_unset_block_devices if {
	doc := {"resource": {
		"aws_instance": {"i": {"root_block_device": [{"volume_size": 8}]}},
		"aws_ebs_encryption_by_default": {"on": {"enabled": true}},
	}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation_mapping_without_encrypted if {
	doc := {"Resources": {"I": {"Type": "AWS::EC2::Instance", "Properties": {"BlockDeviceMappings": [
		{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8}},
		{"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"},
		{"DeviceName": "/dev/sdc", "Ebs": {"Encrypted": true}},
	]}}}}
	{v.path | some v in p.deny} == {["Resources", "I", "Properties", "BlockDeviceMappings", 0, "Ebs"]} with input as {"kind": "cloudformation", "document": doc}
}
