# METADATA
# title: Credential in plaintext buildspec env.variables
# description: >-
#   A buildspec `env.variables` entry whose name looks like a credential (PASSWORD, SECRET, TOKEN,
#   API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS) holds a literal value. Plain variables are
#   committed with the source, shown in the CodeBuild console and API (`batch-get-builds`) to
#   anyone who can read the project or its builds, and are not masked in build logs, so the secret
#   leaks well beyond the build and cannot be rotated without a commit.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/security-best-practices.html
# custom:
#   id: TG-CB-001
#   severity: high
#   remediation: >-
#     Move the value to AWS Systems Manager Parameter Store (SecureString) or AWS Secrets Manager
#     and reference it from `env.parameter-store` or `env.secrets-manager` (e.g. `DB_PASSWORD:
#     prod/app/db:password`); grant the CodeBuild service role read access to just that secret,
#     then rotate the credential that was committed.
#   kinds: [codebuild-buildspec]
#   redact: true
package tollgate.pipelines.codebuild.plaintext_env_secret

# A credential written as a plain `env.variables` value is stored in the repository, in the
# build project's configuration and in every build's environment listing.

import data.lib.plaintext_secrets as ps
import data.lib.buildspec as bs

deny contains v if {
	some name, value in bs.variables
	ps.is_plaintext_secret(name, value)

	# A literal AWS secret access key or access key id is TG-CB-002 (critical).
	upper(name) != "AWS_SECRET_ACCESS_KEY"
	count(bs.access_key_ids(value)) == 0
	v := {
		"msg": sprintf("env.variables sets %s to a literal value; read it from env.parameter-store or env.secrets-manager instead", [name]),
		"path": ["env", "variables", name],
	}
}
