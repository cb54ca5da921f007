# METADATA
# title: CloudTrail trail has logging turned off
# description: >-
#   The trail is created in the stopped state (enable_logging = false / IsLogging: false): it
#   delivers no events at all, so API activity in the account, including the actions of an
#   intruder, is not recorded while the configuration suggests it is.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
# custom:
#   id: TG-AWS-026
#   severity: high
#   remediation: >-
#     Remove `enable_logging = false` (the Terraform default is true) or set `IsLogging: true` on
#     AWS::CloudTrail::Trail. If the trail is no longer needed, delete it rather than leaving a
#     stopped trail behind, and make sure another trail covers the account.
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::CloudTrail::Trail, resource:aws_cloudtrail]
#   aliases: [CKV_AWS_251]
package tollgate.aws.cloudtrail.cloudtrail_logging_disabled

# A CloudTrail trail with logging turned off exists, shows up in inventories and looks like
# coverage, but records nothing. Stopping a trail is a classic step in covering tracks; having
# it stopped in code means the gap is permanent and invisible.

import data.lib.cloud

trails := {"terraform": "aws_cloudtrail", "cloudformation": "AWS::CloudTrail::Trail"}

logging := {"terraform": "enable_logging", "cloudformation": "IsLogging"}

# Only an explicit false: enable_logging defaults to true, and IsLogging is required.
deny contains v if {
	some trail in cloud.resources(trails)
	off := cloud.set_false(trail, logging)
	v := {
		"msg": sprintf("CloudTrail trail `%s` is stopped (%s): it records nothing", [trail.name, off.why]),
		"path": off.path,
	}
}
