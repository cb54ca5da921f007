# METADATA
# title: Secret set as a literal environment variable
# description: >-
#   An environment variable (or the equivalent: a CodeBuild or buildspec variable, a
#   CodePipeline action or pipeline variable, a Lambda, ECS or Kubernetes container variable, a
#   compose `environment` entry, a Dockerfile ENV/ARG default, a GitHub Actions `env:` or action
#   input, a GitLab CI variable) whose name says it holds a credential (PASSWORD, SECRET, TOKEN,
#   API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS, ...) is set to a literal value in the file.
#   The value is committed to version control, and it is also exposed wherever the configuration
#   is: task definitions, function configuration and build projects are readable by anyone with
#   describe access, image layers keep ENV/ARG values, pipeline definitions are visible to every
#   developer. References to a secret store (`${{ secrets.X }}`, `valueFrom`, `{{resolve:...}}`,
#   Parameter Store or Secrets Manager variables, `$VAR`) are not reported.
# related_resources:
#   - https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html
#   - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
#   - https://docs.github.com/en/actions/security-guides/using-secrets-in-github-actions
#   - https://docs.docker.com/build/building/secrets/
# custom:
#   id: TG-ENV-001
#   severity: high
#   remediation: >-
#     Keep the value in a secret store and reference it: Secrets Manager / Parameter Store
#     (`secrets` with `valueFrom` in ECS, `env.secrets-manager` in a buildspec, a `PARAMETER_STORE`
#     or `SECRETS_MANAGER` CodeBuild variable, `{{resolve:...}}` in CloudFormation), a Kubernetes
#     Secret via `valueFrom.secretKeyRef`, `${{ secrets.X }}` in GitHub Actions, a masked CI/CD
#     variable in GitLab, a build secret (`RUN --mount=type=secret`) in a Dockerfile, compose
#     secrets or an untracked `.env` file. Then rotate the exposed value.
#   kinds: [terraform, cloudformation, kubernetes, dockerfile, docker-compose, github-actions, gitlab-ci, codebuild-buildspec, jenkins, ansible, ecs-task-definition, codepipeline]
#   inputs: [facet:env]
#   aliases:
#     - TG-AWS-029
#     - TG-AWS-030
#     - TG-AWS-034
#     - TG-CB-001
#     - TG-GITLAB-001
#     - TG-GHA-014
#     - TG-DOCKER-004
#     - TG-COMPOSE-003
#     - TG-K8S-007
#     - CKV_AWS_45
#     - AVD-AWS-0036
#     - aws-ecs-no-plaintext-secrets
#     - AVD-DS-0031
#     - docker-do-not-pass-secrets
#   redact: true
package tollgate.common.env.plaintext_secret_in_env

import data.lib.containers
import data.lib.plaintext_secrets as ps

deny contains v if {
	some item in input.facets.env
	not item.secret_ref
	[where, fix] := described(item.origin)
	secret(family[item.origin], item)
	v := object.union({
		"msg": sprintf("%s sets the secret `%s` to a literal value; %s", [where, item.name, fix]),
		"path": item.path,
	}, within_text(item))
}

# A value inside JSON text (a CodePipeline CodeBuild action's EnvironmentVariables) has no node
# of its own: `text` narrows the finding to the value, and is what gets redacted.
within_text(item) := {"text": item.value} if item.origin == "codepipeline codebuild environment" else := {}

# Each origin's wording, and which name/value test it uses (the tests each kind's check used
# before they were one; see `secret` below).
origins := {
	"terraform lambda environment": ["aws", "A Lambda function's environment", "reference Secrets Manager or Parameter Store instead"],
	"cloudformation lambda environment": ["aws", "A Lambda function's environment", "reference Secrets Manager or Parameter Store instead"],
	"sam globals environment": ["aws", "The SAM Globals environment of every function", "reference Secrets Manager or Parameter Store instead"],
	"terraform ecs environment": ["aws", "An ECS container's `environment`", "use `secrets` with `valueFrom` instead"],
	"ecs environment": ["aws", "An ECS container's `environment`", "use `secrets` with `valueFrom` instead"],
	"cloudformation ecs environment": ["aws", "An ECS container's `Environment`", "use `Secrets` with `ValueFrom` instead"],
	"terraform codebuild environment": ["aws", "A CodeBuild PLAINTEXT environment variable", "use a PARAMETER_STORE or SECRETS_MANAGER variable instead"],
	"cloudformation codebuild environment": ["aws", "A CodeBuild PLAINTEXT environment variable", "use a PARAMETER_STORE or SECRETS_MANAGER variable instead"],
	"codepipeline codebuild environment": ["aws", "A CodeBuild action's PLAINTEXT EnvironmentVariables entry", "pass it with type SECRETS_MANAGER or PARAMETER_STORE instead"],
	"codepipeline action environment": ["aws", "A pipeline action's environment variable", "use type SECRETS_MANAGER with the secret's name instead"],
	"codepipeline variable": ["aws", "A pipeline variable's default value", "read the secret from Secrets Manager in the action instead"],
	"buildspec env.variables": ["buildspec", "The buildspec's env.variables", "read it from env.parameter-store or env.secrets-manager instead"],
	"gitlab-ci variables": ["gitlab", "A GitLab CI variable", "store it as a masked CI/CD variable or in a secrets manager"],
	"github-actions env": ["github", "A workflow `env:`", "use `${{ secrets.NAME }}`"],
	"github-actions input": ["github", "An action input", "pass it from `${{ secrets.* }}`"],
	"dockerfile ENV": ["containers", "ENV (stored in the image)", "use a build secret (RUN --mount=type=secret) or a runtime secret"],
	"dockerfile ARG": ["containers", "ARG (stored in the image)", "use a build secret (RUN --mount=type=secret) or a runtime secret"],
	"compose environment": ["containers", "A service's environment", "use ${NAME} from an untracked .env file or compose secrets"],
	"kubernetes env": ["containers", "A container's env", "use valueFrom.secretKeyRef"],
	"jenkins environment": ["containers", "A pipeline `environment`", "use `credentials('id')`"],
	"jenkins withEnv": ["containers", "A `withEnv` pair", "bind it with `withCredentials`"],
	"ansible environment": ["containers", "A task's `environment:`", "read it from Ansible Vault or a lookup"],
}

family[origin] := f if some origin, [f, _, _] in origins

described(origin) := [where, fix] if [_, where, fix] := origins[origin]

# AWS resources: a credential name (lib.plaintext_secrets) and a literal that is no ARN, path
# or interpolation.
secret("aws", item) if ps.is_plaintext_secret(item.name, item.value)

# Buildspec: the same, but a literal AWS secret access key or access key id is TG-CB-002
# (critical), reported there.
secret("buildspec", item) if {
	ps.is_plaintext_secret(item.name, item.value)
	upper(item.name) != "AWS_SECRET_ACCESS_KEY"
	not regex.match(`\b(?:AKIA|ASIA)[A-Z2-7]{16}\b`, item.value)
}

# GitLab variables: both name tests and both value tests (variables often hold paths and
# switches).
secret("gitlab", item) if {
	ps.is_secret_name(item.name)
	containers.looks_secret(item.name)
	ps.is_literal_secret(item.value)
	containers.is_secret_literal(item.value)
}

# GitHub Actions: input names are kebab-case; a value with spaces is prose, not a credential;
# inputs that name secrets (docker/build-push-action's `secrets:`) are descriptions.
secret("github", item) if {
	not descriptive_input(item)
	ps.is_secret_name(replace(item.name, "-", "_"))
	ps.is_literal_secret(item.value)
	not contains(item.value, "${{")
	not regex.match(`\s`, trim_space(item.value))
}

# Container kinds (Dockerfile, compose, Kubernetes): lib.containers' name and value tests.
secret("containers", item) if containers.secret_pair(item.name, item.value)

descriptive_input(item) if {
	item.origin == "github-actions input"
	lower(item.name) in {"secrets", "secret-files", "secret_files", "secret-envs", "secret_envs"}
}
