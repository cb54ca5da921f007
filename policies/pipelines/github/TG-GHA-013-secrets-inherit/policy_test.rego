package tollgate.pipelines.github.hygiene.secrets_inherit_test

import data.tollgate.pipelines.github.hygiene.secrets_inherit as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

test_secrets_inherit_is_denied if {
	doc := {"on": "push", "jobs": {"deploy": {"uses": "acme/wf/.github/workflows/deploy.yml@v1", "secrets": "inherit"}}}
	{v.path | some v in findings(doc)} == {["jobs", "deploy", "secrets"]}
}

test_explicit_secrets_are_allowed if {
	doc := {"on": "push", "jobs": {
		"deploy": {"uses": "./.github/workflows/deploy.yml", "secrets": {"TOKEN": "${{ secrets.TOKEN }}"}},
		"other": {"uses": "./.github/workflows/x.yml"},
		"odd": {"runs-on": "ubuntu-latest", "secrets": "inherit"},
		"bad": null,
	}}
	count(findings(doc)) == 0
	count(findings("x")) == 0
}
