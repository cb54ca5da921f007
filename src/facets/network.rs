//! Network exposure rules for the `ingress` facet: protocol names and numbers normalised
//! (`-1`/`all` -> `all`, `6` -> `tcp`, ...), literal port bounds, and one item per source CIDR.

use super::walk::integer;
use super::{Ingress, JsonPath};
use serde_json::Value;

/// `tcp`, `udp`, `icmp`, `icmpv6` and `all` by name or IP protocol number; anything else
/// lower-cased as written (an unresolved expression stays as its text); `unknown` when absent.
pub fn protocol(v: Option<&Value>) -> String {
    let text = match v {
        Some(Value::String(s)) => s.trim().to_ascii_lowercase(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return "unknown".to_string(),
    };
    match text.as_str() {
        "-1" | "all" | "any" | "*" => "all",
        "6" => "tcp",
        "17" => "udp",
        "1" => "icmp",
        "58" => "icmpv6",
        other => other,
    }
    .to_string()
}

/// One rule's shared fields, from which an item per CIDR is made.
pub struct Rule<'a> {
    pub path: JsonPath,
    pub protocol: String,
    pub from_port: Option<&'a Value>,
    pub to_port: Option<&'a Value>,
    pub action: &'a str,
    pub resource: String,
    pub origin: &'a str,
}

impl Rule<'_> {
    /// The item for one source CIDR (`None` when the rule has none that can be read).
    pub fn item(&self, cidr: Option<String>, cidr_path: Option<JsonPath>) -> Ingress {
        // "All protocols" opens every port whatever the port fields say.
        let every = self.protocol == "all";
        Ingress {
            path: self.path.clone(),
            direction: "ingress".to_string(),
            from_port: if every { None } else { integer(self.from_port) },
            to_port: if every { None } else { integer(self.to_port) },
            protocol: self.protocol.clone(),
            cidr,
            cidr_path,
            action: self.action.to_string(),
            resource: self.resource.clone(),
            origin: self.origin.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn protocols_are_normalised() {
        assert_eq!(protocol(Some(&json!("-1"))), "all");
        assert_eq!(protocol(Some(&json!(-1))), "all");
        assert_eq!(protocol(Some(&json!("TCP"))), "tcp");
        assert_eq!(protocol(Some(&json!(6))), "tcp");
        assert_eq!(protocol(Some(&json!("17"))), "udp");
        assert_eq!(protocol(Some(&json!("${var.p}"))), "${var.p}");
        assert_eq!(protocol(None), "unknown");
    }

    #[test]
    fn all_protocols_mean_every_port() {
        let rule = Rule {
            path: Vec::new(),
            protocol: "all".into(),
            from_port: Some(&json!(0)),
            to_port: Some(&json!(0)),
            action: "allow",
            resource: "r".into(),
            origin: "o",
        };
        let item = rule.item(Some("0.0.0.0/0".into()), None);
        assert_eq!((item.from_port, item.to_port), (None, None));
    }
}
