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
