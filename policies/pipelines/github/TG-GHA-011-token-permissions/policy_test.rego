package tollgate.pipelines.github.hygiene.token_permissions_test

import data.tollgate.pipelines.github.hygiene.token_permissions as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

paths(doc) := {v.path | some v in findings(doc)}

test_missing_permissions_is_denied if {
	doc := {"on": {"push": null}, "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": [{"run": "make"}]}}}
	paths(doc) == {["on"]}
}

test_write_all_is_denied if {
	doc := {"on": "push", "permissions": "write-all", "jobs": {
		"a": {"runs-on": "ubuntu-latest", "permissions": "write-all", "steps": []},
		"b": {"runs-on": "ubuntu-latest", "permissions": {"contents": "read"}, "steps": []},
	}}
	paths(doc) == {["permissions"], ["jobs", "a", "permissions"]}
}

test_restricted_permissions_are_allowed if {
	count(findings({"on": "push", "permissions": {"contents": "read"}, "jobs": {"a": {"steps": []}}})) == 0
	count(findings({"on": "push", "permissions": {}, "jobs": {"a": {"steps": []}}})) == 0
	count(findings({"on": "push", "jobs": {"a": {"permissions": {"contents": "read"}, "steps": []}}})) == 0
}

test_actions_and_malformed_documents_are_ignored if {
	count(findings({"name": "x", "runs": {"using": "composite", "steps": []}})) == 0
	count(findings("on")) == 0
	count(findings({"on": "push", "jobs": null})) == 0
	count(findings({"on": "push", "jobs": {"a": null}})) == 0
	count(findings({"on": "push", "permissions": 3, "jobs": {"a": {"permissions": ["write-all"]}}})) == 0
}

test_read_all_and_shared_write_scopes if {
	doc := {"on": "push", "permissions": {"contents": "read", "packages": "write"}, "jobs": {
		"build": {"runs-on": "ubuntu-latest", "steps": []},
		"publish": {"runs-on": "ubuntu-latest", "steps": []},
		"lint": {"runs-on": "ubuntu-latest", "permissions": "read-all", "steps": []},
	}}
	found := {v.path | some v in findings(doc)}
	found == {["permissions", "packages"], ["jobs", "lint", "permissions"]}
	one_job := {"on": "push", "permissions": {"packages": "write"}, "jobs": {
		"publish": {"runs-on": "ubuntu-latest", "steps": []},
		"lint": {"runs-on": "ubuntu-latest", "permissions": {}, "steps": []},
	}}
	count(findings(one_job)) == 0
}
