# METADATA
# title: RDS database is publicly accessible
# description: >-
#   The RDS instance or cluster is created with a public endpoint (publicly_accessible /
#   PubliclyAccessible = true). Its endpoint resolves to a public IP address, so the database port
#   is one security-group rule (or one misrouted subnet) away from being exposed to the whole
#   internet, where database ports are scanned and brute-forced continuously.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html
# custom:
#   id: TG-AWS-020
#   severity: high
#   remediation: >-
#     Set `publicly_accessible = false` (Terraform) or `PubliclyAccessible: false`
#     (CloudFormation), place the database in private subnets through a DB subnet group, and reach
#     it from the application's security group, a bastion host, AWS Systems Manager Session
#     Manager or RDS Proxy.
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::RDS::DBCluster
#     - resource:AWS::RDS::DBInstance
#     - resource:aws_db_instance
#     - resource:aws_rds_cluster_instance
#   aliases: [CKV_AWS_17, AVD-AWS-0082, AVD-AWS-0180, aws-rds-enable-public-access]
package tollgate.aws.rds.rds_publicly_accessible

# RDS database instances (and Multi-AZ DB clusters) with `publicly_accessible` /
# `PubliclyAccessible` set get a DNS name that resolves to a public IP: with a permissive
# security group or a public subnet route the database listens on the internet, where it is
# brute-forced and exploited within hours. Databases belong in private subnets, reached from
# the application tier or through a bastion / SSM session.

import data.lib.cloud

labels := {
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster_instance": "Aurora cluster instance",
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

databases := {
	"terraform": ["aws_db_instance", "aws_rds_cluster_instance"],
	"cloudformation": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"],
}

public := {"terraform": "publicly_accessible", "cloudformation": "PubliclyAccessible"}

deny contains v if {
	some db in cloud.resources(databases)
	on := cloud.set_true(db, public)
	v := {
		"msg": sprintf("%s `%s` is publicly accessible (%s)", [labels[db.type], db.name, on.why]),
		"path": on.path,
	}
}
