package tollgate.aws.kms.kms_key_rotation_disabled_test

import data.tollgate.aws.kms.kms_key_rotation_disabled as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_kms_key": {
		"app": {"description": "app data"},
		"logs": {"enable_key_rotation": false, "customer_master_key_spec": "SYMMETRIC_DEFAULT"},
		"good": {"enable_key_rotation": true},
		"signing": {"key_usage": "SIGN_VERIFY", "customer_master_key_spec": "RSA_4096"},
		"hmac": {"key_usage": "GENERATE_VERIFY_MAC", "key_spec": "HMAC_256"},
		"imported": {"origin": "EXTERNAL"},
		"hsm": {"custom_key_store_id": "${aws_kms_custom_key_store.hsm.id}"},
		"unknown_spec": {"customer_master_key_spec": "${var.key_spec}"},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_kms_key", "app"], ["resource", "aws_kms_key", "logs", "enable_key_rotation"]}
}

test_terraform_good if {
	doc := {"resource": {"aws_kms_key": {"good": {"enable_key_rotation": true, "rotation_period_in_days": 180}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"DataKey": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {}}},
		"Off": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": false}},
		"Good": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
		"Signer": {"Type": "AWS::KMS::Key", "Properties": {"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {["Resources", "DataKey"], ["Resources", "Off", "Properties", "EnableKeyRotation"]}
}
