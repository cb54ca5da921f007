package tollgate.aws.cloudtrail.cloudtrail_logging_disabled_test

import data.tollgate.aws.cloudtrail.cloudtrail_logging_disabled as p

test_terraform if {
	doc := {"resource": {"aws_cloudtrail": {
		"main": {"s3_bucket_name": "audit-logs"},
		"stopped": {"enable_logging": false},
		"on": {"enable_logging": true},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	{f.path | some f in found} == {["resource", "aws_cloudtrail", "stopped", "enable_logging"]}
}

test_cloudformation if {
	doc := {"Resources": {
		"On": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true}},
		"Off": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": false}},
		"Cond": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": {"Fn::If": ["Prod", true, false]}}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	{f.path | some f in found} == {["Resources", "Off", "Properties", "IsLogging"]}
}

test_good_is_silent if {
	doc := {"Resources": {"On": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": "true"}}}}
	count(p.deny) == 0 with input as {"kind": "cloudformation", "document": doc}
}
