package lib.github_actions_test

import data.lib.github_actions as gha

test_workflow_and_composite_steps if {
	doc := {"jobs": {"build": {"steps": [{"run": "make"}, "odd"]}, "broken": "x"}}
	gha.steps == {[["jobs", "build", "steps", 0], {"run": "make"}]} with input as {"document": doc}
	composite := {"runs": {"using": "composite", "steps": [{"uses": "actions/checkout@v4"}]}}
	gha.steps == {[["runs", "steps", 0], {"uses": "actions/checkout@v4"}]} with input as {"document": composite}
	count(gha.jobs) == 0 with input as {"document": {"jobs": ["x"]}}
}

test_remote_ref if {
	gha.remote_ref("Actions/checkout@v4") == ["actions", "v4"]
	gha.remote_ref("octo/repo/.github/workflows/ci.yml@0123abc") == ["octo", "0123abc"]
	not gha.remote_ref("./local-action")
	not gha.remote_ref("docker://alpine:3")
	not gha.remote_ref("${{ matrix.action }}@v1")
	not gha.remote_ref("no-owner@v1")
}

test_action_name if {
	gha.action_name("Actions/Checkout@v4") == "actions/checkout"
	not gha.action_name(7)
}
