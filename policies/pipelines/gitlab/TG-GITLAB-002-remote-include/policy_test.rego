package tollgate.pipelines.gitlab.remote_include_test

import data.tollgate.pipelines.gitlab.remote_include as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": doc}
}

test_remote_includes_without_integrity_are_denied if {
	doc := {"include": [
		{"local": "/ci/a.yml"},
		{"remote": "https://example.com/a.yml"},
		"https://example.com/b.yml",
		"/ci/local.yml",
	]}
	{v.path | some v in findings(doc)} == {["include", 1, "remote"], ["include", 2]}
	{v.path | some v in findings({"include": "https://example.com/c.yml"})} == {["include"]}
	{v.path | some v in findings({"include": {"remote": "http://example.com/c.yml"}})} == {["include", "remote"]}
}

test_pinned_and_local_includes_are_allowed if {
	doc := {"include": [
		{"remote": "https://example.com/a.yml", "integrity": "sha256-L2pYbE7ZfIP5DCnQNm2ItQbRk3Jx0fI4Y9nL2R8V0vM="},
		{"project": "acme/ci", "ref": "v1.2.3", "file": "/t.yml"},
		{"template": "Jobs/Build.gitlab-ci.yml"},
		"/ci/local.yml",
	]}
	count(findings(doc)) == 0
}

test_unexpected_shapes_do_not_error if {
	count(findings({"include": null})) == 0
	count(findings({"include": [null, [], {"remote": null}, {"remote": ["x"]}, 3]})) == 0
	count(findings({"include": {"remote": {"x": 1}}})) == 0
	count(findings("text")) == 0
}
