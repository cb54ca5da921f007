package tollgate.aws.cloudtrail.cloudtrail_no_cloudwatch_logs_test

import data.tollgate.aws.cloudtrail.cloudtrail_no_cloudwatch_logs as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_cloudtrail": {
		"s3_only": {"s3_bucket_name": "audit-logs"},
		"empty": {"cloud_watch_logs_group_arn": ""},
		"good": {"cloud_watch_logs_group_arn": "${aws_cloudwatch_log_group.trail.arn}:*"},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_cloudtrail", "s3_only"], ["resource", "aws_cloudtrail", "empty", "cloud_watch_logs_group_arn"]}
}

test_cloudformation if {
	doc := {"Resources": {
		"S3Only": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true}},
		"Empty": {"Type": "AWS::CloudTrail::Trail", "Properties": {"CloudWatchLogsLogGroupArn": ""}},
		"Good": {"Type": "AWS::CloudTrail::Trail", "Properties": {"CloudWatchLogsLogGroupArn": {"Fn::GetAtt": ["Logs", "Arn"]}}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {["Resources", "S3Only"], ["Resources", "Empty", "Properties", "CloudWatchLogsLogGroupArn"]}
}
