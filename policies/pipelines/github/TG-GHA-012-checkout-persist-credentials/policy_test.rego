package tollgate.pipelines.github.hygiene.checkout_persist_credentials_test

import data.tollgate.pipelines.github.hygiene.checkout_persist_credentials as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

paths(doc) := {v.path | some v in findings(doc)}

wf(steps) := {"on": "push", "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": steps}}}

test_checkout_then_upload_is_denied if {
	doc := wf([
		{"uses": "actions/checkout@v4"},
		{"run": "make"},
		{"uses": "actions/upload-artifact@v4", "with": {"path": "."}},
	])
	paths(doc) == {["jobs", "build", "steps", 0, "uses"]}
}

test_persist_credentials_true_is_denied if {
	doc := wf([
		{"uses": "actions/checkout@v4", "with": {"persist-credentials": true}},
		{"uses": "actions/upload-artifact@v4"},
	])
	paths(doc) == {["jobs", "build", "steps", 0, "uses"]}
}

test_safe_jobs_are_allowed if {
	count(findings(wf([
		{"uses": "actions/checkout@v4", "with": {"persist-credentials": false}},
		{"uses": "actions/upload-artifact@v4"},
	]))) == 0
	count(findings(wf([
		{"uses": "actions/checkout@v4", "with": {"persist-credentials": "false"}},
		{"uses": "actions/upload-artifact@v4"},
	]))) == 0
	count(findings(wf([{"uses": "actions/checkout@v4"}, {"run": "make test"}]))) == 0
}

test_upload_before_checkout_is_the_workflow_wide_finding if {
	some v in findings(wf([{"uses": "actions/upload-artifact@v4"}, {"uses": "actions/checkout@v4"}]))
	contains(v.msg, "in a workflow that uploads artifacts")
}

test_malformed_documents_do_not_error if {
	count(findings(wf("x"))) == 0
	count(findings(wf([null, {"uses": "actions/checkout@v4", "with": "x"}, {"uses": ["actions/upload-artifact@v4"]}]))) == 0
	count(findings({"jobs": "x"})) == 0
}

test_checkout_in_another_job_of_an_uploading_workflow if {
	doc := {"on": "push", "jobs": {
		"build": {"runs-on": "ubuntu-latest", "steps": [
			{"uses": "actions/checkout@v4", "with": {"persist-credentials": false}},
			{"uses": "actions/upload-artifact@v4", "with": {"path": "dist"}},
		]},
		"lint": {"runs-on": "ubuntu-latest", "steps": [{"uses": "actions/checkout@v4"}, {"run": "make lint"}]},
	}}
	paths(doc) == {["jobs", "lint", "steps", 0, "uses"]}
	no_upload := {"on": "push", "jobs": {"lint": {"runs-on": "ubuntu-latest", "steps": [{"uses": "actions/checkout@v4"}]}}}
	count(findings(no_upload)) == 0
}
