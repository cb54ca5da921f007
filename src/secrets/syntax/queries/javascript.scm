; const password = "…"
(variable_declarator name: (identifier) @name value: [(string) (template_string)] @value)
; this.apiKey = "…", cfg["secret"] = "…"
(assignment_expression
  left: [(identifier) @name (member_expression property: (property_identifier) @name) (subscript_expression index: (string) @name)]
  right: [(string) (template_string)] @value)
; { clientSecret: "…", "api_key": "…" }
(pair key: [(property_identifier) (string)] @name value: [(string) (template_string)] @value)
; function f(token = "…")
(assignment_pattern left: (identifier) @name right: [(string) (template_string)] @value)
; class A { apiKey = "…" }
(field_definition property: (property_identifier) @name value: [(string) (template_string)] @value)
; function getApiKey() { return "…" }
(function_declaration name: (identifier) @name body: (statement_block . (return_statement (string) @value) .))
