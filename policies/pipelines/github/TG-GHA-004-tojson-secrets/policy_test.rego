package tollgate.pipelines.github.tojson_secrets_test

import data.tollgate.pipelines.github.tojson_secrets as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

test_env_run_and_with if {
	doc := {"on": "push", "env": {"ALL": "${{ toJSON(secrets) }}"}, "jobs": {"deploy": {"runs-on": "ubuntu-latest", "steps": [
		{"env": {"SECRETS": "${{ toJson(secrets) }}"}, "run": "./deploy.sh"},
		{"run": "echo '${{ toJSON( secrets ) }}' > s.json"},
		{"uses": "some/action@v1", "with": {"all": "${{ toJSON(secrets) }}"}},
	]}}}
	found := findings(doc)
	{v.path | some v in found} == {
		["env", "ALL"],
		["jobs", "deploy", "steps", 0, "env", "SECRETS"],
		["jobs", "deploy", "steps", 1, "run"],
		["jobs", "deploy", "steps", 2, "with", "all"],
	}
	some v in found
	v.text == "${{ toJson(secrets) }}"
}

test_single_secrets_and_other_tojson_are_fine if {
	doc := {"on": "push", "jobs": {"a": {"steps": [
		{"env": {"TOKEN": "${{ secrets.NPM_TOKEN }}", "CTX": "${{ toJSON(github.event) }}"}, "run": "echo ${{ toJSON(matrix) }}"},
		{"with": "x", "env": ["y"]},
		null,
	]}, "b": {"uses": "./.github/workflows/r.yml", "secrets": "inherit"}}}
	count(findings(doc)) == 0
	count(findings({"jobs": [], "env": "x"})) == 0
}
