# METADATA
# title: CloudTrail trail does not send events to CloudWatch Logs
# description: >-
#   The trail has no CloudWatch Logs log group (cloud_watch_logs_group_arn /
#   CloudWatchLogsLogGroupArn is not set or empty). Its events only land in S3, where no metric
#   filter or alarm sees them: a root login, a disabled trail or a changed security group is
#   found in the next audit, not when it happens.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
# custom:
#   id: TG-AWS-037
#   severity: low
#   remediation: >-
#     Create a log group and a role CloudTrail can assume to write to it, and set
#     `cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"` and
#     `cloud_watch_logs_role_arn` on `aws_cloudtrail` (CloudFormation: `CloudWatchLogsLogGroupArn`
#     and `CloudWatchLogsRoleArn`); then add metric filters and alarms for the events you must
#     hear about.
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::CloudTrail::Trail, resource:aws_cloudtrail]
#   aliases: [CKV2_AWS_10, AVD-AWS-0162, aws-cloudtrail-ensure-cloudwatch-integration]
package tollgate.aws.cloudtrail.cloudtrail_no_cloudwatch_logs

# CloudWatch Logs is where CloudTrail events can raise alarms (CIS's monitoring controls are
# metric filters on this log group); a trail that only writes to S3 is evidence after the fact.

import data.lib.cloud

trails := {"terraform": "aws_cloudtrail", "cloudformation": "AWS::CloudTrail::Trail"}

log_group := {"terraform": "cloud_watch_logs_group_arn", "cloudformation": "CloudWatchLogsLogGroupArn"}

deny contains v if {
	some trail in cloud.resources(trails)
	gap := cloud.missing(trail, log_group)
	v := {
		"msg": sprintf("CloudTrail trail `%s` does not send its events to CloudWatch Logs (%s)", [trail.name, gap.why]),
		"path": gap.path,
	}
}
