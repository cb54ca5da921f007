# Kubernetes helpers: find the pod spec in any workload kind and iterate its containers with
# their paths, so policies can blame the exact container field.
package lib.kubernetes

pod_spec_path := ["spec"] if input.document.kind == "Pod"

pod_spec_path := ["spec", "template", "spec"] if {
	input.document.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"}
}

pod_spec_path := ["spec", "jobTemplate", "spec", "template", "spec"] if input.document.kind == "CronJob"

# The pod spec ({} when absent or null, e.g. a manifest still being written).
pod_spec := spec if {
	spec := object.get(input.document, pod_spec_path, {})
	is_object(spec)
} else := {}

# [path, container] for every container, init container and ephemeral container (null lists
# and null entries, which YAML produces for empty keys and bare `-`, are skipped).
containers contains [path, c] if {
	some field in ["containers", "initContainers", "ephemeralContainers"]
	list := object.get(pod_spec, field, [])
	is_array(list)
	some i, c in list
	is_object(c)
	path := array.concat(pod_spec_path, [field, i])
}
