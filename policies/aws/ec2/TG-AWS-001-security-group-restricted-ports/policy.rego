# METADATA
# title: Security group allows a restricted port from the internet
# description: >-
#   An inline ingress rule of the security group opens a restricted port (remote administration,
#   file sharing, a database, cache, search engine or cluster control plane) to 0.0.0.0/0 or ::/0.
#   Internet-wide scanners find such ports within minutes and try default credentials, brute force
#   and known exploits against them. A rule for all protocols (-1) opens every port, restricted
#   ones included.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-rule.html
# custom:
#   id: TG-AWS-001
#   severity: high
#   remediation: >-
#     Limit the rule's cidr_blocks / ipv6_cidr_blocks (CloudFormation: CidrIp / CidrIpv6) to the
#     addresses that need access (an office or VPN range, a bastion), or reference a source
#     security group instead of a CIDR. For administration prefer AWS Systems Manager Session
#     Manager, which needs no inbound port at all.
#   kinds: [terraform, cloudformation]
#   aliases: [CKV_AWS_24, CKV_AWS_25, CKV_AWS_277, AVD-AWS-0107]
package tollgate.aws.ec2.security_group_restricted_ports

# Inline ingress rules of a security group that open a restricted port (SSH, RDP, databases,
# caches, cluster control planes, ...) to the whole internet. Such services are scanned and
# brute-forced within minutes of being exposed; they belong behind a VPN, a bastion, SSM
# Session Manager or a narrow source CIDR.

import data.lib.aws
import data.lib.guard
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, sg in tf.resources("aws_security_group")
	some i, rule in guard.blocks(sg, "ingress")
	protocol := object.get(rule, "protocol", null)
	ports := aws.exposed_ports(object.get(rule, "from_port", null), object.get(rule, "to_port", null), protocol)
	count(ports) > 0
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidrs := aws.public_cidrs(object.get(rule, attr, []))
	count(cidrs) > 0
	v := {
		"msg": sprintf("Security group `%s` allows %s from %s", [name, aws.describe_exposure(ports, protocol), concat(", ", sort(cidrs))]),
		"path": ["resource", "aws_security_group", name, "ingress", i, attr],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some id, sg in guard.cfn_resources("AWS::EC2::SecurityGroup")
	rules := object.get(guard.cfn_properties(sg), "SecurityGroupIngress", [])
	is_array(rules)
	some i, rule in rules
	is_object(rule)
	protocol := object.get(rule, "IpProtocol", null)
	ports := aws.exposed_ports(object.get(rule, "FromPort", null), object.get(rule, "ToPort", null), protocol)
	count(ports) > 0
	some attr in ["CidrIp", "CidrIpv6"]
	cidrs := aws.public_cidrs(object.get(rule, attr, null))
	count(cidrs) > 0
	v := {
		"msg": sprintf("Security group `%s` allows %s from %s", [id, aws.describe_exposure(ports, protocol), concat(", ", sort(cidrs))]),
		"path": ["Resources", id, "Properties", "SecurityGroupIngress", i, attr],
	}
}
