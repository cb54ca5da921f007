package tollgate.kubernetes.pod.host_pid_ipc_test

import data.tollgate.kubernetes.pod.host_pid_ipc as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
}

test_host_pid_and_ipc if {
	doc := {"kind": "DaemonSet", "metadata": {"name": "profiler"}, "spec": {"template": {"spec": {
		"hostPID": true,
		"hostIPC": true,
		"containers": [{"name": "profiler"}],
	}}}}
	{v.path | some v in findings(doc)} == {["spec", "template", "spec", "hostPID"], ["spec", "template", "spec", "hostIPC"]}
}

test_false_or_absent_is_allowed if {
	doc := {"kind": "Pod", "metadata": {"name": "web"}, "spec": {"hostPID": false, "containers": [{"name": "web"}]}}
	count(findings(doc)) == 0
}
