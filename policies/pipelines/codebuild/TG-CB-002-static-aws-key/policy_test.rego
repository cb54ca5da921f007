package tollgate.pipelines.codebuild.static_aws_key_test

import data.tollgate.pipelines.codebuild.static_aws_key as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codebuild-buildspec", "document": doc}
}

test_key_in_variables_and_commands if {
	doc := {"version": 0.2,
		"env": {"variables": {"AWS_ACCESS_KEY_ID": "AKIA2OGYBAH6QXLPMN7Z", "AWS_SECRET_ACCESS_KEY": "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"}},
		"phases": {"build": {"commands": [
			"echo building",
			"aws configure set aws_access_key_id ASIAQ3EGRLPWN5TZK4JM && aws s3 ls",
			"aws configure set aws_secret_access_key q8Rt4vX1mK9pL2wS7yB3nC6dF0gH5jRzT1uV2wX3",
		]}},
	}
	found := findings(doc)
	{[v.path, object.get(v, "text", "")] | some v in found} == {
		[["env", "variables", "AWS_ACCESS_KEY_ID"], "AKIA2OGYBAH6QXLPMN7Z"],
		[["env", "variables", "AWS_SECRET_ACCESS_KEY"], ""],
		[["phases", "build", "commands", 1], "ASIAQ3EGRLPWN5TZK4JM"],
		[["phases", "build", "commands", 2], "aws_secret_access_key q8Rt4vX1mK9pL2wS7yB3nC6dF0gH5jRzT1uV2wX3"],
	}
}

test_references_and_examples_are_allowed if {
	doc := {"version": 0.2,
		"env": {"variables": {"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "$CROSS_ACCOUNT_SECRET"}},
		"phases": {"build": {"commands": [
			"export AWS_SECRET_ACCESS_KEY=$(echo $CREDS | jq -r .SecretAccessKey)",
			"echo AKIAshort",
		]}},
	}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"phases": "x", "env": null})) == 0
	count(findings({"phases": {"build": {"commands": "AKIA2OGYBAH6QXLPMN7Z"}}})) == 0
	count(findings({"phases": {"build": {"commands": [null, ["x"]]}}, "env": {"variables": {"AWS_SECRET_ACCESS_KEY": null}}})) == 0
}
