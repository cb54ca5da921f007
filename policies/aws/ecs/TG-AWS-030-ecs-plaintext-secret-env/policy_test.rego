package tollgate.aws.ecs.ecs_plaintext_secret_env_test

import data.tollgate.aws.ecs.ecs_plaintext_secret_env as p

paths(found) := {f.path | some f in found}

containers_json := `[
  {
    "name": "api",
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2",
    "environment": [
      {"name": "DATABASE_PASSWORD", "value": "Pr0d-db-p4ss!"},
      {"name": "LOG_LEVEL", "value": "info"}
    ],
    "secrets": [{"name": "JWT_SECRET", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt"}]
  }
]`

test_terraform_heredoc if {
	doc := {"resource": {"aws_ecs_task_definition": {"api": {"family": "api", "container_definitions": json.unmarshal(containers_json)}}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	count(found) == 1
	paths(found) == {["resource", "aws_ecs_task_definition", "api", "container_definitions"]}
}

test_terraform_expressions_and_bad_json_are_skipped if {
	doc := {"resource": {"aws_ecs_task_definition": {
		"a": {"container_definitions": "${templatefile(\"containers.json.tpl\", {})}"},
		"b": {"container_definitions": [{"name": "api", "environment": [{"name": "API_TOKEN", "value": "${var.token}"}]}]},
		"c": {"container_definitions": "not json ["},
	}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{
		"Name": "worker",
		"Environment": [
			{"Name": "QUEUE_URL", "Value": {"Ref": "Queue"}},
			{"Name": "SENDGRID_API_KEY", "Value": "SG.abcdefghijklmnop"},
			{"Name": "REDIS_PASSWORD", "Value": {"Fn::GetAtt": ["Cache", "AuthToken"]}},
		],
		"Secrets": [{"Name": "DB_PASSWORD", "ValueFrom": {"Ref": "DbSecret"}}],
	}]}}}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {["Resources", "Task", "Properties", "ContainerDefinitions", 0, "Environment", 1]}
}
