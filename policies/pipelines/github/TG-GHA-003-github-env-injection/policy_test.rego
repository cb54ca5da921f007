package tollgate.pipelines.github.github_env_injection_test

import data.tollgate.pipelines.github.github_env_injection as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

test_untrusted_expression_written_to_env if {
	doc := {"on": "pull_request", "jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [
		{"run": "echo \"BRANCH=${{ github.head_ref }}\" >> $GITHUB_ENV"},
	]}}}
	found := findings(doc)
	count(found) == 1
	some v in found
	v.path == ["jobs", "a", "steps", 0, "run"]
	v.text == ">> $GITHUB_ENV"
}

test_privileged_trigger_forms if {
	doc := {"on": {"workflow_run": {"workflows": ["CI"]}}, "jobs": {"a": {"steps": [
		{"run": "echo \"PR=$(cat pr.txt)\" >> \"$GITHUB_ENV\"\necho ./bin >>${GITHUB_PATH}"},
	]}}}
	{v.text | some v in findings(doc)} == {">> \"$GITHUB_ENV\"", ">>${GITHUB_PATH}"}
	count(findings({"on": ["issue_comment"], "jobs": {"a": {"steps": [{"run": "echo X=1 >> $GITHUB_ENV"}]}}})) == 1
}

test_safe_cases if {
	# a trusted trigger, no untrusted expression
	count(findings({"on": ["push", "pull_request"], "jobs": {"a": {"steps": [
		{"run": "echo \"SHA=${{ github.sha }}\" >> $GITHUB_ENV"},
		{"env": {"T": "${{ github.event.issue.title }}"}, "run": "echo \"t=$T\" >> $GITHUB_OUTPUT"},
	]}}})) == 0
	# untrusted expression but no env/path write
	count(findings({"on": "issues", "jobs": {"a": {"steps": [{"run": "echo ${{ github.event.issue.title }} >> out.txt"}]}}})) == 0
	count(findings({"on": {"pull_request_target": null}, "jobs": {"a": {"uses": "./x.yml"}, "b": {"steps": "x"}, "c": {"steps": [null, {"run": 3}]}}})) == 0
	count(findings(null)) == 0
}

test_composite_inputs_and_other_shells if {
	doc := {"runs": {"using": "composite", "steps": [
		{"shell": "bash", "run": "echo \"A=1\" >> \"$GITHUB_ENV\"\necho \"B=${{ inputs.b }}\" >> \"$GITHUB_ENV\""},
		{"shell": "pwsh", "env": {"P": "${{ inputs.p }}"}, "run": "\"P=$env:P\" | Out-File -FilePath $env:GITHUB_ENV -Append"},
		{"shell": "cmd", "run": "echo X=1>> %GITHUB_ENV%"},
	]}}
	found := {[v.path[2], v.within] | some v in findings(doc)}
	found == {
		[0, "echo \"B=${{ inputs.b }}\" >> \"$GITHUB_ENV\""],
		[1, "\"P=$env:P\" | Out-File -FilePath $env:GITHUB_ENV -Append"],
	}
}
