//! Static resolution of a template's intrinsics, so a policy sees the value a stack gets when
//! it is deployed with its parameters' defaults — as the Terraform reader substitutes a
//! variable's default for `var.NAME`.
//!
//! - `{"Ref": P}` becomes parameter `P`'s `Default` (a list for `CommaDelimitedList` and
//!   `List<...>` parameters). Pseudo parameters (`AWS::Region`, `AWS::NoValue`, ...), logical
//!   ids of resources and parameters without a default stay as they are.
//! - `{"Fn::Sub": ...}` becomes a string when every `${NAME}` in it is a parameter with a
//!   default or a literal of its variable map (`${!X}` is the literal `${X}`); a pseudo parameter
//!   or `${Resource.Attribute}` leaves it as it is.
//! - `{"Fn::FindInMap": [MAP, TOP, SECOND]}` becomes the `Mappings` value when its three keys
//!   are literal (or resolved above).
//!
//! Only the value is replaced: the source map keeps the region of the node, so a finding about
//! a resolved value blames the `!Ref` (or `!Sub`, `!FindInMap`) site. Resolution is bottom-up,
//! so `!FindInMap [Map, !Ref Env, Size]` resolves when `Env` has a default.

use serde_json::{Map, Value};

/// Replace the resolvable intrinsics of `doc` (a whole template) with their values.
pub(super) fn resolve(doc: &mut Value) {
    let Some(root) = doc.as_object() else { return };
    let defaults = defaults(root);
    let mappings = root.get("Mappings").and_then(Value::as_object).cloned().unwrap_or_default();
    if defaults.is_empty() && mappings.is_empty() {
        return;
    }
    let scope = Scope { defaults, mappings };
    let Some(root) = doc.as_object_mut() else { return };
    for (key, section) in root.iter_mut() {
        // Parameters and Mappings are the sources; their own text is literal anyway.
        if key != "Parameters" && key != "Mappings" {
            scope.walk(section, 0);
        }
    }
}

/// How deep a template may nest before the rest is left as written (the YAML reader already
/// caps depth; this keeps the recursion bounded whatever built the value).
const MAX_DEPTH: usize = 256;

struct Scope {
    /// Parameter name -> the value `Ref` gives with the default.
    defaults: Map<String, Value>,
    mappings: Map<String, Value>,
}

/// The parameters with a scalar `Default`, as `Ref` sees them.
fn defaults(root: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, param) in root.get("Parameters").and_then(Value::as_object).into_iter().flatten() {
        let Some(default) = param.get("Default") else { continue };
        let ty = param.get("Type").and_then(Value::as_str).unwrap_or("String");
        let list = ty == "CommaDelimitedList" || ty.starts_with("List<");
        let value = match default {
            Value::String(s) if list => {
                Value::Array(s.split(',').map(|p| Value::String(p.trim().to_string())).collect())
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => default.clone(),
            // A YAML list default of a list parameter is what Ref gives, as written.
            Value::Array(items) if list && items.iter().all(|i| !i.is_object() && !i.is_array()) => default.clone(),
            _ => continue,
        };
        out.insert(name.clone(), value);
    }
    out
}

impl Scope {
    fn walk(&self, v: &mut Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match v {
            Value::Array(items) => items.iter_mut().for_each(|i| self.walk(i, depth + 1)),
            Value::Object(map) => {
                map.values_mut().for_each(|i| self.walk(i, depth + 1));
                if let Some(value) = self.intrinsic(map) {
                    *v = value;
                }
            }
            _ => {}
        }
    }

    /// The value of a one-key intrinsic object whose arguments are already resolved.
    fn intrinsic(&self, map: &Map<String, Value>) -> Option<Value> {
        if map.len() != 1 {
            return None;
        }
        let (key, arg) = map.iter().next()?;
        match key.as_str() {
            "Ref" => self.defaults.get(arg.as_str()?).cloned(),
            "Fn::Sub" => self.sub(arg).map(Value::String),
            "Fn::FindInMap" => self.find_in_map(arg),
            _ => None,
        }
    }

    fn sub(&self, arg: &Value) -> Option<String> {
        let (text, vars) = match arg {
            Value::String(s) => (s.as_str(), None),
            Value::Array(a) if a.len() == 2 => (a[0].as_str()?, Some(a[1].as_object()?)),
            _ => return None,
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("${") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            if let Some(literal) = after.strip_prefix('!') {
                // `${!Name}` is written out as `${Name}`.
                out.push_str("${");
                rest = literal;
                continue;
            }
            let end = after.find('}')?;
            let name = after[..end].trim();
            let value = match vars.and_then(|m| m.get(name)) {
                Some(v) => v,
                None => self.defaults.get(name)?,
            };
            out.push_str(&scalar_text(value)?);
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    }

    fn find_in_map(&self, arg: &Value) -> Option<Value> {
        let keys = arg.as_array().filter(|a| a.len() == 3)?;
        let key = |i: usize| scalar_text(&keys[i]);
        let (map, top, second) = (key(0)?, key(1)?, key(2)?);
        self.mappings.get(&map)?.get(&top)?.get(&second).cloned()
    }
}

/// A literal scalar as `Fn::Sub` writes it (strings as they are, numbers and booleans as text).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;
    use serde_json::json;

    #[test]
    fn refs_resolve_to_parameter_defaults() {
        let mut t = json!({
            "Parameters": {
                "Cidr": {"Type": "String", "Default": "0.0.0.0/0"},
                "Port": {"Type": "Number", "Default": 22},
                "Subnets": {"Type": "CommaDelimitedList", "Default": "10.0.0.0/24, 10.0.1.0/24"},
                "NoDefault": {"Type": "String"}
            },
            "Resources": {"Sg": {"Properties": {
                "CidrIp": {"Ref": "Cidr"},
                "FromPort": {"Ref": "Port"},
                "Nets": {"Ref": "Subnets"},
                "Region": {"Ref": "AWS::Region"},
                "Other": {"Ref": "NoDefault"},
                "Res": {"Ref": "Sg"}
            }}}
        });
        resolve(&mut t);
        let p = &t["Resources"]["Sg"]["Properties"];
        assert_eq!(p["CidrIp"], json!("0.0.0.0/0"));
        assert_eq!(p["FromPort"], json!(22));
        assert_eq!(p["Nets"], json!(["10.0.0.0/24", "10.0.1.0/24"]));
        assert_eq!(p["Region"], json!({"Ref": "AWS::Region"}));
        assert_eq!(p["Other"], json!({"Ref": "NoDefault"}));
        assert_eq!(p["Res"], json!({"Ref": "Sg"}));
        // The sources themselves are untouched.
        assert_eq!(t["Parameters"]["Subnets"]["Default"], json!("10.0.0.0/24, 10.0.1.0/24"));
    }

    #[test]
    fn static_sub_and_find_in_map_resolve() {
        let mut t = json!({
            "Parameters": {"Env": {"Default": "prod"}, "Net": {"Default": "0.0.0.0"}},
            "Mappings": {"Cidrs": {"prod": {"Admin": "0.0.0.0/0"}}},
            "Resources": {"R": {"Properties": {
                "A": {"Fn::Sub": "${Net}/0"},
                "B": {"Fn::Sub": ["${Net}/${Bits}", {"Bits": 0}]},
                "C": {"Fn::Sub": "arn:aws:s3:::${AWS::AccountId}-${Env}"},
                "D": {"Fn::Sub": "${!Literal}-${Env}"},
                "E": {"Fn::FindInMap": ["Cidrs", {"Ref": "Env"}, "Admin"]},
                "F": {"Fn::FindInMap": ["Cidrs", {"Ref": "AWS::Region"}, "Admin"]},
                "G": {"Fn::Sub": "${Bucket.Arn}"}
            }}}
        });
        resolve(&mut t);
        let p = &t["Resources"]["R"]["Properties"];
        assert_eq!(p["A"], json!("0.0.0.0/0"));
        assert_eq!(p["B"], json!("0.0.0.0/0"));
        assert_eq!(p["C"], json!({"Fn::Sub": "arn:aws:s3:::${AWS::AccountId}-${Env}"}));
        assert_eq!(p["D"], json!("${Literal}-prod"));
        assert_eq!(p["E"], json!("0.0.0.0/0"));
        assert_eq!(p["F"], json!({"Fn::FindInMap": ["Cidrs", {"Ref": "AWS::Region"}, "Admin"]}));
        assert_eq!(p["G"], json!({"Fn::Sub": "${Bucket.Arn}"}));
    }
}
