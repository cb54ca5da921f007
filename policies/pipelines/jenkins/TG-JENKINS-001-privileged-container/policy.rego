# METADATA
# title: Privileged container started by a pipeline step
# description: >-
#   A step runs `docker run --privileged` (or `docker.image(...).inside('--privileged')`,
#   `.run`/`.withRun`). A privileged container has every capability and the host's devices: code
#   in the image or the build (a dependency, a pull request's test) can mount the agent's disk,
#   load kernel modules and take over the agent, its workspace and every credential it holds.
# related_resources:
#   - https://docs.docker.com/reference/cli/docker/container/run/#privileged
#   - https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-07-Insecure-System-Configuration
# custom:
#   id: TG-JENKINS-001
#   severity: high
#   remediation: >-
#     Drop `--privileged`; add only the capability or device the job needs (`--cap-add`,
#     `--device`), or build images with a daemonless builder (BuildKit rootless, kaniko) on an
#     ephemeral agent.
#   kinds: [jenkins]
package tollgate.pipelines.jenkins.privileged_container

import data.lib.jenkins

# Every container a pipeline starts, with its arguments and the finding that reports it: `docker
# run` / `docker create` in a shell step, and `docker.image(...).inside('...')` / `.run` /
# `.withRun` with their argument string.
launches contains {"args": c.args, "finding": {
	"msg": sprintf("A pipeline step starts a privileged container: `%s`; drop --privileged", [jenkins.first_line(c)]),
	"path": item.path,
	"text": jenkins.first_line(c),
}} if {
	some [item, _, c] in jenkins.commands
	c.name == "docker"
	run_command(c.args)
}

launches contains {"args": split(step.args[0], " "), "finding": {
	"msg": sprintf("`%s('%s')` starts a privileged container; drop --privileged", [step.step, step.args[0]]),
	"path": ["steps", i, "args", 0],
}} if {
	some i, step in input.document.steps
	step.step in {"inside", "run", "withRun"}
	is_string(step.args[0])
}

deny contains v if {
	some launch in launches
	some a in launch.args
	privileged(a)
	v := launch.finding
}

run_command(args) if args[0] in {"run", "create"}

run_command(args) if {
	args[0] == "container"
	args[1] in {"run", "create"}
}

privileged(a) if a == "--privileged"

privileged(a) if a == "--privileged=true"
