# METADATA
# title: Container has no CPU or memory limit
# description: >-
#   A container without `resources.limits.memory` can use all the memory of its node, pushing
#   other pods into eviction or the node into OOM; without `resources.limits.cpu` it can
#   monopolise CPU time. A compromised or buggy container then becomes a denial of service for
#   every workload sharing the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#   - https://kubernetes.io/docs/concepts/policy/limit-range/
# custom:
#   id: TG-K8S-005
#   severity: low
#   remediation: >-
#     Set `resources.limits.memory` and `resources.limits.cpu` (and matching `requests`) on every
#     container and init container, for example `limits: {cpu: 500m, memory: 512Mi}`. A namespace
#     `LimitRange` can provide defaults, but declaring them in the manifest keeps them reviewable.
#   kinds: [kubernetes]
#   inputs:
#     - object:Pod
#     - object:Deployment
#     - object:StatefulSet
#     - object:DaemonSet
#     - object:ReplicaSet
#     - object:Job
#     - object:ReplicationController
#     - object:CronJob
#   aliases:
#     - CKV_K8S_11
#     - CKV_K8S_13
#     - AVD-KSV-0011
#     - kubernetes-limit-cpu
#     - AVD-KSV-0018
#     - kubernetes-limit-memory
package tollgate.kubernetes.pod.resource_limits

# Without CPU and memory limits one container can starve every other pod on its node: a
# memory leak or a request flood becomes a node-wide outage.

import data.lib.kubernetes as k8s

# Ephemeral (debug) containers may not declare resources, so they are not checked.
checked_fields := {"containers", "initContainers"}

missing(c) := [r |
	some r in ["cpu", "memory"]
	object.get(c, ["resources", "limits", r], null) == null
]

# Blame the deepest of resources.limits / resources / the container that exists.
blame(path, c) := array.concat(path, ["resources", "limits"]) if is_object(object.get(c, ["resources", "limits"], null))

blame(path, c) := array.concat(path, ["resources"]) if {
	not is_object(object.get(c, ["resources", "limits"], null))
	is_object(object.get(c, "resources", null))
}

blame(path, c) := path if not is_object(object.get(c, "resources", null))

deny contains v if {
	some [path, c] in k8s.containers
	path[count(path) - 2] in checked_fields
	gaps := missing(c)
	count(gaps) > 0
	v := {
		"msg": sprintf("%s `%s`: container `%s` has no %s limit (resources.limits.%s)", [
			input.document.kind,
			object.get(input.document, ["metadata", "name"], "?"),
			object.get(c, "name", "?"),
			concat(" or ", gaps),
			concat("/", gaps),
		]),
		"path": blame(path, c),
	}
}
