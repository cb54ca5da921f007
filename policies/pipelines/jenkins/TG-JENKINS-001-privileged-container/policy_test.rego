package tollgate.pipelines.jenkins.privileged_container_test

import data.tollgate.pipelines.jenkins.privileged_container as p

findings(script, steps) := found if {
	found := p.deny with input as {
		"kind": "jenkins",
		"document": {"steps": array.concat([{"step": "sh", "args": [script]}], steps)},
		"facets": {"scripts": [{"path": ["steps", 0, "args", 0], "script": script, "origin": "jenkins step"}]},
	}
}

test_privileged_runs_are_denied if {
	count(findings("docker run --rm --privileged -v /:/host alpine sh", [])) == 1
	count(findings("docker container run --privileged=true x", [])) == 1
	{f.path | some f in findings("make", [{"step": "inside", "args": ["-u root --privileged"]}])} == {["steps", 1, "args", 0]}
}

test_unprivileged_is_allowed if {
	count(findings("docker run --rm -v $PWD:/src alpine make", [{"step": "inside", "args": ["-u root"]}])) == 0
	count(findings("docker build --privileged .", [])) == 0
}
