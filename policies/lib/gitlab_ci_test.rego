package lib.gitlab_ci_test

import data.lib.gitlab_ci as gl

doc := {
	"stages": ["build"],
	"variables": {"GLOBAL": "1"},
	"default": {"image": "ruby:3.3"},
	".template": {"script": ["echo hidden"]},
	"build": {
		"image": {"name": "node:20"},
		"variables": {"TOKEN": {"value": "x", "description": "d"}},
		"script": ["npm ci", ["nested"]],
		"extends": ".template",
	},
	"odd": "not a job",
}

test_jobs_skip_keywords_and_odd_bodies if {
	{name | some name, _ in gl.jobs} == {".template", "build"} with input as {"document": doc}
}

test_variables_and_values if {
	{[path, key] | some [path, key, _] in gl.variables} == {
		[["variables", "GLOBAL"], "GLOBAL"],
		[["build", "variables", "TOKEN"], "TOKEN"],
	} with input as {"document": doc}
	gl.value({"value": "x", "description": "d"}) == "x"
	gl.value("plain") == "plain"
}

test_images_with_their_paths if {
	gl.images == {[["default", "image"], "ruby:3.3"], [["build", "image", "name"], "node:20"]} with input as {"document": doc}
}

test_scripts_with_their_paths if {
	{[path, s] | some [path, s] in gl.scripts} == {
		[[".template", "script", 0], "echo hidden"],
		[["build", "script", 0], "npm ci"],
		[["build", "script", 1, 0], "nested"],
	} with input as {"document": doc}
}

test_includes_and_extends if {
	gl.includes == {[["include"], "https://example.com/ci.yml"]} with input as {"document": {"include": "https://example.com/ci.yml"}}
	gl.includes == {[["include", 0], {"remote": "x"}]} with input as {"document": {"include": [{"remote": "x"}]}}
	gl.extends({"extends": ".a"}) == [".a"]
	gl.extends({"extends": [".a", 7]}) == [".a"]
	gl.extends({}) == []
}

test_a_document_that_is_not_an_object if {
	count(gl.jobs) == 0 with input as {"document": ["x"]}
}
