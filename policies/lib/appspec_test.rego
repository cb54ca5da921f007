package lib.appspec_test

import data.lib.appspec

test_hooks_with_their_paths if {
	doc := {"hooks": {
		"BeforeInstall": [{"location": "scripts/stop.sh", "runas": "root"}, "odd"],
		"AfterInstall": "not a list",
	}}
	appspec.hooks == {[["hooks", "BeforeInstall", 0], "BeforeInstall", {"location": "scripts/stop.sh", "runas": "root"}]} with input as {"document": doc}
}

test_ecs_and_odd_hooks_are_skipped if {
	count(appspec.hooks) == 0 with input as {"document": {"hooks": [{"BeforeInstall": "LambdaFunctionToValidate"}]}}
	count(appspec.hooks) == 0 with input as {"document": {"hooks": null}}
}

test_permissions_with_their_paths if {
	doc := {"permissions": [{"object": "/var/www", "mode": 777}, "odd"]}
	appspec.permissions == {[["permissions", 0], {"object": "/var/www", "mode": 777}]} with input as {"document": doc}
	count(appspec.permissions) == 0 with input as {"document": {"permissions": "x"}}
}
