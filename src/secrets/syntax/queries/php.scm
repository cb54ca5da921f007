; $password = "…"; $this->apiKey = "…"; $cfg['secret'] = "…";
(assignment_expression
  left: [(variable_name) @name
         (member_access_expression name: (name) @name)
         (subscript_expression (_) (string) @name)
         (subscript_expression (_) (encapsed_string) @name)]
  right: [(string) (encapsed_string)] @value)
; ['client_secret' => "…"]
(array_element_initializer . [(string) (encapsed_string)] @name . [(string) (encapsed_string)] @value .)
; private $token = "…"; const SECRET = "…";
(property_element name: (variable_name) @name default_value: [(string) (encapsed_string)] @value)
(const_element (name) @name . [(string) (encapsed_string)] @value)
; define('DB_PASSWORD', "…");
((function_call_expression
   function: (name) @function
   arguments: (arguments . (argument [(string) (encapsed_string)] @name) . (argument [(string) (encapsed_string)] @value) .))
 (#eq? @function "define"))
; connect(password: "…")
(argument name: (name) @name [(string) (encapsed_string)] @value)
