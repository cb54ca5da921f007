package tollgate.aws.codepipeline.github_oauth_source_action_test

import data.tollgate.aws.codepipeline.github_oauth_source_action as p

action(owner, provider) := {"kind": "codepipeline", "document": {"pipeline": {"stages": [{"actions": [{
	"name": "Src", "actionTypeId": {"category": "Source", "owner": owner, "provider": provider, "version": "1"},
}]}]}}}

test_github_v1_is_reported if {
	found1 := p.deny with input as action("ThirdParty", "GitHub")
	count(found1) == 1
	{v.path | some v in found1} == {["pipeline", "stages", 0, "actions", 0, "actionTypeId"]}
}

test_connections_pass if {
	found2 := p.deny with input as action("AWS", "CodeStarSourceConnection")
	count(found2) == 0
}
