package tollgate.docker.dockerfile.base_image_latest_test

import data.tollgate.docker.dockerfile.base_image_latest as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "dockerfile", "document": doc}
}

test_untagged_and_latest_bases if {
	doc := [
		{"cmd": "from", "value": ["maven"], "stage": 0, "stage_name": "build"},
		{"cmd": "run", "value": ["mvn -B package"], "stage": 0, "stage_name": "build"},
		{"cmd": "from", "value": ["eclipse-temurin:latest"], "stage": 1, "stage_name": null},
	]
	{v.path | some v in findings(doc)} == {[0, "value", 0], [2, "value", 0]}
}

test_pinned_stage_refs_scratch_and_args_are_allowed if {
	doc := [
		{"cmd": "arg", "value": ["BASE=debian:bookworm-slim"], "pairs": {"BASE": "debian:bookworm-slim"}, "stage": null, "stage_name": null},
		{"cmd": "from", "value": ["golang:1.22.5-bookworm"], "stage": 0, "stage_name": "Builder"},
		{"cmd": "from", "value": ["builder"], "stage": 1, "stage_name": "test"},
		{"cmd": "from", "value": ["${BASE}"], "stage": 2, "stage_name": "runtime"},
		{"cmd": "from", "value": ["scratch"], "stage": 3, "stage_name": null},
		{"cmd": "from", "value": ["alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5"], "stage": 4, "stage_name": null},
	]
	count(findings(doc)) == 0
}
