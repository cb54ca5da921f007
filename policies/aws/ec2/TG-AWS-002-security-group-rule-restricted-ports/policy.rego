# METADATA
# title: Security group rule allows a restricted port from the internet
# description: >-
#   An ingress security group rule resource opens a restricted port (remote administration, file
#   sharing, a database, cache, search engine or cluster control plane) to 0.0.0.0/0 or ::/0.
#   Internet-wide scanners find such ports within minutes and try default credentials, brute force
#   and known exploits against them. A rule for all protocols (-1) opens every port, restricted
#   ones included.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group_rule
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html
# custom:
#   id: TG-AWS-002
#   severity: high
#   remediation: >-
#     Narrow cidr_blocks / ipv6_cidr_blocks (CloudFormation: CidrIp / CidrIpv6) to the addresses
#     that need access, or use source_security_group_id (SourceSecurityGroupId) to allow only a
#     load balancer or bastion. For administration prefer AWS Systems Manager Session Manager,
#     which needs no inbound port.
#   kinds: [terraform, cloudformation]
#   aliases: [CKV_AWS_24, CKV_AWS_25, CKV_AWS_277, AVD-AWS-0107]
package tollgate.aws.ec2.security_group_rule_restricted_ports

# Stand-alone security group ingress rules (Terraform aws_security_group_rule, CloudFormation
# AWS::EC2::SecurityGroupIngress) that open a restricted port to the whole internet: the
# same exposure as an inline rule, declared as its own resource.

import data.lib.aws
import data.lib.guard
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, rule in tf.resources("aws_security_group_rule")
	rule.type == "ingress"
	protocol := object.get(rule, "protocol", null)
	ports := aws.exposed_ports(object.get(rule, "from_port", null), object.get(rule, "to_port", null), protocol)
	count(ports) > 0
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidrs := aws.public_cidrs(object.get(rule, attr, []))
	count(cidrs) > 0
	v := {
		"msg": sprintf("Security group rule `%s` allows %s from %s", [name, aws.describe_exposure(ports, protocol), concat(", ", sort(cidrs))]),
		"path": ["resource", "aws_security_group_rule", name, attr],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some id, r in guard.cfn_resources("AWS::EC2::SecurityGroupIngress")
	rule := guard.cfn_properties(r)
	protocol := object.get(rule, "IpProtocol", null)
	ports := aws.exposed_ports(object.get(rule, "FromPort", null), object.get(rule, "ToPort", null), protocol)
	count(ports) > 0
	some attr in ["CidrIp", "CidrIpv6"]
	cidrs := aws.public_cidrs(object.get(rule, attr, null))
	count(cidrs) > 0
	v := {
		"msg": sprintf("Security group ingress `%s` allows %s from %s", [id, aws.describe_exposure(ports, protocol), concat(", ", sort(cidrs))]),
		"path": ["Resources", id, "Properties", attr],
	}
}
