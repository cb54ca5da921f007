package tollgate.pipelines.codebuild.env_dump_test

import data.tollgate.pipelines.codebuild.env_dump as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codebuild-buildspec", "document": doc}
}

test_env_dumps_are_denied if {
	doc := {"version": 0.2, "phases": {
		"install": {"commands": ["printenv", "echo ok && env | sort"]},
		"build": {"commands": ["export -p\nmake build\n"], "finally": ["set"]},
	}}
	{[v.path, v.text] | some v in findings(doc)} == {
		[["phases", "install", "commands", 0], "printenv"],
		[["phases", "install", "commands", 1], "env | sort"],
		[["phases", "build", "commands", 0], "export -p"],
		[["phases", "build", "finally", 0], "set"],
	}
}

test_set_x_only_with_managed_secrets if {
	cmds := {"build": {"commands": ["set -ex", "make"]}}
	count(findings({"version": 0.2, "phases": cmds})) == 0
	doc := {"version": 0.2, "env": {"secrets-manager": {"DB_PASSWORD": "prod/db:password"}}, "phases": cmds}
	{v.path | some v in findings(doc)} == {["phases", "build", "commands", 0]}
}

test_targeted_commands_are_allowed if {
	doc := {"version": 0.2, "env": {"parameter-store": {"TOKEN": "/ci/token"}}, "phases": {"build": {"commands": [
		"printenv HOME",
		"env NODE_ENV=production npm run build",
		"set -e",
		"set +x",
		"set -o pipefail",
		"echo $CODEBUILD_BUILD_ID",
	]}}}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"env": {"parameter-store": "x"}, "phases": {"build": {"commands": [null, 1, {"a": "env"}]}}})) == 0
}
