; password = "…", @api_key = "…", SECRET = "…", config.password = "…", h["token"] = "…"
(assignment
  left: [(identifier) (instance_variable) (class_variable) (global_variable) (constant)] @name
  right: (string) @value)
(assignment left: (call method: (identifier) @name) right: (string) @value)
(assignment left: (element_reference . (_) . (string) @name .) right: (string) @value)
; { client_secret: "…", :token => "…", "secret" => "…" }, connect(password: "…")
(pair key: [(hash_key_symbol) (simple_symbol) (string)] @name value: (string) @value)
; def connect(token: "…"), def connect(token = "…")
(keyword_parameter name: (identifier) @name value: (string) @value)
(optional_parameter name: (identifier) @name value: (string) @value)
