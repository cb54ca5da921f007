# METADATA
# title: CodePipeline action configuration holds a literal secret
# description: >-
#   An action's `configuration` sets a credential-named key (`OAuthToken` of a GitHub version 1
#   source action, an API key or password of a third-party or custom action) to a literal value.
#   The pipeline definition is readable by everyone who can call codepipeline:GetPipeline or read
#   the template, the repository and its history, and the token usually grants access to the
#   source repositories. `get-pipeline` output masks a token as `****`, which is not reported,
#   nor are ARNs, dynamic references (`{{resolve:...}}`), parameters and pipeline variables.
# related_resources:
#   - https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-GitHub.html
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
# custom:
#   id: TG-CP-001
#   severity: critical
#   remediation: >-
#     Rotate the token. Keep it in Secrets Manager and reference it with
#     `{{resolve:secretsmanager:NAME:SecretString:token}}` (CloudFormation) or a parameter, or
#     move the source to a CodeStar connection, which needs no token in the pipeline.
#   kinds: [codepipeline, cloudformation]
#   inputs: [kind:codepipeline, resource:AWS::CodePipeline::Pipeline]
#   redact: true
package tollgate.aws.codepipeline.secret_in_action_configuration

# Configuration keys with a credential's name (lib.plaintext_secrets: `OAuthToken`,
# `SecretToken`, `ApiKey`, not `SecretArn`) and a literal value: not masked (`****`), no ARN or
# path, no dynamic reference or variable (lib.codepipeline).

import data.lib.codepipeline as cp
import data.lib.plaintext_secrets as ps

deny contains v if {
	some a in cp.actions
	some k, value in a.config
	ps.is_plaintext_secret(k, value)
	cp.literal(value)
	v := {
		"msg": sprintf("%s sets `%s` to a literal secret in its configuration", [a.label, k]),
		"path": array.concat(a.config_path, [k]),
	}
}
