# METADATA
# title: EC2 instance metadata service allows IMDSv1
# description: >-
#   The instance, launch template or launch configuration does not require IMDSv2 session tokens
#   (metadata_options.http_tokens / MetadataOptions.HttpTokens is not "required", or metadata
#   options are not set at all). The instance metadata service then also answers unauthenticated
#   IMDSv1 requests, which lets a server-side request forgery or open-proxy bug in any workload on
#   the instance steal the instance role's AWS credentials.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#metadata-options
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-metadataoptions.html
# custom:
#   id: TG-AWS-028
#   severity: high
#   remediation: "Add `metadata_options { http_endpoint = \"enabled\"  http_tokens = \"required\"  http_put_response_hop_limit = 1 }` to `aws_instance`, `aws_launch_template` and `aws_launch_configuration` (use a hop limit of 2 for containers that reach IMDS through a bridge network). In CloudFormation set `MetadataOptions: {HttpTokens: required}` in AWS::EC2::LaunchTemplate `LaunchTemplateData` (or on AWS::AutoScaling::LaunchConfiguration) and launch instances from that template. Alternatively set the account default with `aws_ec2_instance_metadata_defaults`."
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::AutoScaling::LaunchConfiguration
#     - resource:AWS::EC2::LaunchTemplate
#     - resource:aws_ec2_instance_metadata_defaults
#     - resource:aws_instance
#     - resource:aws_launch_configuration
#     - resource:aws_launch_template
#     - resource:aws_spot_instance_request
#   aliases:
#     - CKV_AWS_79
#     - AVD-AWS-0028
#     - aws-ec2-enforce-http-token-imds
#     - AVD-AWS-0130
#     - aws-ec2-enforce-launch-config-http-token-imds
package tollgate.aws.ec2.imdsv1_allowed

# IMDSv1 answers any GET to http://169.254.169.254 from the instance, so a server-side
# request forgery (SSRF) in any application on the instance, or a misconfigured proxy, hands
# the instance role's temporary credentials to the attacker (the 2019 Capital One breach).
# IMDSv2 requires a session token obtained with a PUT, which SSRF and open proxies cannot do.

import data.lib.cloud
import data.lib.guard
import data.lib.terraform as tf

# This configuration sets the account/region default to IMDSv2-only: instances that say
# nothing inherit it.
account_requires_tokens if {
	input.kind == "terraform"
	some _, d in tf.resources("aws_ec2_instance_metadata_defaults")
	d.http_tokens == "required"
}

# The metadata service is switched off altogether: nothing to steal.
endpoint_disabled(opts) if {
	e := cloud.get(opts, {"terraform": "http_endpoint", "cloudformation": "HttpEndpoint"}, "")
	is_string(e)
	lower(e) == "disabled"
}

# http_tokens is set to a known value other than "required" ("optional").
tokens_optional(value) if {
	is_string(value)
	not tf.is_expression(value)
	lower(value) != "required"
}

labels := {
	"aws_instance": "Instance",
	"aws_spot_instance_request": "Spot instance request",
	"aws_launch_template": "Launch template",
	"aws_launch_configuration": "Launch configuration",
	"AWS::EC2::LaunchTemplate": "Launch template",
	"AWS::AutoScaling::LaunchConfiguration": "Launch configuration",
}

options := {"terraform": "metadata_options", "cloudformation": "MetadataOptions"}

tokens := {"terraform": "http_tokens", "cloudformation": "HttpTokens"}

# Where the metadata options are written: the Terraform resource; in CloudFormation (where
# AWS::EC2::Instance has none of its own; they are set on the launch template or launch
# configuration it is launched from) the launch template's LaunchTemplateData or the launch
# configuration's Properties, when they are known objects.
holders contains r if {
	some r in cloud.resources({"terraform": object.keys(labels)})
}

cfn_data := {"AWS::EC2::LaunchTemplate": ["Properties", "LaunchTemplateData"], "AWS::AutoScaling::LaunchConfiguration": ["Properties"]}

holders contains holder if {
	some r in cloud.resources({"cloudformation": object.keys(cfn_data)})
	body_at := array.concat(r.at, cfn_data[r.type])
	body := guard.get(input.document, body_at, null)
	guard.known_object(body)
	holder := object.union(r, {"body": body, "body_at": body_at})
}

# IMDSv1 stays on when an options block does not require session tokens (http_tokens written
# as something else, or not written), or when there are no options at all; unless the account
# default requires tokens, or an instance takes its options from a launch template.
deny contains v if {
	some holder in holders
	some gap in imdsv1(holder)
	v := {
		"msg": sprintf("%s `%s` allows IMDSv1 (%s)", [labels[holder.type], holder.name, gap.why]),
		"path": gap.path,
	}
}

imdsv1(holder) := {gap |
	some opts in cloud.blocks(holder, options)
	not endpoint_disabled(opts)
	gap := tokens_not_required(opts)
} | {gap | gap := no_options(holder)}

tokens_not_required(opts) := {
	"why": sprintf("%s.%s, should be %s", [options[opts.format], cloud.said(opts, tokens, cloud.literal(opts, value)), cloud.literal(opts, "required")]),
	"path": cloud.path_of(opts, tokens),
} if {
	value := cloud.get(opts, tokens, null)
	tokens_optional(value)
}

tokens_not_required(opts) := {
	"why": sprintf("%s does not set %s", [options[opts.format], cloud.said(opts, tokens, cloud.literal(opts, "required"))]),
	"path": opts.at,
} if {
	cloud.unset(opts, tokens)
	not account_requires_tokens
}

no_options(holder) := {
	"why": sprintf("no %s requiring %s", [{"terraform": "metadata_options block", "cloudformation": "MetadataOptions"}[holder.format], cloud.said(holder, tokens, cloud.literal(holder, "required"))]),
	"path": holder.at,
} if {
	options_absent(holder)
	not uses_launch_template(holder)
	not account_requires_tokens
}

options_absent(holder) if {
	holder.format == "terraform"
	guard.no_block(holder.body, "metadata_options")
}

options_absent(holder) if {
	holder.format == "cloudformation"
	guard.get(holder.body, "MetadataOptions", null) == null
}

# An instance launched from a launch template takes its metadata options from it.
uses_launch_template(holder) if {
	holder.type in {"aws_instance", "aws_spot_instance_request"}
	not guard.no_block(holder.body, "launch_template")
}
