# METADATA
# title: S3 bucket policy allows access to everyone
# description: >-
#   A statement of the bucket policy allows Principal "*" (or {"AWS": "*"}) without a Condition
#   that narrows the caller, so anyone on the internet, authenticated or not, may perform its
#   actions on the bucket: reading every object, and for write or delete actions tampering with
#   the data. Deny statements (such as enforcing TLS) are not reported, nor statements whose
#   Condition pins the caller: aws:SourceVpce/SourceVpc, aws:PrincipalOrgID/OrgPaths,
#   aws:SourceAccount/PrincipalAccount, aws:SourceArn or aws:PrincipalArn with an account (no
#   wildcard in it), aws:SourceIp with ranges narrower than the internet (lib.net.is_public).
#   A Condition only on aws:SecureTransport, aws:PrincipalArn = arn:aws:iam::*, a negated
#   operator (StringNotEquals) or an ...IfExists operator does not narrow it. For Terraform aws_iam_policy_document
#   data sources the check applies to documents used by an aws_s3_bucket_policy in the same file
#   or, when nothing in the file uses them, whose statement only has s3: actions.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html
# custom:
#   id: TG-AWS-008
#   severity: high
#   remediation: >-
#     Name the principals that need access (account, role or service ARNs), or add a Condition
#     that limits the statement (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceArn). To publish
#     static content, keep the bucket private and serve it through CloudFront with origin access
#     control, whose bucket policy grants the cloudfront.amazonaws.com service principal with an
#     aws:SourceArn condition.
#   kinds: [terraform, cloudformation]
#   inputs: [facet:iam_statements]
#   aliases: [CKV_AWS_70, CKV_AWS_283]
package tollgate.aws.s3.bucket_policy_public

# S3 bucket policies with an Allow statement for Principal "*" (everyone, signed in or not)
# and no Condition (lib.iam.restricted) to narrow it down to a VPC endpoint, an organisation, a source account
# or an IP range: the listed actions are open to the whole internet.

import data.lib.iam

# One finding per blamed node (a statement's Principal, a data source's principals block, or a
# policy given as JSON text), with all its statements' actions.
deny contains v if {
	some at in {p | some [p, "s3", _] in iam.public_statements}
	statements := [st | some [p, "s3", st] in iam.public_statements; p == at]
	actions := sort({a | some st in statements; some a in st.actions})
	v := {
		"msg": sprintf("%s allows anyone (Principal \"*\") to %s%s", [statements[0].origin, describe(actions), iam.condition_note(statements[0])]),
		"path": at,
	}
}

describe(actions) := concat(", ", actions) if {
	count(actions) > 0
} else := "act on the bucket"
