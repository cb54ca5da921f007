package tollgate.docker.dockerfile.run_as_root_test

import data.tollgate.docker.dockerfile.run_as_root as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "dockerfile", "document": doc}
}

from(image, stage, name) := {"cmd": "from", "value": [image], "flags": [], "stage": stage, "stage_name": name}

ins(cmd, args, stage, name) := {"cmd": cmd, "value": args, "flags": [], "stage": stage, "stage_name": name}

test_no_user_in_final_stage_blames_its_from if {
	doc := [
		from("golang:1.22", 0, "build"),
		ins("user", ["builder"], 0, "build"),
		ins("run", ["go build -o /out/app ./cmd/app"], 0, "build"),
		from("debian:bookworm-slim", 1, null),
		ins("copy", ["/out/app", "/usr/local/bin/app"], 1, null),
		ins("entrypoint", ["/usr/local/bin/app"], 1, null),
	]
	{v.path | some v in findings(doc)} == {[3]}
}

test_last_user_root_blames_the_user if {
	doc := [
		from("python:3.12-slim", 0, null),
		ins("user", ["app"], 0, null),
		ins("run", ["pip install -r requirements.txt"], 0, null),
		ins("user", ["0:0"], 0, null),
		ins("cmd", ["python", "app.py"], 0, null),
	]
	{v.path | some v in findings(doc)} == {[3]}
}

test_unprivileged_user_is_allowed if {
	doc := [
		from("node:20.11-alpine", 0, null),
		ins("user", ["root"], 0, null),
		ins("run", ["apk add --no-cache tini"], 0, null),
		ins("user", ["node"], 0, null),
	]
	count(findings(doc)) == 0
}

test_user_inherited_from_an_earlier_stage if {
	doc := [
		from("debian:bookworm-slim", 0, "base"),
		ins("user", ["10001"], 0, "base"),
		from("base", 1, "final"),
		ins("copy", ["app", "/app"], 1, "final"),
	]
	count(findings(doc)) == 0
}

test_nonroot_base_image_is_allowed if {
	doc := [
		from("golang:1.22", 0, "build"),
		from("gcr.io/distroless/static-debian12:nonroot", 1, null),
		ins("copy", ["/out/app", "/app"], 1, null),
	]
	count(findings(doc)) == 0
}
