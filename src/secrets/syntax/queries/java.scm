; private static final String PASSWORD = "…"; String apiKey = "…";
(variable_declarator name: (identifier) @name value: (string_literal) @value)
; this.token = "…"; token = "…";
(assignment_expression left: [(identifier) @name (field_access field: (identifier) @name)] right: (string_literal) @value)
; props.put("password", "…"), props.setProperty("db.password", "…")
((method_invocation
   name: (identifier) @method
   arguments: (argument_list . (string_literal) @name . (string_literal) @value .))
 (#match? @method "^(put|setProperty|set|add|header|addHeader|setHeader|with|withProperty)$"))
; DataSourceBuilder.create().password("…"), OpenAIClient.builder().apiKey("…"),
; cfg.setClientSecret("…"): a setter or builder step named for the credential (not a lookup
; such as getSecret("name") or readPassword("prompt"): the first word says which)
((method_invocation
   name: (identifier) @name
   arguments: (argument_list . (string_literal) @value .))
 (#match? @name "^(set|with|password|passwd|passphrase|secret|token|api|client|access|auth|private|signing|master|encryption|app|bearer)([A-Z][A-Za-z0-9]*)?$"))
; String getApiKey() { return "…"; }
(method_declaration name: (identifier) @name body: (block . (return_statement (string_literal) @value) .))
