; private static final String PASSWORD = "…"; String apiKey = "…";
(variable_declarator name: (identifier) @name value: (string_literal) @value)
; this.token = "…"; token = "…";
(assignment_expression left: [(identifier) @name (field_access field: (identifier) @name)] right: (string_literal) @value)
; props.put("password", "…"), props.setProperty("db.password", "…")
((method_invocation
   name: (identifier) @method
   arguments: (argument_list . (string_literal) @name . (string_literal) @value .))
 (#match? @method "^(put|setProperty|set|add|header|addHeader|setHeader|with|withProperty)$"))
; String getApiKey() { return "…"; }
(method_declaration name: (identifier) @name body: (block . (return_statement (string_literal) @value) .))
