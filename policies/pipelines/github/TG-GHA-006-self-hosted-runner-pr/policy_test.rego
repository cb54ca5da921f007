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
	{v.path | some v in findings(doc)} == {["jobs", "a", "runs-on"], ["jobs", "b", "runs-on"], ["jobs", "c", "runs-on"]}
	count(findings({"on": "pull_request_target", "jobs": {"a": {"runs-on": "self-hosted"}}})) == 1
	count(findings({"on": ["push", "pull_request"], "jobs": {"a": {"runs-on": ["self-hosted"]}}})) == 1
}

test_other_triggers_and_runners if {
	count(findings({"on": ["push", "workflow_dispatch"], "jobs": {"a": {"runs-on": "self-hosted"}}})) == 0
	count(findings({"on": "pull_request", "jobs": {
		"a": {"runs-on": "ubuntu-latest"},
		"b": {"runs-on": "${{ matrix.os }}"},
		"c": {"runs-on": {"group": "ci"}},
		"d": {"runs-on": [null, 3]},
		"e": null,
		"f": {"uses": "./.github/workflows/x.yml"},
	}})) == 0
	count(findings({"on": null, "jobs": []})) == 0
}
