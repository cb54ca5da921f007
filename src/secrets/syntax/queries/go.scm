; const Password = "…", var apiKey string = `…`
(const_spec name: (identifier) @name value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value))
(var_spec name: (identifier) @name value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value))
; token := "…"
(short_var_declaration
  left: (expression_list . (identifier) @name)
  right: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value))
; cfg.Secret = "…", token = "…"
(assignment_statement
  left: (expression_list . [(identifier) @name (selector_expression field: (field_identifier) @name)])
  right: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value))
; Config{ClientSecret: "…"}, map[string]string{"password": "…"}
(keyed_element
  key: (literal_element [(identifier) (interpreted_string_literal)] @name)
  value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @value))
; func apiKey() string { return "…" }
(function_declaration name: (identifier) @name
  body: (block (statement_list . (return_statement (expression_list . (interpreted_string_literal) @value)) .)))
; req.Header.Set("X-Api-Key", "…"), q.Add("client_secret", "…")
((call_expression
   function: (selector_expression field: (field_identifier) @method)
   arguments: (argument_list . (interpreted_string_literal) @name . [(interpreted_string_literal) (raw_string_literal)] @value .))
 (#match? @method "^(Set|Add|Put|SetString|Store)$"))
