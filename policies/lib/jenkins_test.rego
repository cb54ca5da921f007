package lib.jenkins_test

import data.lib.jenkins

test_commands_of_script_steps if {
	inp := {
		"document": {"steps": [{"step": "sh", "args": ["docker run x && echo hi"]}]},
		"facets": {"scripts": [{"path": ["steps", 0, "args", 0], "script": "docker run x && echo hi", "origin": "jenkins step"}]},
	}
	names := {c.name | some [_, _, c] in jenkins.commands with input as inp}
	names == {"docker", "echo"}
}

test_references if {
	jenkins.is_reference("$PASS")
	jenkins.is_reference("\"${PASS}\"")
	not jenkins.is_reference("hunter2")
}
