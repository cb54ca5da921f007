package lib.codepipeline_test

import data.lib.codepipeline as cp

test_cli_json_and_cloudformation_give_the_same_actions if {
	cli := cp.actions with input as {"kind": "codepipeline", "document": {"pipeline": {"name": "app", "stages": [{"name": "Source", "actions": [{
		"name": "GitHub", "actionTypeId": {"category": "Source", "owner": "ThirdParty", "provider": "GitHub", "version": "1"},
		"configuration": {"OAuthToken": "****"},
	}]}]}}}
	[a] := [x | some x in cli]
	a.path == ["pipeline", "stages", 0, "actions", 0]
	a.provider == "GitHub"
	a.config_path == ["pipeline", "stages", 0, "actions", 0, "configuration"]
	a.type_path == ["pipeline", "stages", 0, "actions", 0, "actionTypeId"]
	cfn := cp.actions with input as {"kind": "cloudformation", "document": {"Resources": {"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Stages": [{"Name": "Build", "Actions": [{
		"Name": "Build", "ActionTypeId": {"Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"},
	}]}]}}}}}
	[b] := [x | some x in cfn]
	b.path == ["Resources", "P", "Properties", "Stages", 0, "Actions", 0]
	b.category == "Build"
	b.config == {}
}

test_literal_values if {
	cp.literal("ghp_abc")
	not cp.literal("****")
	not cp.literal("{{resolve:secretsmanager:gh:SecretString:token}}")
	not cp.literal({"Ref": "Token"})
	not cp.literal("#{SourceVariables.CommitId}")
}

test_stores if {
	s := cp.stores with input as {"kind": "codepipeline", "document": {"pipeline": {"artifactStore": {"type": "S3", "location": "b"}}}}
	{x.path | some x in s} == {["pipeline", "artifactStore"]}
}

test_cross_region_stores if {
	api := cp.stores with input as {"kind": "codepipeline", "document": {"pipeline": {"artifactStores": {"eu-west-1": {"type": "S3", "location": "a"}}}}}
	{[x.path, x.label] | some x in api} == {[["pipeline", "artifactStores", "eu-west-1"], "Pipeline `?` (region eu-west-1)"]}
	cfn := cp.stores with input as {"kind": "cloudformation", "document": {"Resources": {"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {
		"ArtifactStores": [{"Region": "us-east-1", "ArtifactStore": {"Type": "S3", "Location": "b"}}],
	}}}}}
	{[x.path, x.label] | some x in cfn} == {[["Resources", "P", "Properties", "ArtifactStores", 0, "ArtifactStore"], "AWS::CodePipeline::Pipeline P (region us-east-1)"]}
}
