# METADATA
# title: CodePipeline CloudFormation action passes a secret in ParameterOverrides
# description: >-
#   A CloudFormation deploy action's `ParameterOverrides` (a JSON object, written as text in the
#   action's configuration) gives a template parameter whose name says it holds a credential
#   (DbPassword, ApiKey, GitHubToken, ...) a literal value. The value is stored in the pipeline
#   definition, shown by get-pipeline and the console to everyone who can read the pipeline,
#   and it reaches the stack as a plain parameter unless the template marks it NoEcho.
# related_resources:
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/continuous-delivery-codepipeline-action-reference.html
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
# custom:
#   id: TG-CP-004
#   severity: high
#   remediation: >-
#     Rotate the value. Keep it in Secrets Manager or Parameter Store and let the template read
#     it with a dynamic reference (`{{resolve:secretsmanager:...}}`), or pass an ARN or parameter
#     name the stack resolves, never the secret itself.
#   kinds: [codepipeline, cloudformation]
#   inputs: [kind:codepipeline, resource:AWS::CodePipeline::Pipeline]
#   redact: true
package tollgate.aws.codepipeline.secret_in_parameter_overrides

# Parameters of a CloudFormation action's ParameterOverrides (text holding a JSON object, or an
# object) with a credential's name (lib.plaintext_secrets) and a literal string value; override
# functions (`{"Fn::GetParam": [...]}`) and pipeline variables (`#{...}`) are not literals.
# The path goes on into the JSON text to the parameter (the source map gives the text's region,
# and the path keeps two parameters' findings apart); `text` narrows the finding to the value
# and is what gets redacted.

import data.lib.codepipeline as cp
import data.lib.plaintext_secrets as ps

overrides(a) := params if {
	lower(a.provider) == "cloudformation"
	text := a.config.ParameterOverrides
	is_string(text)
	json.is_valid(text)
	params := json.unmarshal(text)
	is_object(params)
} else := params if {
	lower(a.provider) == "cloudformation"
	params := a.config.ParameterOverrides
	is_object(params)
}

deny contains v if {
	some a in cp.actions
	some name, value in overrides(a)
	ps.is_plaintext_secret(name, value)
	cp.literal(value)
	v := {
		"msg": sprintf("%s passes the secret parameter `%s` as a literal in ParameterOverrides", [a.label, name]),
		"path": array.concat(a.config_path, ["ParameterOverrides", name]),
		"text": value,
	}
}
