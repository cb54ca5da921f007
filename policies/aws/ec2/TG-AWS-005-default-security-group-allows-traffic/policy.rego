# METADATA
# title: Default security group allows traffic
# description: >-
#   An aws_default_security_group declares ingress or egress rules. Instances, ENIs and other
#   resources launched without an explicit security group are put in the VPC's default group, so
#   any traffic it allows applies to workloads nobody chose to expose; CIS AWS Foundations and AWS
#   Security Hub (EC2.2) require the default group to allow no inbound and no outbound traffic.
#   (CloudFormation cannot manage a VPC's default security group, so this check is
#   Terraform-only.)
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group
# custom:
#   id: TG-AWS-005
#   severity: medium
#   remediation: >-
#     Remove every ingress and egress block from the aws_default_security_group (an empty
#     resource, just vpc_id, makes Terraform strip all rules), and create purpose-built security
#     groups for the resources that need traffic.
#   kinds: [terraform]
#   inputs: [resource:aws_default_security_group]
#   aliases: [CKV2_AWS_12, AVD-AWS-0173, aws-ec2-restrict-all-in-default-sg]
package tollgate.aws.ec2.default_security_group_allows_traffic

# The default security group of a VPC should allow no traffic at all. Resources launched
# without an explicit group land in it silently, and its stock rules let every member talk to
# every other on every port and reach anywhere outbound. Managing it with
# aws_default_security_group and no rules strips those rules; any ingress or egress block
# puts traffic back.

import data.lib.aws
import data.lib.guard
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, sg in tf.resources("aws_default_security_group")
	some direction in ["ingress", "egress"]
	some i, _ in guard.blocks(sg, direction)
	v := {
		"msg": sprintf("Default security group `%s` has an %s rule; the default group should allow no traffic", [name, direction]),
		"path": ["resource", "aws_default_security_group", name, direction, i],
	}
}
