package tollgate.pipelines.github.hygiene.unpinned_action_test

import data.tollgate.pipelines.github.hygiene.unpinned_action as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

paths(doc) := {v.path | some v in findings(doc)}

test_tag_and_branch_refs_are_denied if {
	doc := {"on": "push", "jobs": {
		"build": {"runs-on": "ubuntu-latest", "steps": [
			{"uses": "actions/checkout@v4"},
			{"uses": "tj-actions/changed-files@v45"},
			{"uses": "docker/login-action@master"},
		]},
		"deploy": {"uses": "acme/workflows/.github/workflows/deploy.yml@main"},
	}}
	paths(doc) == {["jobs", "build", "steps", 1, "uses"], ["jobs", "build", "steps", 2, "uses"], ["jobs", "deploy", "uses"]}
}

test_composite_action_steps_are_checked if {
	doc := {"runs": {"using": "composite", "steps": [{"uses": "some/action@v1"}]}}
	paths(doc) == {["runs", "steps", 0, "uses"]}
}

test_sha_first_party_local_and_docker_are_allowed if {
	doc := {"on": "push", "jobs": {
		"build": {"runs-on": "ubuntu-latest", "steps": [
			{"uses": "actions/checkout@v4"},
			{"uses": "github/codeql-action/init@v3"},
			{"uses": "tj-actions/changed-files@48d8f15b2aaa3d255ca5af3eba4870f807ce6b3c"},
			{"uses": "./.github/actions/setup"},
			{"uses": "docker://alpine:3.20"},
			{"run": "make"},
			"not-a-step",
		]},
		"deploy": {"uses": "./.github/workflows/deploy.yml"},
	}}
	count(findings(doc)) == 0
}

test_malformed_documents_do_not_error if {
	count(findings("jobs")) == 0
	count(findings({"jobs": null})) == 0
	count(findings({"jobs": {"a": {"steps": "x"}, "b": null, "c": {"steps": [{"uses": 3}]}}})) == 0
	count(findings({"runs": "x"})) == 0
}
