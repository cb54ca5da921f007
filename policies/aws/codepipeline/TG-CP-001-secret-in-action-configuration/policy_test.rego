package tollgate.aws.codepipeline.secret_in_action_configuration_test

import data.tollgate.aws.codepipeline.secret_in_action_configuration as p

pipeline(config) := {"kind": "codepipeline", "document": {"pipeline": {"name": "app", "stages": [{"name": "Source", "actions": [{
	"name": "Src", "actionTypeId": {"category": "Source", "owner": "ThirdParty", "provider": "GitHub", "version": "1"},
	"configuration": config,
}]}]}}}

test_literal_tokens_are_reported if {
	found := p.deny with input as pipeline({"Owner": "acme", "OAuthToken": "ghp_x1y2z3", "Branch": "main"})
	{v.path | some v in found} == {["pipeline", "stages", 0, "actions", 0, "configuration", "OAuthToken"]}
}

test_masked_and_referenced_tokens_pass if {
	found1 := p.deny with input as pipeline({"OAuthToken": "****"})
	count(found1) == 0
	found2 := p.deny with input as pipeline({"OAuthToken": "{{resolve:secretsmanager:gh:SecretString:token}}"})
	count(found2) == 0
	found3 := p.deny with input as pipeline({"OAuthToken": {"Ref": "GitHubToken"}})
	count(found3) == 0
}
