# METADATA
# title: docker login with a literal password
# description: >-
#   A step runs `docker login -p <password>` (or `--password <password>`) with the password
#   written in the Jenkinsfile. The registry credential is readable by everyone with access to
#   the repository and its history, and a password on the command line is also visible to every
#   process on the agent (`ps`) and stored in the build's step log.
# related_resources:
#   - https://docs.docker.com/reference/cli/docker/login/#password-stdin
#   - https://www.jenkins.io/doc/book/pipeline/jenkinsfile/#handling-credentials
# custom:
#   id: TG-JENKINS-002
#   severity: critical
#   remediation: >-
#     Store the credential in Jenkins (Username with password) and use `withCredentials([
#     usernamePassword(credentialsId: 'registry', usernameVariable: 'REG_USER',
#     passwordVariable: 'REG_PASS')]) { sh 'echo "$REG_PASS" | docker login -u "$REG_USER"
#     --password-stdin registry.example.com' }` or `docker.withRegistry(url, 'registry')`;
#     rotate the exposed password.
#   kinds: [jenkins]
package tollgate.pipelines.jenkins.docker_login_literal_password

import data.lib.jenkins

deny contains v if {
	some [item, _, c] in jenkins.commands
	c.name == "docker"
	c.args[0] == "login"
	some i, a in c.args
	password := literal_password(a, jenkins.next_arg(c.args, i))
	not jenkins.is_reference(password)
	v := {
		"msg": sprintf("`docker login` is given a literal password (`%s`); use withCredentials and --password-stdin", [jenkins.first_line(c)]),
		"path": item.path,
		"text": jenkins.first_line(c),
	}
}

literal_password(a, next) := next if a in {"-p", "--password"}

literal_password(a, _) := substring(a, 11, -1) if startswith(a, "--password=")

literal_password(a, _) := substring(a, 2, -1) if {
	startswith(a, "-p")
	not startswith(a, "--")
	count(a) > 2
}
