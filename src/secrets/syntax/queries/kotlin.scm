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
