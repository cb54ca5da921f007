package tollgate.aws.codebuild.codebuild_plaintext_secret_env_test

import data.tollgate.aws.codebuild.codebuild_plaintext_secret_env as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_codebuild_project": {"app": {"environment": [{
		"compute_type": "BUILD_GENERAL1_SMALL",
		"environment_variable": [
			{"name": "NODE_ENV", "value": "production"},
			{"name": "NPM_TOKEN", "value": "npm_AbCdEf0123456789"},
			{"name": "SONAR_TOKEN", "value": "squ_0123456789abcdef", "type": "PLAINTEXT"},
			{"name": "DOCKERHUB_PASSWORD", "value": "ci/dockerhub:password", "type": "SECRETS_MANAGER"},
			{"name": "GITHUB_TOKEN", "value": "/ci/github/token", "type": "PARAMETER_STORE"},
			{"name": "API_KEY", "value": "${var.api_key}"},
		],
	}]}}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {
		["resource", "aws_codebuild_project", "app", "environment", 0, "environment_variable", 1],
		["resource", "aws_codebuild_project", "app", "environment", 0, "environment_variable", 2],
	}
}

test_cloudformation if {
	doc := {"Resources": {"Build": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {
		"Type": "LINUX_CONTAINER",
		"EnvironmentVariables": [
			{"Name": "AWS_SECRET_ACCESS_KEY", "Value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
			{"Name": "DB_PASSWORD", "Type": "SECRETS_MANAGER", "Value": "prod/db:password"},
			{"Name": "STAGE", "Value": "prod"},
		],
	}}}}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {["Resources", "Build", "Properties", "Environment", "EnvironmentVariables", 0]}
}

test_good_is_silent if {
	doc := {"resource": {"aws_codebuild_project": {"app": {"environment": [{"environment_variable": [
		{"name": "NPM_TOKEN", "value": "ci/npm:token", "type": "SECRETS_MANAGER"},
	]}]}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}
