package tollgate.pipelines.gitlab.debug_trace_test

import data.tollgate.pipelines.gitlab.debug_trace as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": doc}
}

test_debug_trace_is_denied if {
	doc := {
		"variables": {"CI_DEBUG_TRACE": "true"},
		"job": {"variables": {"CI_DEBUG_TRACE": true}, "script": "x"},
		"job2": {"variables": {"CI_DEBUG_SERVICES": {"value": "TRUE"}}, "script": "x"},
	}
	{v.path | some v in findings(doc)} == {
		["variables", "CI_DEBUG_TRACE"],
		["job", "variables", "CI_DEBUG_TRACE"],
		["job2", "variables", "CI_DEBUG_SERVICES"],
	}
}

test_disabled_or_unrelated_is_allowed if {
	doc := {"variables": {"CI_DEBUG_TRACE": "false", "DEBUG": "true"}, "job": {"variables": {"CI_DEBUG_TRACE": "$DEBUG"}}}
	count(findings(doc)) == 0
}

test_unexpected_shapes_do_not_error if {
	count(findings({"variables": "x", "job": {"variables": null}})) == 0
	count(findings({"variables": {"CI_DEBUG_TRACE": null}, "job": {"variables": {"CI_DEBUG_TRACE": ["true"]}}})) == 0
}
