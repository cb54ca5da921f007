package tollgate.kubernetes.service.load_balancer_restricted_port_test

import data.tollgate.kubernetes.service.load_balancer_restricted_port as p

service(annotations, spec) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "postgres", "annotations": annotations}, "spec": spec}

findings(doc) := found if {
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
}

test_public_load_balancer_with_database_port if {
	doc := service({}, {"type": "LoadBalancer", "ports": [
		{"name": "metrics", "port": 9187},
		{"name": "postgres", "port": 5432, "targetPort": 5432},
	]})
	found := findings(doc)
	{v.path | some v in found} == {["spec", "ports", 1]}
	some v in found
	contains(v.msg, "PostgreSQL (5432)")
}

test_world_source_range_is_open if {
	doc := service({}, {"type": "LoadBalancer", "loadBalancerSourceRanges": ["10.0.0.0/8", "0.0.0.0/0"], "ports": [{"port": 22}]})
	{v.path | some v in findings(doc)} == {["spec", "ports", 0]}
}

test_restricted_ranges_and_internal_lbs_are_allowed if {
	ranged := service({}, {"type": "LoadBalancer", "loadBalancerSourceRanges": ["203.0.113.0/24"], "ports": [{"port": 5432}]})
	count(findings(ranged)) == 0
	annotated := service({"service.beta.kubernetes.io/load-balancer-source-ranges": "10.20.0.0/16, 10.30.0.0/16"}, {"type": "LoadBalancer", "ports": [{"port": 5432}]})
	count(findings(annotated)) == 0
	internal := service({"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"}, {"type": "LoadBalancer", "ports": [{"port": 5432}]})
	count(findings(internal)) == 0
	gke := service({"networking.gke.io/load-balancer-type": "Internal"}, {"type": "LoadBalancer", "ports": [{"port": 6379}]})
	count(findings(gke)) == 0
}

test_public_web_ports_and_cluster_ip_are_allowed if {
	web := service({}, {"type": "LoadBalancer", "ports": [{"port": 80}, {"port": 443}, {"port": 22, "protocol": "UDP"}]})
	count(findings(web)) == 0
	cluster := service({}, {"type": "ClusterIP", "ports": [{"port": 5432}]})
	count(findings(cluster)) == 0
}
