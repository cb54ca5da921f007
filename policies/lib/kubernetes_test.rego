package lib.kubernetes_test

import data.lib.kubernetes

test_deployment_containers if {
	doc := {"kind": "Deployment", "spec": {"template": {"spec": {
		"containers": [{"name": "app"}],
		"initContainers": [{"name": "init"}],
	}}}}
	found := kubernetes.containers with input as {"document": doc}
	found == {
		[["spec", "template", "spec", "containers", 0], {"name": "app"}],
		[["spec", "template", "spec", "initContainers", 0], {"name": "init"}],
	}
}

test_cronjob_and_pod if {
	cron := {"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c"}]}}}}}}
	count(kubernetes.containers) == 1 with input as {"document": cron}
	pod := {"kind": "Pod", "spec": {"containers": [{"name": "a"}, {"name": "b"}]}}
	count(kubernetes.containers) == 2 with input as {"document": pod}
}

test_null_specs_and_entries_are_skipped if {
	pod := {"kind": "Pod", "spec": {"containers": [null, {"name": "a"}], "initContainers": null}}
	kubernetes.containers == {[["spec", "containers", 1], {"name": "a"}]} with input as {"document": pod}
	count(kubernetes.containers) == 0 with input as {"document": {"kind": "Pod", "spec": null}}
	kubernetes.pod_spec == {} with input as {"document": {"kind": "Pod", "spec": null}}
}
