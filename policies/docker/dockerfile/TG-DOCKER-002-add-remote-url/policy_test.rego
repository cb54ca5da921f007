package tollgate.docker.dockerfile.add_remote_url_test

import data.tollgate.docker.dockerfile.add_remote_url as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "dockerfile", "document": doc}
}

test_remote_add_blames_the_url if {
	doc := [
		{"cmd": "from", "value": ["alpine:3.20"], "flags": [], "stage": 0},
		{"cmd": "add", "value": ["https://github.com/krallin/tini/releases/download/v0.19.0/tini", "/tini"], "flags": [], "stage": 0},
	]
	{v.path | some v in findings(doc)} == {[1, "value", 0]}
}

test_local_add_copy_and_checksum_are_allowed if {
	doc := [
		{"cmd": "from", "value": ["alpine:3.20"], "flags": [], "stage": 0},
		{"cmd": "add", "value": ["rootfs.tar.gz", "/"], "flags": [], "stage": 0},
		{"cmd": "add", "value": ["https://example.com/tool.tar.gz", "/opt/"], "flags": ["--checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"], "stage": 0},
		{"cmd": "copy", "value": ["https://not-a-download", "/x"], "flags": [], "stage": 0},
	]
	count(findings(doc)) == 0
}
