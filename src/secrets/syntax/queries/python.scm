; password = "…", self.api_key: str = "…", app.config["SECRET_KEY"] = "…"
(assignment left: [(identifier) @name (attribute attribute: (identifier) @name) (subscript subscript: (string) @name)] right: (string) @value)
; connect(password="…")
(keyword_argument name: (identifier) @name value: (string) @value)
; {"client_secret": "…"}
(pair key: (string) @name value: (string) @value)
; def connect(password="…"), def connect(password: str = "…")
(default_parameter name: (identifier) @name value: (string) @value)
(typed_default_parameter name: (identifier) @name value: (string) @value)
; def get_api_key(): return "…"
(function_definition name: (identifier) @name body: (block . (return_statement (string) @value) .))
