; const string Password = "…"; var token = "…";
(variable_declarator name: (identifier) @name [(string_literal) (verbatim_string_literal) (raw_string_literal)] @value)
; public string ApiKey { get; set; } = "…";
(property_declaration name: (identifier) @name value: [(string_literal) (verbatim_string_literal) (raw_string_literal)] @value)
; this.Secret = "…"; new C { ClientSecret = "…" }; settings["password"] = "…";
(assignment_expression
  left: [(identifier) @name
         (member_access_expression name: (identifier) @name)
         (element_access_expression subscript: (bracketed_argument_list . (argument (string_literal) @name) .))]
  right: [(string_literal) (verbatim_string_literal) (raw_string_literal)] @value)
; Connect(password: "…")
(argument name: (identifier) @name [(string_literal) (verbatim_string_literal) (raw_string_literal)] @value)
; client.DefaultRequestHeaders.Add("X-Api-Key", "…"), settings.Add("password", "…")
((invocation_expression
   function: (member_access_expression name: (identifier) @method)
   arguments: (argument_list . (argument (string_literal) @name) . (argument [(string_literal) (verbatim_string_literal) (raw_string_literal)] @value) .))
 (#match? @method "^(Add|TryAdd|TryAddWithoutValidation|Set|Append)$"))
