# METADATA
# title: Lambda function has a secret in a plain environment variable
# description: >-
#   An environment variable of the Lambda function whose name marks it as a credential (PASSWORD,
#   SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS, ...) is set to a literal value
#   in the infrastructure code. The secret is committed to version control, stored in the
#   Terraform state or CloudFormation template, and visible in clear text to everyone who can view
#   the function's configuration.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
#   - https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#environment
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-environment.html
# custom:
#   id: TG-AWS-029
#   severity: high
#   remediation: >-
#     Store the secret in AWS Secrets Manager or SSM Parameter Store (SecureString), pass only its
#     name or ARN in the environment (e.g. `DB_PASSWORD_SECRET_ARN =
#     aws_secretsmanager_secret.db.arn`), grant the function's role
#     `secretsmanager:GetSecretValue` on it and read it at runtime (the AWS Parameters and Secrets
#     Lambda Extension caches it). Rotate the secret that was committed.
#   kinds: [terraform, cloudformation]
#   aliases: [CKV_AWS_45]
#   redact: true
package tollgate.aws.lambda.lambda_plaintext_secret_env

# Lambda environment variables are stored with the function configuration: anyone who can
# read the function (lambda:GetFunction / GetFunctionConfiguration, the console, CI logs, the
# Terraform state, the CloudFormation template in S3) reads them in clear text, and a value
# written literally in the code is also in version control. Secrets belong in Secrets Manager
# or SSM Parameter Store, read at runtime (or through the Parameters and Secrets extension).

import data.lib.guard
import data.lib.plaintext_secrets as ps
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, fn in tf.resources("aws_lambda_function")
	some i, env in guard.blocks(fn, "environment")
	variables := guard.get(env, "variables", {})
	is_object(variables)
	some var_name, value in variables
	ps.is_plaintext_secret(var_name, value)
	v := {
		"msg": sprintf("Lambda function `%s` sets the secret `%s` as a plain-text environment variable", [name, var_name]),
		"path": ["resource", "aws_lambda_function", name, "environment", i, "variables", var_name],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some type in ["AWS::Lambda::Function", "AWS::Serverless::Function"]
	some name, fn in guard.cfn_resources(type)
	variables := guard.get(guard.cfn_properties(fn), ["Environment", "Variables"], {})
	is_object(variables)
	some var_name, value in variables
	ps.is_plaintext_secret(var_name, value)
	v := {
		"msg": sprintf("Lambda function `%s` sets the secret `%s` as a plain-text environment variable", [name, var_name]),
		"path": ["Resources", name, "Properties", "Environment", "Variables", var_name],
	}
}

# SAM templates can set variables for every function at once.
deny contains v if {
	input.kind == "cloudformation"
	variables := guard.get(input.document, ["Globals", "Function", "Environment", "Variables"], {})
	is_object(variables)
	some var_name, value in variables
	ps.is_plaintext_secret(var_name, value)
	v := {
		"msg": sprintf("SAM Globals set the secret `%s` as a plain-text environment variable of every function", [var_name]),
		"path": ["Globals", "Function", "Environment", "Variables", var_name],
	}
}
