package tollgate.pipelines.github.unsecure_commands_allowed_test

import data.tollgate.pipelines.github.unsecure_commands_allowed as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

test_every_level if {
	doc := {"on": "push", "env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": true}, "jobs": {"build": {
		"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "true"},
		"steps": [{"run": "make"}, {"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "True"}, "run": "echo ::set-env name=X::1"}],
	}}}
	{v.path | some v in findings(doc)} == {
		["env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"],
		["jobs", "build", "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"],
		["jobs", "build", "steps", 1, "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"],
	}
}

test_false_and_malformed if {
	doc := {"on": "push", "env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": false}, "jobs": {
		"a": {"env": "${{ fromJSON(inputs.env) }}", "steps": [null, {"env": ["x"]}, {"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "${{ inputs.x }}"}}]},
		"b": null,
		"c": {"steps": "x"},
	}}
	count(findings(doc)) == 0
	count(findings({"env": null, "jobs": "x", "runs": {"steps": [null]}})) == 0
	count(findings("x")) == 0
}
