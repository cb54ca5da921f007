# METADATA
# title: Static AWS access key in buildspec
# description: >-
#   The buildspec contains an AWS access key id (AKIA... long-term or ASIA... temporary) or sets
#   AWS_SECRET_ACCESS_KEY to a literal value. Keys committed with the source are readable by
#   everyone with repository access and stay in Git history forever; a long-term IAM user key
#   grants its permissions to whoever copies it until someone notices and deactivates it.
#   CodeBuild never needs them: the build already gets short-lived credentials from the project's
#   service role.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
# custom:
#   id: TG-CB-002
#   severity: critical
#   remediation: >-
#     Deactivate and delete the committed key in IAM now (and review CloudTrail for its use),
#     remove it from the buildspec, and grant the needed permissions to the CodeBuild service role
#     instead. For another account, `aws sts assume-role` from the service role; if a static
#     secret is truly unavoidable, store it in Secrets Manager and reference it from
#     `env.secrets-manager`.
#   kinds: [codebuild-buildspec]
#   redact: true
package tollgate.pipelines.codebuild.static_aws_key

# Static AWS keys in a buildspec: committed, long-lived, and never needed -- CodeBuild builds
# already run with the project's service role credentials.

import data.lib.plaintext_secrets as ps
import data.lib.buildspec as bs

deny contains v if {
	some place in places
	some key in bs.access_key_ids(place.text)
	v := {
		"msg": sprintf(place.says, array.concat(place.args, [key])),
		"path": place.path,
		"text": key,
	}
}

# Where a buildspec writes text an access key id may hide in: env variable values and build
# commands, with what to say (`args`, then the key id).
places contains {"text": value, "path": ["env", "variables", name], "args": [name], "says": "env.variables %s holds the AWS access key id %s; use the CodeBuild service role instead"} if {
	some name, value in bs.variables
}

places contains {"text": cmd, "path": path, "args": [], "says": "A build command contains the AWS access key id %s; use the CodeBuild service role instead"} if {
	some [path, _, cmd] in bs.commands
}

deny contains v if {
	some name, value in bs.variables
	upper(name) == "AWS_SECRET_ACCESS_KEY"
	ps.is_literal_secret(value)
	v := {
		"msg": sprintf("env.variables sets %s to a literal secret access key; use the CodeBuild service role instead", [name]),
		"path": ["env", "variables", name],
	}
}

# `export AWS_SECRET_ACCESS_KEY=wJalr...` / `aws configure set aws_secret_access_key wJalr...`
# with a 40-character literal (not $VAR).
secret_key_assignment := `(?i)aws_secret_access_key['"]?(?:\s*=\s*|\s+)['"]?[A-Za-z0-9/+]{40}\b`

deny contains v if {
	some [path, _, cmd] in bs.commands
	some m in regex.find_n(secret_key_assignment, cmd, -1)
	v := {
		"msg": "A build command sets AWS_SECRET_ACCESS_KEY to a literal secret access key; use the CodeBuild service role instead",
		"path": path,
		"text": m,
	}
}
