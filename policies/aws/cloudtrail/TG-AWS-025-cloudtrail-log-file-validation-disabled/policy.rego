# METADATA
# title: CloudTrail log file validation is disabled
# description: >-
#   The trail does not produce log file integrity digests (enable_log_file_validation /
#   EnableLogFileValidation is false or not set, and the default is off). Logs that were modified,
#   forged or deleted after CloudTrail delivered them cannot be detected, so the trail is much
#   weaker evidence during an investigation or audit.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
# custom:
#   id: TG-AWS-025
#   severity: medium
#   remediation: >-
#     Set `enable_log_file_validation = true` on `aws_cloudtrail` (CloudFormation:
#     `EnableLogFileValidation: true` on AWS::CloudTrail::Trail) and validate logs with `aws
#     cloudtrail validate-logs` when you need to rely on them.
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::CloudTrail::Trail, resource:aws_cloudtrail]
#   aliases: [CKV_AWS_36, AVD-AWS-0016, aws-cloudtrail-enable-log-validation]
package tollgate.aws.cloudtrail.cloudtrail_log_file_validation_disabled

# CloudTrail log file integrity validation writes signed, hash-chained digest files next to
# the logs. Without it nobody can prove that a log file was not edited or deleted after
# delivery, which is the first thing an intruder with S3 access tries, and what an incident
# responder or auditor needs to rely on.

import data.lib.cloud

trails := {"terraform": "aws_cloudtrail", "cloudformation": "AWS::CloudTrail::Trail"}

validation := {"terraform": "enable_log_file_validation", "cloudformation": "EnableLogFileValidation"}

deny contains v if {
	some trail in cloud.resources(trails)
	off := cloud.switched_off(trail, validation)
	v := {
		"msg": sprintf("CloudTrail trail `%s` does not validate its log files (%s)", [trail.name, off.why]),
		"path": off.path,
	}
}
