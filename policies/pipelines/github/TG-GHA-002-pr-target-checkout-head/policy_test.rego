package tollgate.pipelines.github.pr_target_checkout_head_test

import data.tollgate.pipelines.github.pr_target_checkout_head as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

checkout(ref) := {"uses": "actions/checkout@v4", "with": {"ref": ref}}

test_pull_request_target_head_sha if {
	doc := {"on": {"pull_request_target": {"types": ["opened"]}}, "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": [
		checkout("${{ github.event.pull_request.head.sha }}"),
		{"run": "npm ci && npm test"},
	]}}}
	found := findings(doc)
	count(found) == 1
	some v in found
	v.path == ["jobs", "build", "steps", 0, "with", "ref"]
}

test_string_and_list_triggers if {
	count(findings({"on": "pull_request_target", "jobs": {"a": {"steps": [checkout("refs/pull/${{ github.event.number }}/merge")]}}})) == 1
	count(findings({"on": ["push", "workflow_run"], "jobs": {"a": {"steps": [checkout("${{ github.event.workflow_run.head_sha }}")]}}})) == 1
	count(findings({"on": "pull_request_target", "jobs": {"a": {"steps": [checkout("${{ github.head_ref }}")]}}})) == 1
}

test_safe_cases if {
	# pull_request: no secrets, so checking out the head is the normal thing to do
	count(findings({"on": "pull_request", "jobs": {"a": {"steps": [checkout("${{ github.event.pull_request.head.sha }}")]}}})) == 0
	# pull_request_target checking out the base (default) is fine
	count(findings({"on": "pull_request_target", "jobs": {
		"a": {"steps": [{"uses": "actions/checkout@v4"}, checkout("${{ github.event.pull_request.base.sha }}")]},
		"b": {"uses": "org/repo/.github/workflows/x.yml@main"},
		"c": {"steps": [null, {"uses": ["x"]}, {"uses": "actions/checkout@v4", "with": "x"}]},
	}})) == 0
	count(findings({"on": null, "jobs": "x"})) == 0
	count(findings([])) == 0
}

test_workflow_run_names_its_triggering_workflows_for_the_engine if {
	doc := {"on": {"workflow_run": {"workflows": ["Build", "Lint"]}}, "jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [
		checkout("${{ github.event.workflow_run.head_sha }}"),
	]}}}
	some v in findings(doc)
	v.unless_workflows.names == ["Build", "Lint"]
	"pull_request" in v.unless_workflows.events
	mixed := {"on": {"workflow_run": {"workflows": "Build"}, "pull_request_target": null}, "jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [
		checkout("${{ github.event.pull_request.head.sha }}"),
	]}}}
	some w in findings(mixed)
	w.unless_workflows == null
}
