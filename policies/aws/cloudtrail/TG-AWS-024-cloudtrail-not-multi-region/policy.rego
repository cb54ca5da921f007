# METADATA
# title: CloudTrail trail is not multi-region
# description: >-
#   The trail only records events from the region it is created in (is_multi_region_trail /
#   IsMultiRegionTrail is false or not set, and the default is single-region). API calls made in
#   any other region, including regions the account does not normally use, are not logged, which
#   is exactly where stolen credentials tend to be used.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
# custom:
#   id: TG-AWS-024
#   severity: medium
#   remediation: >-
#     Set `is_multi_region_trail = true` on `aws_cloudtrail` (CloudFormation: `IsMultiRegionTrail:
#     true` on AWS::CloudTrail::Trail). One multi-region trail, ideally an organization trail, is
#     enough to cover every region of the account.
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::CloudTrail::Trail, resource:aws_cloudtrail]
#   aliases: [CKV_AWS_67, AVD-AWS-0014, aws-cloudtrail-enable-all-regions]
package tollgate.aws.cloudtrail.cloudtrail_not_multi_region

# A single-region CloudTrail trail records API activity in its home region only. Attackers
# with stolen credentials like to work in regions nobody uses (crypto-mining fleets in
# ap-south-2, say); without a multi-region trail that activity leaves no trace.

import data.lib.cloud

trails := {"terraform": "aws_cloudtrail", "cloudformation": "AWS::CloudTrail::Trail"}

multi_region := {"terraform": "is_multi_region_trail", "cloudformation": "IsMultiRegionTrail"}

deny contains v if {
	some trail in cloud.resources(trails)
	off := cloud.switched_off(trail, multi_region)
	v := {
		"msg": sprintf("CloudTrail trail `%s` only logs its home region (%s)", [trail.name, off.why]),
		"path": off.path,
	}
}
