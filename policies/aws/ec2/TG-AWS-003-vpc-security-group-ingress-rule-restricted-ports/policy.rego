# METADATA
# title: VPC security group ingress rule allows a restricted port from the internet
# description: >-
#   An aws_vpc_security_group_ingress_rule opens a restricted port (remote administration, file
#   sharing, a database, cache, search engine or cluster control plane) to 0.0.0.0/0 or ::/0.
#   Internet-wide scanners find such ports within minutes and try default credentials, brute force
#   and known exploits against them. ip_protocol "-1" opens every port, restricted ones included.
# related_resources:
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: TG-AWS-003
#   severity: high
#   remediation: >-
#     Set cidr_ipv4 / cidr_ipv6 to the range that needs access (an office or VPN range, a
#     bastion), or replace the CIDR with referenced_security_group_id or prefix_list_id. For
#     administration prefer AWS Systems Manager Session Manager, which needs no inbound port.
#   kinds: [terraform]
#   aliases: [CKV_AWS_24, CKV_AWS_25, CKV_AWS_277, AVD-AWS-0107]
package tollgate.aws.ec2.vpc_security_group_ingress_rule_restricted_ports

# aws_vpc_security_group_ingress_rule (the AWS provider's current one-CIDR-per-rule resource)
# opening a restricted port to the whole internet. CloudFormation has no separate resource
# for this: its AWS::EC2::SecurityGroupIngress is covered by TG-AWS-002.

import data.lib.aws
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, rule in tf.resources("aws_vpc_security_group_ingress_rule")
	protocol := object.get(rule, "ip_protocol", null)
	ports := aws.exposed_ports(object.get(rule, "from_port", null), object.get(rule, "to_port", null), protocol)
	count(ports) > 0
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	cidrs := aws.public_cidrs(object.get(rule, attr, null))
	count(cidrs) > 0
	v := {
		"msg": sprintf("Security group ingress rule `%s` allows %s from %s", [name, aws.describe_exposure(ports, protocol), concat(", ", sort(cidrs))]),
		"path": ["resource", "aws_vpc_security_group_ingress_rule", name, attr],
	}
}
