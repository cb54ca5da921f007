# METADATA
# title: CodeBuild project has a credential in a plaintext environment variable
# description: >-
#   An environment variable of the CodeBuild project whose name marks it as a credential
#   (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS, ...) has type
#   PLAINTEXT (or no type, which means PLAINTEXT) and a literal value. The credential is committed
#   to version control, stored in the project definition in clear text and visible to everyone who
#   can read the project, and tends to be echoed into build logs.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html
#   - https://docs.aws.amazon.com/codebuild/latest/APIReference/API_EnvironmentVariable.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/codebuild_project#environment_variable
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-codebuild-project-environmentvariable.html
# custom:
#   id: TG-AWS-034
#   severity: high
#   remediation: "Store the credential in AWS Secrets Manager or SSM Parameter Store and reference it: Terraform `environment_variable { name = \"NPM_TOKEN\"  type = \"SECRETS_MANAGER\"  value = \"ci/npm:token\" }` (or `type = \"PARAMETER_STORE\"` with the parameter name); CloudFormation `{Name: NPM_TOKEN, Type: SECRETS_MANAGER, Value: ci/npm:token}`. Grant the project's service role read access and rotate the exposed credential."
#   kinds: [terraform, cloudformation]
#   redact: true
package tollgate.aws.codebuild.codebuild_plaintext_secret_env

# CodeBuild environment variables of type PLAINTEXT (the default) are stored in the project
# definition and shown to anyone who can view the project (codebuild:BatchGetProjects, the
# console), and a literal in infrastructure code is committed to version control too. The
# PARAMETER_STORE and SECRETS_MANAGER types exist precisely so that credentials are fetched at
# build time instead.

import data.lib.guard
import data.lib.plaintext_secrets as ps
import data.lib.terraform as tf

plaintext(t) if t == null

plaintext(t) if {
	is_string(t)
	upper(t) == "PLAINTEXT"
}

deny contains v if {
	input.kind == "terraform"
	some name, project in tf.resources("aws_codebuild_project")
	some i, env in guard.blocks(project, "environment")
	some j, ev in guard.blocks(env, "environment_variable")
	plaintext(guard.get(ev, "type", null))
	ps.is_plaintext_secret(guard.get(ev, "name", null), guard.get(ev, "value", null))
	v := {
		"msg": sprintf("CodeBuild project `%s` sets the credential `%s` as a PLAINTEXT environment variable", [name, ev.name]),
		"path": ["resource", "aws_codebuild_project", name, "environment", i, "environment_variable", j],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, project in guard.cfn_resources("AWS::CodeBuild::Project")
	vars := guard.get(guard.cfn_properties(project), ["Environment", "EnvironmentVariables"], [])
	is_array(vars)
	some j, ev in vars
	is_object(ev)
	plaintext(guard.get(ev, "Type", null))
	ps.is_plaintext_secret(guard.get(ev, "Name", null), guard.get(ev, "Value", null))
	v := {
		"msg": sprintf("CodeBuild project `%s` sets the credential `%s` as a PLAINTEXT environment variable", [name, ev.Name]),
		"path": ["Resources", name, "Properties", "Environment", "EnvironmentVariables", j],
	}
}
