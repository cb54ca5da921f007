package tollgate.kubernetes.pod.host_path_volume_test

import data.tollgate.kubernetes.pod.host_path_volume as p

daemonset(volumes) := {"kind": "DaemonSet", "metadata": {"name": "agent"}, "spec": {"template": {"spec": {
	"containers": [{"name": "agent", "image": "agent:1.2"}],
	"volumes": volumes,
}}}}

findings(doc) := found if {
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
}

test_docker_socket_is_sensitive if {
	doc := daemonset([
		{"name": "config", "configMap": {"name": "agent-config"}},
		{"name": "docker-sock", "hostPath": {"path": "/var/run/docker.sock", "type": "Socket"}},
	])
	found := findings(doc)
	count(found) == 1
	some v in found
	v.path == ["spec", "template", "spec", "volumes", 1, "hostPath", "path"]
	contains(v.msg, "sensitive")
}

test_sensitive_paths if {
	every path in ["/", "/etc", "/etc/kubernetes/pki", "/proc", "/root/", "/var/lib/kubelet", "/var/run", "/run/containerd/containerd.sock"] {
		some v in findings(daemonset([{"name": "host", "hostPath": {"path": path}}]))
		contains(v.msg, "sensitive")
	}
}

test_other_host_paths_are_medium if {
	doc := daemonset([{"name": "logs", "hostPath": {"path": "/var/log/pods"}}, {"name": "etc-like", "hostPath": {"path": "/etcd-data"}}])
	found := findings(doc)
	count(found) == 2
	every v in found {
		contains(v.msg, "medium")
	}
}

test_no_host_path_is_allowed if {
	doc := daemonset([
		{"name": "data", "persistentVolumeClaim": {"claimName": "data"}},
		{"name": "tmp", "emptyDir": {}},
	])
	count(findings(doc)) == 0
}
