package tollgate.pipelines.github.self_hosted_runner_pr_test

import data.tollgate.pipelines.github.self_hosted_runner_pr as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

test_forms if {
	doc := {"on": {"pull_request": {"branches": ["main"]}}, "jobs": {
		"a": {"runs-on": "self-hosted", "steps": []},
		"b": {"runs-on": ["self-hosted", "linux", "x64"]},
		"c": {"runs-on": {"group": "ci", "labels": ["Self-Hosted"]}},
		"d": {"runs-on": "ubuntu-latest"},
	}}
	{v.path | some v in findings(doc)} == {["jobs", "a", "runs-on"], ["jobs", "b", "runs-on", 0], ["jobs", "c", "runs-on", "labels", 0]}
	count(findings({"on": "pull_request_target", "jobs": {"a": {"runs-on": "self-hosted"}}})) == 1
	count(findings({"on": ["push", "pull_request"], "jobs": {"a": {"runs-on": ["self-hosted"]}}})) == 1
}

test_other_triggers_and_runners if {
	count(findings({"on": ["push", "workflow_dispatch"], "jobs": {"a": {"runs-on": "self-hosted"}}})) == 0
	count(findings({"on": "pull_request", "jobs": {
		"a": {"runs-on": "ubuntu-latest"},
		"b": {"runs-on": "${{ matrix.os }}"},
		"c": {"runs-on": ["${{ matrix.os }}", "linux"]},
		"d": {"runs-on": [null, 3]},
		"e": null,
		"f": {"uses": "./.github/workflows/x.yml"},
	}})) == 0
	count(findings({"on": null, "jobs": []})) == 0
}

test_runner_groups_and_custom_labels if {
	doc := {"on": "pull_request", "jobs": {
		"g": {"runs-on": {"group": "ci-runners"}},
		"l": {"runs-on": ["linux", "gpu"]},
		"m": {"runs-on": {"labels": ["ubuntu-latest", "arm64"]}},
		"h": {"runs-on": ["ubuntu-24.04"]},
		"w": {"runs-on": "windows-2022"},
	}}
	{v.path | some v in findings(doc)} == {["jobs", "g", "runs-on", "group"], ["jobs", "l", "runs-on", 0], ["jobs", "m", "runs-on", "labels", 1]}
}
