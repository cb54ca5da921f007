package tollgate.aws.cloudtrail.cloudtrail_not_encrypted_with_kms_test

import data.tollgate.aws.cloudtrail.cloudtrail_not_encrypted_with_kms as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_cloudtrail": {
		"plain": {"s3_bucket_name": "audit-logs"},
		"empty": {"kms_key_id": ""},
		"good": {"kms_key_id": "${aws_kms_key.trail.arn}"},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_cloudtrail", "plain"], ["resource", "aws_cloudtrail", "empty", "kms_key_id"]}
}

test_cloudformation if {
	doc := {"Resources": {
		"Plain": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true}},
		"Empty": {"Type": "AWS::CloudTrail::Trail", "Properties": {"KMSKeyId": " "}},
		"Good": {"Type": "AWS::CloudTrail::Trail", "Properties": {"KMSKeyId": {"Ref": "TrailKey"}}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {["Resources", "Plain"], ["Resources", "Empty", "Properties", "KMSKeyId"]}
}
