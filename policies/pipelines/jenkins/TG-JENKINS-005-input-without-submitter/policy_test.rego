package tollgate.pipelines.jenkins.input_without_submitter_test

import data.tollgate.pipelines.jenkins.input_without_submitter as p

findings(steps) := found if {
	found := p.deny with input as {"kind": "jenkins", "document": {"steps": steps}}
}

test_inputs_without_submitter_are_denied if {
	steps := [
		{"step": "input", "block": false, "named": {"message": "Deploy?"}, "stage": "Prod", "within": ["stage"]},
		{"step": "input", "block": true, "named": {}, "stage": "Prod", "within": ["stage"]},
		{"step": "message", "block": false, "named": {}, "stage": "Prod", "within": ["stage", "input"]},
	]
	{f.path | some f in findings(steps)} == {["steps", 0], ["steps", 1]}
}

test_inputs_with_submitter_are_allowed if {
	steps := [
		{"step": "input", "block": false, "named": {"message": "Deploy?", "submitter": "ops"}, "stage": "Prod", "within": []},
		{"step": "input", "block": true, "named": {}, "stage": "Prod", "within": ["stage"]},
		{"step": "submitter", "block": false, "named": {}, "stage": "Prod", "within": ["stage", "input"]},
	]
	count(findings(steps)) == 0
}
