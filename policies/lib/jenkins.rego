# Shared helpers for the Jenkins pipeline policies: the script steps (from the scripts facet)
# with the pipeline step they belong to, and the shell commands inside them.
package lib.jenkins

# [facet item, step] for every `sh`/`bat`/`powershell` script of the pipeline.
scripts contains [item, step] if {
	some item in input.facets.scripts
	item.origin == "jenkins step"
	step := input.document.steps[item.path[1]]
}

# [facet item, step, command] for every command of every script (tree-sitter-bash).
commands contains [item, step, c] if {
	some [item, step] in scripts
	some c in tollgate.shell_commands(item.script)
}

# The first line of a command's text, for the finding's snippet.
first_line(c) := split(c.text, "\n")[0]

# Does the word refer to a variable (`$PASS`, `${PASS}`, `"$PASS"`)?
is_reference(word) if contains(word, "$")

# The argument after the i-th, or "".
next_arg(args, i) := args[i + 1] if i + 1 < count(args) else := ""

# Does the command's output go to the log? Not when it feeds another command of a pipeline
# (`echo "$PASS" | docker login --password-stdin`) or is redirected to a file.
printed(item, c) if {
	not c.redirected
	not feeds_pipe(item, c)
}

feeds_pipe(item, c) if {
	some p in tollgate.shell_pipelines(item.script)
	count(p.commands) > 1
	some i, pc in p.commands
	i < count(p.commands) - 1
	pc.text == c.text
}
