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

import data.lib.guard
import data.lib.terraform as tf

# This configuration sets the account/region default to IMDSv2-only: instances that say
# nothing inherit it.
account_requires_tokens if {
	some _, d in tf.resources("aws_ec2_instance_metadata_defaults")
	d.http_tokens == "required"
}

# The metadata service is switched off altogether: nothing to steal.
endpoint_disabled(opts, key) if {
	e := guard.get(opts, key, "")
	is_string(e)
	lower(e) == "disabled"
}

# http_tokens is set to a known value other than "required" ("optional").
tokens_optional(value) if {
	is_string(value)
	not tf.is_expression(value)
	lower(value) != "required"
}

tf_types := {
	"aws_instance": "Instance",
	"aws_spot_instance_request": "Spot instance request",
	"aws_launch_template": "Launch template",
	"aws_launch_configuration": "Launch configuration",
}

# An instance launched from a launch template takes its metadata options from it.
uses_launch_template(type, body) if {
	type in {"aws_instance", "aws_spot_instance_request"}
	not guard.no_block(body, "launch_template")
}

deny contains v if {
	input.kind == "terraform"
	some type, what in tf_types
	some name, body in tf.resources(type)
	some i, opts in guard.blocks(body, "metadata_options")
	not endpoint_disabled(opts, "http_endpoint")
	tokens_optional(opts.http_tokens)
	v := {
		"msg": sprintf("%s `%s` allows IMDSv1 (metadata_options.http_tokens = \"%s\", should be \"required\")", [what, name, opts.http_tokens]),
		"path": ["resource", type, name, "metadata_options", i, "http_tokens"],
	}
}

deny contains v if {
	input.kind == "terraform"
	some type, what in tf_types
	some name, body in tf.resources(type)
	some i, opts in guard.blocks(body, "metadata_options")
	not endpoint_disabled(opts, "http_endpoint")
	guard.unset(opts, "http_tokens")
	not account_requires_tokens
	v := {
		"msg": sprintf("%s `%s` allows IMDSv1 (metadata_options does not set http_tokens = \"required\")", [what, name]),
		"path": ["resource", type, name, "metadata_options", i],
	}
}

deny contains v if {
	input.kind == "terraform"
	some type, what in tf_types
	some name, body in tf.resources(type)
	guard.no_block(body, "metadata_options")
	not uses_launch_template(type, body)
	not account_requires_tokens
	v := {
		"msg": sprintf("%s `%s` allows IMDSv1 (no metadata_options block requiring http_tokens = \"required\")", [what, name]),
		"path": ["resource", type, name],
	}
}

# --- CloudFormation: AWS::EC2::Instance has no metadata options of its own; they are set on
# the launch template (or launch configuration) it is launched from.

cfn_targets contains [name, base, what] if {
	some name, _ in guard.cfn_resources("AWS::EC2::LaunchTemplate")
	base := ["Resources", name, "Properties", "LaunchTemplateData"]
	what := "Launch template"
}

cfn_targets contains [name, base, what] if {
	some name, _ in guard.cfn_resources("AWS::AutoScaling::LaunchConfiguration")
	base := ["Resources", name, "Properties"]
	what := "Launch configuration"
}

deny contains v if {
	input.kind == "cloudformation"
	some t in cfn_targets
	[name, base, what] := t
	opts := guard.get(input.document, array.concat(base, ["MetadataOptions"]), null)
	guard.known_object(opts)
	not endpoint_disabled(opts, "HttpEndpoint")
	tokens_optional(opts.HttpTokens)
	v := {
		"msg": sprintf("%s `%s` allows IMDSv1 (MetadataOptions.HttpTokens: %s, should be required)", [what, name, opts.HttpTokens]),
		"path": array.concat(base, ["MetadataOptions", "HttpTokens"]),
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some t in cfn_targets
	[name, base, what] := t
	opts := guard.get(input.document, array.concat(base, ["MetadataOptions"]), null)
	guard.known_object(opts)
	not endpoint_disabled(opts, "HttpEndpoint")
	guard.unset(opts, "HttpTokens")
	v := {
		"msg": sprintf("%s `%s` allows IMDSv1 (MetadataOptions does not set HttpTokens: required)", [what, name]),
		"path": array.concat(base, ["MetadataOptions"]),
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some t in cfn_targets
	[name, base, what] := t
	guard.known_object(guard.get(input.document, base, null))
	guard.get(input.document, array.concat(base, ["MetadataOptions"]), null) == null
	v := {
		"msg": sprintf("%s `%s` allows IMDSv1 (no MetadataOptions requiring HttpTokens: required)", [what, name]),
		"path": ["Resources", name],
	}
}
