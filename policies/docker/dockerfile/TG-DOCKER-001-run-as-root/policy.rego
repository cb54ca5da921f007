# METADATA
# title: Image runs as root
# description: >-
#   When the final stage of a Dockerfile has no `USER` instruction, or its last `USER` is `root`
#   or UID 0, containers started from the image run as root. A vulnerability in the application
#   then yields root inside the container, which shares the host kernel: kernel and runtime
#   escapes, writable mounts and the Docker socket turn it into root on the host.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#user
#   - https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: TG-DOCKER-001
#   severity: high
#   remediation: >-
#     Create an unprivileged user in the final stage and switch to it before the entrypoint, e.g.
#     `RUN groupadd -r app && useradd -r -g app -u 10001 app` then `USER 10001:10001` (numeric IDs
#     let Kubernetes verify `runAsNonRoot`). Distroless images provide a `nonroot` variant
#     (`gcr.io/distroless/static-debian12:nonroot`).
#   kinds: [dockerfile]
#   aliases: [CKV_DOCKER_3, CKV_DOCKER_8, AVD-DS-0002, docker-least-privilege-user]
package tollgate.docker.dockerfile.run_as_root

# An image without a USER instruction (or whose last USER is root) starts its process as
# root: every container run from it is root unless the runtime overrides the user.

froms := [[i, ins] | some i, ins in input.document; ins.cmd == "from"]

final_stage := max([s | some ins in input.document; s := ins.stage; is_number(s)])

# Every lookup below is by key into an object built from one sorted list, so a file with
# thousands of stages stays linear up to the sort (a scan of `froms` per stage was
# quadratic). The lists are grouped by sorting rather than with multi-value rules
# (`from_indexes[stage] contains i`): regorus's bytecode VM drops the keys of those (see
# src/policy/bytecode.rs), and this module must give the same result on it.

# [stage number, index of its FROM], sorted.
stage_froms := sort([[stage, i] | some [i, ins] in froms; stage := ins.stage; is_number(stage)])

# The index of each stage's FROM (the first, should one stage have two), by stage number.
from_index := {stage: i | some k, [stage, i] in stage_froms; first_of_group(stage_froms, k)}

stage_from(stage) := [i, input.document[i]] if i := from_index[stage]

# [alias, stage number] of each FROM ... AS alias, sorted (stage names are case-insensitive).
alias_stages := sort([[name, stage] |
	some [_, ins] in froms
	is_string(ins.stage_name)
	name := lower(ins.stage_name)
	stage := ins.stage
	is_number(stage)
])

# The stage number that first declares each alias (Docker rejects a repeated alias, and a later
# FROM naming it means the first).
alias_stage := {name: stage | some k, [name, stage] in alias_stages; first_of_group(alias_stages, k)}

# Is pairs[k] the first of the (sorted) pairs that share its first element?
first_of_group(_, k) if k == 0

first_of_group(pairs, k) if {
	k > 0
	pairs[k - 1][0] != pairs[k][0]
}

# Stage n builds on stage m when its FROM names m's alias, declared before it.
parent_edges[n] := parents if {
	some [_, ins] in froms
	n := ins.stage
	is_number(n)
	base := lower(object.get(ins, ["value", 0], ""))
	parents := {m | m := alias_stage[base]; m < n}
}

# The final stage and every stage it (transitively) builds on: their USER instructions all
# apply to the final image, the last one winning.
lineage := graph.reachable(parent_edges, {final_stage})

last_user := [i, ins] if {
	users := [i | some i, ins in input.document; ins.cmd == "user"; ins.stage in lineage]
	count(users) > 0
	i := max(users)
	ins := input.document[i]
}

user_name(ins) := split(trim_space(object.get(ins, ["value", 0], "")), ":")[0]

root_user(ins) if lower(user_name(ins)) in {"root", "0"}

# Base images whose default user is already unprivileged (distroless/Chainguard `nonroot`).
nonroot_base if {
	some stage in lineage
	[_, from] := stage_from(stage)
	regex.match(`(?i)[:\-]nonroot\b|[:\-]non-root\b`, object.get(from, ["value", 0], ""))
}

deny contains v if {
	root := runs_as_root
	v := {
		"msg": sprintf("%s: containers run as root", [root.why]),
		"path": root.path,
	}
}

# The final image's user is root: its last USER says so, or it has none (and its base image
# does not default to an unprivileged user).
runs_as_root := {"why": sprintf("The last USER of the final image is `%s`", [object.get(ins, ["value", 0], "")]), "path": [i]} if {
	[i, ins] := last_user
	root_user(ins)
}

runs_as_root := {"why": sprintf("The final stage (`FROM %s`) has no USER instruction", [object.get(from, ["value", 0], "?")]), "path": [i]} if {
	not last_user
	not nonroot_base
	[i, from] := stage_from(final_stage)
}

