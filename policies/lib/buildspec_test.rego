package lib.buildspec_test

import data.lib.buildspec as bs

doc := {
	"version": 0.2,
	"env": {"variables": {"STAGE": "prod"}, "secrets-manager": {"DB": "prod/db:password"}},
	"phases": {
		"install": {"commands": ["npm ci", 7]},
		"build": {"commands": ["make"], "finally": ["echo done"]},
		"post_build": "not a phase body",
	},
}

test_commands_with_their_paths if {
	bs.commands == {
		[["phases", "install", "commands", 0], "install", "npm ci"],
		[["phases", "build", "commands", 0], "build", "make"],
		[["phases", "build", "finally", 0], "build", "echo done"],
	} with input as {"document": doc}
}

test_variables_and_managed_secrets if {
	bs.variables == {"STAGE": "prod"} with input as {"document": doc}
	bs.has_managed_secrets with input as {"document": doc}
	not bs.has_managed_secrets with input as {"document": {"env": {"secrets-manager": {}}}}
}

test_odd_shapes_are_empty if {
	count(bs.commands) == 0 with input as {"document": {"phases": "x"}}
	bs.variables == {} with input as {"document": {"env": ["x"]}}
	bs.phases == {} with input as {"document": "not an object"}
}

test_segments_split_lines_and_operators if {
	bs.segments("a && b; c\n# note\n  d || e") == {"a", "b", "c", "d", "e"}
}

test_access_key_ids if {
	bs.access_key_ids("key=AKIAZ3MSJV4WWKAO7QPQ and AKIAIOSFODNN7EXAMPLE") == {"AKIAZ3MSJV4WWKAO7QPQ"}
	bs.access_key_ids(7) == set()
}
