# CodePipeline pipelines wherever a file holds them, in one shape: `get-pipeline` /
# `create-pipeline` JSON or YAML (`codepipeline` kind, camelCase keys under `pipeline`) and
# CloudFormation's `AWS::CodePipeline::Pipeline` (PascalCase keys under `Properties`). Keys of
# an action's `configuration` are spelled the same in both.
package lib.codepipeline

# Every pipeline: {"path", "pipeline", "label"}.
pipelines contains {"path": ["pipeline"], "pipeline": p, "label": sprintf("Pipeline `%s`", [name_of(p)])} if {
	input.kind == "codepipeline"
	p := input.document.pipeline
	is_object(p)
}

pipelines contains {"path": ["Resources", id, "Properties"], "pipeline": props, "label": sprintf("AWS::CodePipeline::Pipeline %s", [id])} if {
	input.kind == "cloudformation"
	resources := object.get(input.document, "Resources", {})
	is_object(resources)
	some id, r in resources
	r.Type == "AWS::CodePipeline::Pipeline"
	props := r.Properties
	is_object(props)
}

name_of(p) := n if {
	n := get(p, "name")
	is_string(n)
} else := "?"

# Every action: {"path", "action", "stage" (index), "run_order" (1 when absent), "label",
# "category", "owner", "provider", "type_path" (its actionTypeId), "config" (object, {} when
# absent), "config_path"}.
actions contains a if {
	some pl in pipelines
	stages := get(pl.pipeline, "stages")
	is_array(stages)
	some i, stage in stages
	list := get(stage, "actions")
	is_array(list)
	some j, action in list
	is_object(action)
	type := object.get(action, key(action, "actionTypeId"), {})
	path := array.concat(pl.path, [key(pl.pipeline, "stages"), i, key(stage, "actions"), j])
	a := {
		"path": path,
		"action": action,
		"stage": i,
		"run_order": run_order(action),
		"label": sprintf("%s action `%s`", [pl.label, text(get(action, "name"))]),
		"category": text(get(type, "category")),
		"owner": text(get(type, "owner")),
		"provider": text(get(type, "provider")),
		"type_path": array.concat(path, [key(action, "actionTypeId")]),
		"config": config(action),
		"config_path": array.concat(path, [key(action, "configuration")]),
	}
}

run_order(action) := n if {
	n := to_number(get(action, "runOrder"))
} else := 1

config(action) := c if {
	c := get(action, "configuration")
	is_object(c)
} else := {}

text(x) := x if is_string(x) else := ""

# Every artifact store: {"path", "store", "label"}; `artifactStores` (per region) too.
stores contains {"path": array.concat(pl.path, [key(pl.pipeline, "artifactStore")]), "store": s, "label": pl.label} if {
	some pl in pipelines
	s := get(pl.pipeline, "artifactStore")
	is_object(s)
}

# `artifactStores` of a cross-region pipeline: a map region -> store in the API's shape, a list
# of {Region, ArtifactStore} in CloudFormation's.
stores contains {"path": array.concat(pl.path, [key(pl.pipeline, "artifactStores"), r]), "store": s, "label": sprintf("%s (region %s)", [pl.label, r])} if {
	some pl in pipelines
	many := get(pl.pipeline, "artifactStores")
	is_object(many)
	some r, s in many
	is_object(s)
}

stores contains {"path": array.concat(pl.path, [key(pl.pipeline, "artifactStores"), i, key(entry, "artifactStore")]), "store": s, "label": sprintf("%s (region %v)", [pl.label, region])} if {
	some pl in pipelines
	many := get(pl.pipeline, "artifactStores")
	is_array(many)
	some i, entry in many
	is_object(entry)
	s := get(entry, "artifactStore")
	is_object(s)
	region := object.get(entry, key(entry, "region"), i)
}

# A key as the file spells it: camelCase (CLI JSON) or PascalCase (CloudFormation).
key(o, k) := k if {
	_ = o[k]
} else := pascal(k) if {
	_ = o[pascal(k)]
} else := k

pascal(k) := concat("", [upper(substring(k, 0, 1)), substring(k, 1, -1)])

get(o, k) := o[key(o, k)]

# A configuration value a policy may call literal: a string that is no masked output (`****`),
# dynamic reference (`{{resolve:...}}`) or substitution (`${...}`, `#{...}`).
literal(v) if {
	is_string(v)
	trim_space(v) != ""
	not regex.match(`^\*+$`, v)
	not contains(v, "{{resolve:")
	not contains(v, "${")
	not contains(v, "#{")
}
