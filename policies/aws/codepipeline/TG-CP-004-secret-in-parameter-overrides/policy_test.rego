package tollgate.aws.codepipeline.secret_in_parameter_overrides_test

import data.tollgate.aws.codepipeline.secret_in_parameter_overrides as p

deploy(overrides) := {"kind": "codepipeline", "document": {"pipeline": {"stages": [{"actions": [{
	"name": "Deploy", "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CloudFormation", "version": "1"},
	"configuration": {"ActionMode": "CREATE_UPDATE", "StackName": "app", "ParameterOverrides": overrides},
}]}]}}}

test_literal_secret_parameter_is_reported if {
	found := p.deny with input as deploy(json.marshal({"Stage": "prod", "DbPassword": "Wq8!rT5zLm2#Kv"}))
	{v.msg | some v in found} == {"Pipeline `?` action `Deploy` passes the secret parameter `DbPassword` as a literal in ParameterOverrides"}
	{v.path | some v in found} == {["pipeline", "stages", 0, "actions", 0, "configuration", "ParameterOverrides", "DbPassword"]}
}

test_an_object_is_read_too if {
	found1 := p.deny with input as deploy({"ApiKey": "k3y-5f0a9c2e7d1b"})
	count(found1) == 1
}

test_references_pass if {
	found2 := p.deny with input as deploy(json.marshal({
		"DbPasswordSecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
		"ApiKey": "#{BuildVariables.API_KEY}",
		"GitHubToken": "{{resolve:secretsmanager:github:SecretString:token}}",
		"Stage": "prod",
	}))
	count(found2) == 0
	found3 := p.deny with input as deploy({"DbPassword": {"Fn::GetParam": ["BuildOutput", "params.json", "DbPassword"]}})
	count(found3) == 0
}
