package tollgate.aws.cloudtrail.cloudtrail_not_multi_region_test

import data.tollgate.aws.cloudtrail.cloudtrail_not_multi_region as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_cloudtrail": {
		"main": {"s3_bucket_name": "audit-logs"},
		"eu": {"is_multi_region_trail": false},
		"org": {"is_multi_region_trail": true, "is_organization_trail": true},
		"param": {"is_multi_region_trail": "${var.multi_region}"},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_cloudtrail", "main"], ["resource", "aws_cloudtrail", "eu", "is_multi_region_trail"]}
}

test_terraform_good if {
	doc := {"resource": {"aws_cloudtrail": {"org": {"is_multi_region_trail": true}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "S3BucketName": "b"}},
		"Off": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "IsMultiRegionTrail": "false"}},
		"Good": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "IsMultiRegionTrail": true}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {["Resources", "Trail"], ["Resources", "Off", "Properties", "IsMultiRegionTrail"]}
}
