# Kubernetes helpers: find the pod spec in any workload kind and iterate its containers with
# their paths, so policies can blame the exact container field.
package lib.kubernetes

pod_spec_path := ["spec"] if input.document.kind == "Pod"

pod_spec_path := ["spec", "template", "spec"] if {
	input.document.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"}
}

pod_spec_path := ["spec", "jobTemplate", "spec", "template", "spec"] if input.document.kind == "CronJob"

pod_spec := object.get(input.document, pod_spec_path, {})

# [path, container] for every container, init container and ephemeral container.
containers contains [path, c] if {
	some field in ["containers", "initContainers", "ephemeralContainers"]
	some i, c in object.get(pod_spec, field, [])
	path := array.concat(pod_spec_path, [field, i])
}
