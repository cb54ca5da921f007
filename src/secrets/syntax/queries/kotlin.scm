; val signingKey: String = "…", const val API_TOKEN = "…"
(property_declaration (variable_declaration (identifier) @name) (string_literal) @value)
; password = "…", this.secret = "…"
(assignment left: [(identifier) @name (navigation_expression (identifier) @name .)] right: (string_literal) @value)
; connect(password = "…")
(value_argument (identifier) @name . (string_literal) @value)
; mapOf("token" to "…")
((infix_expression (string_literal) @name . (identifier) @infix . (string_literal) @value)
 (#eq? @infix "to"))
; fun connect(password: String = "…"), class Db(val password: String = "…")
(function_value_parameters (parameter (identifier) @name) . (string_literal) @value)
(class_parameter (identifier) @name (string_literal) @value)
; spark.read.option("password", "…"), props.setProperty("db.password", "…")
((call_expression
   (navigation_expression (identifier) @method .)
   (value_arguments . (value_argument . (string_literal) @name .) . (value_argument . (string_literal) @value .) .))
 (#match? @method "^(option|put|set|setProperty|add|header|addHeader|setHeader|with|withProperty)$"))
; HikariConfig().apply { setPassword("…") }, builder.apiKey("…"): a setter or builder step named
; for the credential (not a lookup such as getSecret("name"): the first word says which)
((call_expression
   [(identifier) @name (navigation_expression (identifier) @name .)]
   (value_arguments . (value_argument . (string_literal) @value .) .))
 (#match? @name "^(set|with|password|passwd|passphrase|secret|token|api|client|access|auth|private|signing|master|encryption|app|bearer)([A-Z][A-Za-z0-9]*)?$"))
