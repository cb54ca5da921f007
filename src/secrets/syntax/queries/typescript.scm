; const password: string = "…"
(variable_declarator name: (identifier) @name value: [(string) (template_string)] @value)
; this.apiKey = "…", cfg["secret"] = "…"
(assignment_expression
  left: [(identifier) @name (member_expression property: (property_identifier) @name) (subscript_expression index: (string) @name)]
  right: [(string) (template_string)] @value)
; { clientSecret: "…", "api_key": "…" }
(pair key: [(property_identifier) (string)] @name value: [(string) (template_string)] @value)
; function f(token = "…"), function f(token: string = "…")
(assignment_pattern left: (identifier) @name right: [(string) (template_string)] @value)
(required_parameter pattern: (identifier) @name value: [(string) (template_string)] @value)
(optional_parameter pattern: (identifier) @name value: [(string) (template_string)] @value)
; class A { private readonly apiKey = "…" }
(public_field_definition name: (property_identifier) @name value: [(string) (template_string)] @value)
; function getApiKey(): string { return "…" }
(function_declaration name: (identifier) @name body: (statement_block . (return_statement (string) @value) .))
