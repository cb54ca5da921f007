; PASSWORD="…", export API_TOKEN='…', local secret=value
(variable_assignment name: (variable_name) @name value: [(string) (raw_string) (word)] @value)
