package tollgate.pipelines.gitlab.input_interpolation_in_script_test

import data.tollgate.pipelines.gitlab.input_interpolation_in_script as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": doc}
}

test_free_text_input_in_script if {
	doc := {"spec": {"inputs": {"env": {"default": "dev"}}}, "deploy": {"script": ["echo start", "./deploy $[[ inputs.env ]]"]}}
	some v in findings(doc)
	v.path == ["deploy", "script", 1]
	v.text == "$[[ inputs.env ]]"
}

test_constrained_or_escaped_inputs if {
	doc := {
		"spec": {"inputs": {
			"mode": {"options": ["a", "b"]},
			"n": {"type": "number"},
			"tag": {"regex": "^v[0-9.]+$"},
			"free": {},
		}},
		"job": {
			"variables": {"FREE": "$[[ inputs.free ]]"},
			"script": "./run $[[ inputs.mode ]] $[[ inputs.n ]] $[[ inputs.tag ]] $[[ inputs.free | posix_escape ]] \"$FREE\"",
		},
	}
	count(findings(doc)) == 0
}

test_undeclared_input_and_before_script if {
	doc := {".base": {"before_script": [["echo $[[ inputs.msg | truncate(0,10) ]]"]]}}
	some v in findings(doc)
	v.path == [".base", "before_script", 0, 0]
}
