package tollgate.compose.services.privileged_or_host_network_test

import data.tollgate.compose.services.privileged_or_host_network as p

findings(services) := found if {
	found := p.deny with input as {"kind": "docker-compose", "document": {"services": services}}
}

test_privileged_and_host_network if {
	found := findings({
		"dind": {"image": "docker:27-dind", "privileged": true},
		"exporter": {"image": "prom/node-exporter:v1.8.2", "network_mode": "host"},
		"web": {"image": "nginx:1.27", "privileged": false},
	})
	{v.path | some v in found} == {["services", "dind", "privileged"], ["services", "exporter", "network_mode"]}
}

test_default_settings_are_allowed if {
	found := findings({
		"web": {"image": "nginx:1.27", "cap_add": ["NET_BIND_SERVICE"]},
		"worker": {"image": "app:1.2", "network_mode": "service:web"},
		"empty": null,
	})
	count(found) == 0
}
