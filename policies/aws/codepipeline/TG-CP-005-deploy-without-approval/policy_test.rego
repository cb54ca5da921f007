package tollgate.aws.codepipeline.deploy_without_approval_test

import data.tollgate.aws.codepipeline.deploy_without_approval as p

action(name, category) := {"name": name, "actionTypeId": {"category": category, "owner": "AWS", "provider": "X", "version": "1"}}

stages(list) := {"kind": "codepipeline", "document": {"pipeline": {"stages": [{"actions": [a]} | some a in list]}}}

test_the_last_deploy_without_approval_is_reported if {
	found := p.deny with input as stages([action("src", "Source"), action("staging", "Deploy"), action("prod", "Deploy")])
	{v.path | some v in found} == {["pipeline", "stages", 2, "actions", 0, "actionTypeId"]}
}

test_staging_before_the_approval_passes if {
	found := p.deny with input as stages([action("src", "Source"), action("staging", "Deploy"), action("ok", "Approval"), action("prod", "Deploy")])
	count(found) == 0
}

test_an_approval_earlier_in_the_same_stage_counts if {
	approve := object.union(action("ok", "Approval"), {"runOrder": 1})
	deploy := object.union(action("prod", "Deploy"), {"runOrder": 2})
	found := p.deny with input as {"kind": "codepipeline", "document": {"pipeline": {"stages": [{"actions": [approve, deploy]}]}}}
	count(found) == 0
	found2 := p.deny with input as {"kind": "codepipeline", "document": {"pipeline": {"stages": [{"actions": [object.union(approve, {"runOrder": 2}), deploy]}]}}}
	count(found2) == 1
}
