# METADATA
# title: ECS task definition has a secret in a plain environment variable
# description: >-
#   A container definition passes a credential (a variable named like PASSWORD, SECRET, TOKEN,
#   API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS, ...) as a literal value in `environment`. Task
#   definitions are not secret: every revision keeps the value in clear text, it is returned by
#   ecs:DescribeTaskDefinition and shown in the console, and the literal is also committed to
#   version control.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_task_definition
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-taskdefinition-secret.html
# custom:
#   id: TG-AWS-030
#   severity: high
#   remediation: >-
#     Move the value to AWS Secrets Manager or SSM Parameter Store and reference it from the
#     container definition's `secrets` list (`{"name": "DB_PASSWORD", "valueFrom":
#     "arn:aws:secretsmanager:..."}`; CloudFormation `Secrets: [{Name, ValueFrom}]`), granting the
#     task execution role read access. Deregister old task definition revisions and rotate the
#     exposed secret.
#   kinds: [terraform, cloudformation]
#   aliases: [AVD-AWS-0036]
#   redact: true
package tollgate.aws.ecs.ecs_plaintext_secret_env

# ECS container definitions have two ways to hand a value to a container: `environment`
# (plain name/value pairs, stored in the task definition and shown to anyone who can describe
# it, in every revision, forever) and `secrets` (a Secrets Manager or SSM Parameter Store
# reference resolved by the agent at launch). Credentials in `environment` are leaked by
# design.

import data.lib.guard
import data.lib.plaintext_secrets as ps
import data.lib.terraform as tf

# Terraform: the reader turns container_definitions written as JSON text (a heredoc or a
# quoted literal), jsonencode([...]) or file(...) into an array; other expressions
# (templatefile(), a variable) stay strings and cannot be inspected.
deny contains v if {
	input.kind == "terraform"
	some name, td in tf.resources("aws_ecs_task_definition")
	containers := td.container_definitions
	is_array(containers)
	some c in containers
	is_object(c)
	some e in guard.list(c, "environment")
	is_object(e)
	ps.is_plaintext_secret(guard.get(e, "name", null), guard.get(e, "value", null))
	v := {
		"msg": sprintf("ECS task definition `%s`: container `%s` sets the secret `%s` in plain `environment` instead of `secrets`", [name, guard.get(c, "name", "?"), e.name]),
		"path": ["resource", "aws_ecs_task_definition", name, "container_definitions"],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, td in guard.cfn_resources("AWS::ECS::TaskDefinition")
	containers := guard.get(guard.cfn_properties(td), "ContainerDefinitions", [])
	is_array(containers)
	some i, c in containers
	is_object(c)
	envs := guard.get(c, "Environment", [])
	is_array(envs)
	some j, e in envs
	is_object(e)
	ps.is_plaintext_secret(guard.get(e, "Name", null), guard.get(e, "Value", null))
	v := {
		"msg": sprintf("ECS task definition `%s`: container `%s` sets the secret `%s` in plain `Environment` instead of `Secrets`", [name, guard.get(c, "Name", "?"), e.Name]),
		"path": ["Resources", name, "Properties", "ContainerDefinitions", i, "Environment", j],
	}
}
