package tollgate.pipelines.codedeploy.world_writable_permissions_test

import data.tollgate.pipelines.codedeploy.world_writable_permissions as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codedeploy-appspec", "document": doc}
}

test_world_writable_modes_are_denied if {
	doc := {"version": 0.0, "os": "linux", "permissions": [
		{"object": "/var/www/app", "mode": 777, "type": ["directory"]},
		{"object": "/var/www/app/config", "mode": "0666", "type": ["file"]},
		{"object": "/var/www/app/bin", "mode": 757},
		{"object": "/var/www/app/public", "mode": 755},
	]}
	{v.path | some v in findings(doc)} == {["permissions", 0, "mode"], ["permissions", 1, "mode"], ["permissions", 2, "mode"]}
}

test_private_modes_are_allowed if {
	doc := {"version": 0.0, "os": "linux", "permissions": [
		{"object": "/var/www/app", "mode": 755},
		{"object": "/var/www/app/config", "mode": "0640"},
		{"object": "/var/www/app/run", "mode": 775},
		{"object": "/var/www/app/x", "owner": "app"},
	]}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"permissions": "x"})) == 0
	count(findings({"permissions": [null, "a", {"mode": null}, {"mode": [777]}, {"mode": 7.5}, {"mode": "rwx"}]})) == 0
}
