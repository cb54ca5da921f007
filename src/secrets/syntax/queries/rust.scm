; const API_TOKEN: &str = "…"; static PASSWORD: &str = r#"…"#;
(const_item name: (identifier) @name value: [(string_literal) (raw_string_literal)] @value)
(static_item name: (identifier) @name value: [(string_literal) (raw_string_literal)] @value)
; let client_secret = "…";
(let_declaration pattern: (identifier) @name value: [(string_literal) (raw_string_literal)] @value)
; cfg.api_key = "…";
(assignment_expression
  left: [(identifier) @name (field_expression field: (field_identifier) @name)]
  right: [(string_literal) (raw_string_literal)] @value)
; Config { password: "…" }, { password: "…".to_string() }, { token: String::from("…") }
(field_initializer field: (field_identifier) @name value: [(string_literal) (raw_string_literal)] @value)
((field_initializer
   field: (field_identifier) @name
   value: (call_expression function: (field_expression value: [(string_literal) (raw_string_literal)] @value field: (field_identifier) @conversion)))
 (#match? @conversion "^(to_string|to_owned|into)$"))
(field_initializer
  field: (field_identifier) @name
  value: (call_expression function: (scoped_identifier name: (identifier) @conversion) arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))
  (#eq? @conversion "from"))
