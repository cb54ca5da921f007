package tollgate.aws.cloudtrail.cloudtrail_log_file_validation_disabled_test

import data.tollgate.aws.cloudtrail.cloudtrail_log_file_validation_disabled as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_cloudtrail": {
		"main": {"s3_bucket_name": "audit-logs"},
		"off": {"enable_log_file_validation": false},
		"good": {"enable_log_file_validation": true},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_cloudtrail", "main"], ["resource", "aws_cloudtrail", "off", "enable_log_file_validation"]}
}

test_terraform_good if {
	doc := {"resource": {"aws_cloudtrail": {"good": {"enable_log_file_validation": true}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true}},
		"Off": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "EnableLogFileValidation": false}},
		"Good": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "EnableLogFileValidation": "true"}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {["Resources", "Trail"], ["Resources", "Off", "Properties", "EnableLogFileValidation"]}
}
