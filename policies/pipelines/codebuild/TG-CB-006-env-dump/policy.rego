# METADATA
# title: Build environment dumped to the build log
# description: >-
#   A buildspec command prints the whole environment (`printenv`, `env`, `set`, `export -p`, alone
#   or piped), or enables shell tracing (`set -x`) in a build that loads values from Parameter
#   Store or Secrets Manager. Build logs go to CloudWatch Logs or S3 and are readable by far more
#   people than the secrets; CodeBuild masks secret values only when they appear verbatim, so
#   encoded, split or transformed values (and every plain variable) end up in the log, where they
#   stay for the log group's retention.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.secrets-manager
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/security-best-practices.html
# custom:
#   id: TG-CB-006
#   severity: medium
#   remediation: >-
#     Remove the environment dump; print only the specific non-secret variables you need (`echo
#     "$CODEBUILD_RESOLVED_SOURCE_VERSION"`). Use `set -x` only around commands that do not expand
#     secrets, or turn it off (`set +x`) before them.
#   kinds: [codebuild-buildspec]
package tollgate.pipelines.codebuild.env_dump

# Dumping the environment prints every variable of the build into CloudWatch Logs / S3 logs:
# plain env.variables, the project's variables, and values fetched from Parameter Store or
# Secrets Manager, which CodeBuild masks only when they appear verbatim.

import data.lib.buildspec as bs

# Whole-environment dumps, as a command segment of their own (possibly piped to sort/grep/tee).
dump_pattern := `^(?:sudo\s+)?(?:printenv|env|set|export\s+-p|declare\s+-px?|declare\s+-xp)\s*(?:\|.*)?$`

# Shell tracing: `set -x`, `set -ex`, `set -o xtrace`.
trace_pattern := `^set\s+(?:-[a-wyzA-Z]*x[a-zA-Z]*|-o\s+xtrace)(?:\s|$)`

deny contains v if {
	some [path, phase, cmd] in bs.commands
	some s in bs.segments(cmd)
	regex.match(dump_pattern, s)
	v := {
		"msg": sprintf("Phase `%s` prints the whole environment (`%s`) to the build log, secrets included", [phase, s]),
		"path": path,
		"text": s,
	}
}

deny contains v if {
	bs.has_managed_secrets
	some [path, phase, cmd] in bs.commands
	some s in bs.segments(cmd)
	regex.match(trace_pattern, s)
	v := {
		"msg": sprintf("Phase `%s` enables shell tracing (`%s`) in a build that loads Parameter Store / Secrets Manager values: commands that expand them are echoed to the build log", [phase, s]),
		"path": path,
		"text": s,
	}
}
