package tollgate.pipelines.github.expression_injection_test

import data.tollgate.pipelines.github.expression_injection as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

test_issue_title_in_run if {
	doc := {"on": {"issues": {"types": ["opened"]}}, "jobs": {"triage": {"runs-on": "ubuntu-latest", "steps": [
		{"uses": "actions/checkout@v4"},
		{"name": "Echo", "run": "echo \"New issue: ${{ github.event.issue.title }}\"\necho done"},
	]}}}
	found := findings(doc)
	count(found) == 1
	some v in found
	v.path == ["jobs", "triage", "steps", 1, "run"]
	v.text == "${{ github.event.issue.title }}"
}

test_github_script_and_head_ref if {
	doc := {"on": "pull_request_target", "jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [
		{"uses": "actions/github-script@v7", "with": {"script": "const t = '${{ github.event.pull_request.title }}'"}},
		{"run": "git checkout ${{github.head_ref}}"},
		{"run": "echo ${{ github.event.commits[0].message }}"},
	]}}}
	found := findings(doc)
	{v.path | some v in found} == {
		["jobs", "a", "steps", 0, "with", "script"],
		["jobs", "a", "steps", 1, "run"],
		["jobs", "a", "steps", 2, "run"],
	}
	some v in found
	v.text == "${{github.head_ref}}"
}

test_composite_action if {
	doc := {"runs": {"using": "composite", "steps": [{"shell": "bash", "run": "echo ${{ github.event.comment.body }}"}]}}
	some v in findings(doc)
	v.path == ["runs", "steps", 0, "run"]
}

test_safe_patterns if {
	doc := {"on": ["issues", "push"], "jobs": {
		"a": {"runs-on": "ubuntu-latest", "steps": [
			{"env": {"TITLE": "${{ github.event.issue.title }}"}, "run": "echo \"$TITLE\""},
			{"run": "echo ${{ github.event.issue.number }} ${{ github.sha }} ${{ github.event.pull_request.head.sha }}"},
			{"run": "echo ${{ contains(github.event.issue.title, 'bug') }}"},
			{"uses": "actions/checkout@v4", "with": {"ref": "${{ github.head_ref }}"}},
		]},
		"b": {"uses": "./.github/workflows/reusable.yml"},
		"c": {"steps": "${{ matrix.steps }}"},
		"d": {"steps": [null, "x", {"run": ["not", "a", "string"]}]},
	}}
	count(findings(doc)) == 0
}

test_malformed_documents if {
	count(findings("just a string")) == 0
	count(findings({"jobs": null})) == 0
	count(findings({"jobs": ["x"]})) == 0
	count(findings({"runs": "x"})) == 0
	count(findings({"jobs": {"a": {"steps": [{"uses": ["x"], "with": "y"}]}}})) == 0
}

test_script_inputs_of_other_actions if {
	doc := {"on": "pull_request_target", "jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [
		{"uses": "azure/powershell@v2", "with": {"InlineScript": "Write-Host '${{ github.head_ref }}'"}},
		{"uses": "mikefarah/yq@v4", "with": {"cmd": "yq '.a = \"${{ github.event.pull_request.title }}\"' f"}},
		{"uses": "some/other@v1", "with": {"cmd": "${{ github.event.pull_request.title }}"}},
	]}}}
	{v.path | some v in findings(doc)} == {["jobs", "a", "steps", 0, "with", "InlineScript"], ["jobs", "a", "steps", 1, "with", "cmd"]}
}

test_env_matrix_and_outputs_carry_event_data if {
	doc := {"on": "issues", "env": {"T": "${{ github.event.issue.title }}", "N": "${{ github.event.issue.number }}"}, "jobs": {"a": {
		"runs-on": "ubuntu-latest",
		"strategy": {"matrix": {"include": [{"msg": "${{ github.event.issue.body }}"}]}},
		"steps": [
			{"run": "echo ${{ env.T }} ${{ env.N }}"},
			{"env": {"T": "fixed"}, "run": "echo ${{ env.T }}"},
			{"run": "echo ${{ matrix.msg }}"},
			{"id": "s", "run": "echo \"x=${{ github.event.issue.title }}\" >> $GITHUB_OUTPUT"},
			{"run": "echo ${{ steps.s.outputs.x }}"},
		],
	}}}
	found := findings(doc)
	{[v.path[3], v.text] | some v in found} == {
		[0, "${{ env.T }}"],
		[2, "${{ matrix.msg }}"],
		[3, "${{ github.event.issue.title }}"],
		[4, "${{ steps.s.outputs.x }}"],
	}
}

test_action_inputs_and_free_text_workflow_inputs if {
	composite := {"inputs": {"x": {}}, "runs": {"using": "composite", "steps": [{"shell": "bash", "run": "echo ${{ inputs.x }}"}]}}
	count(findings(composite)) == 1
	undeclared := {"on": "workflow_dispatch", "jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [{"run": "echo ${{ inputs.x }}"}]}}}
	count(findings(undeclared)) == 0
	workflow := {
		"on": {
			"workflow_dispatch": {"inputs": {"note": {"required": true}, "env": {"type": "choice", "options": ["a"]}}},
			"workflow_call": {"inputs": {"Tag": {"type": "string"}, "n": {"type": "number"}}},
		},
		"jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [
			{"run": "echo ${{ inputs.note }} ${{ inputs.env }}"},
			{"run": "echo ${{ github.event.inputs.note }}"},
			{"run": "echo ${{ inputs.tag }} ${{ inputs.n }}"},
		]}},
	}
	{[v.path[3], v.text] | some v in findings(workflow)} == {
		[0, "${{ inputs.note }}"],
		[1, "${{ github.event.inputs.note }}"],
		[2, "${{ inputs.tag }}"],
	}
}

test_more_outsider_fields if {
	doc := {"on": "workflow_run", "jobs": {"a": {"runs-on": "ubuntu-latest", "steps": [
		{"run": "echo ${{ github.event.workflow_run.display_title }}"},
		{"run": "echo ${{ github.event.pull_request.head.repo.default_branch }}"},
		{"run": "echo ${{ github.event.head_commit.committer.name }}"},
		{"run": "echo ${{ github.event.workflow_run.head_repository.full_name }}"},
	]}}}
	{v.path[3] | some v in findings(doc)} == {0, 1, 2}
}
