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

import data.lib.guard
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, trail in tf.resources("aws_cloudtrail")
	guard.is_false(trail.enable_log_file_validation)
	v := {
		"msg": sprintf("CloudTrail trail `%s` does not validate its log files (enable_log_file_validation = false)", [name]),
		"path": ["resource", "aws_cloudtrail", name, "enable_log_file_validation"],
	}
}

deny contains v if {
	input.kind == "terraform"
	some name, trail in tf.resources("aws_cloudtrail")
	guard.unset(trail, "enable_log_file_validation")
	v := {
		"msg": sprintf("CloudTrail trail `%s` does not validate its log files (enable_log_file_validation is not set and defaults to false)", [name]),
		"path": ["resource", "aws_cloudtrail", name],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, trail in guard.cfn_resources("AWS::CloudTrail::Trail")
	guard.is_false(guard.cfn_properties(trail).EnableLogFileValidation)
	v := {
		"msg": sprintf("CloudTrail trail `%s` does not validate its log files (EnableLogFileValidation: false)", [name]),
		"path": ["Resources", name, "Properties", "EnableLogFileValidation"],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, trail in guard.cfn_resources("AWS::CloudTrail::Trail")
	guard.unset(guard.cfn_properties(trail), "EnableLogFileValidation")
	v := {
		"msg": sprintf("CloudTrail trail `%s` does not validate its log files (EnableLogFileValidation is not set and defaults to false)", [name]),
		"path": ["Resources", name],
	}
}
