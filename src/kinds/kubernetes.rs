//! Kubernetes manifests (any resource: Pod, Deployment, Service, ...), YAML or JSON; one
//! document per YAML document of the stream.
//!
//! Recognised by content: `apiVersion` and `kind` near the top. Document shape:
//! `docs/kinds/kubernetes.md`.

use super::{Candidate, Detection, FileToParse, Kind, no_tags, yaml_or_json};
use crate::facets::Facets;
use crate::facets::walk::{self, path};
use crate::facets::{JsonPath, Script, env, image, network};
use crate::syntax::Seg;
use crate::syntax::{Document, ParseError};
use serde_json::Value;

pub struct Kubernetes;

impl Kind for Kubernetes {
    fn id(&self) -> &'static str {
        "kubernetes"
    }

    fn title(&self) -> &'static str {
        "Kubernetes manifest"
    }

    fn platform(&self) -> &'static str {
        "Kubernetes"
    }

    fn detected_by(&self) -> &'static str {
        "content of a YAML/JSON file: `apiVersion` and `kind`"
    }

    fn detect(&self, file: &Candidate) -> Detection {
        if file.is_structured() && file.head_has("apiVersion") && file.head_has("kind") {
            Detection::ByContent
        } else {
            Detection::No
        }
    }

    fn parse(&self, file: &FileToParse) -> Result<Option<Vec<Document>>, ParseError> {
        yaml_or_json(file.bytes, no_tags)
    }

    fn facets(&self, document: &Document) -> Facets {
        facets(document)
    }
}

/// Shells whose `-c` argument is a script.
const SHELLS: &[&str] = &["sh", "bash", "zsh", "dash", "ash", "ksh"];

/// Annotations that make a LoadBalancer internal (reachable only inside the network), with the
/// values that mean so.
const INTERNAL_ANNOTATIONS: &[(&str, &[&str])] = &[
    ("service.beta.kubernetes.io/aws-load-balancer-internal", &["true", "0.0.0.0/0"]),
    ("service.beta.kubernetes.io/aws-load-balancer-scheme", &["internal"]),
    ("networking.gke.io/load-balancer-type", &["internal"]),
    ("cloud.google.com/load-balancer-type", &["internal"]),
    ("service.beta.kubernetes.io/azure-load-balancer-internal", &["true"]),
    ("service.beta.kubernetes.io/oci-load-balancer-internal", &["true"]),
    ("service.beta.kubernetes.io/openstack-internal-load-balancer", &["true"]),
    ("service.beta.kubernetes.io/do-loadbalancer-type", &["private"]),
];

/// The facets of a Kubernetes manifest: each container's (and init/ephemeral container's)
/// `image`, `sh -c` script and literal `env` values, and for a `Service` of type LoadBalancer
/// (not internal) or NodePort one ingress item per port and source range (0.0.0.0/0 when it
/// has none).
fn facets(document: &Document) -> Facets {
    let doc = &document.value;
    let mut facets = Facets::default();
    let kind = walk::string(doc, "kind").unwrap_or("");
    let spec_path: Vec<&str> = match kind {
        "Pod" => vec!["spec"],
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "ReplicationController" => {
            vec!["spec", "template", "spec"]
        }
        "CronJob" => vec!["spec", "jobTemplate", "spec", "template", "spec"],
        "Service" => {
            service_ingress(doc, &mut facets);
            return facets;
        }
        _ => return facets,
    };
    let Some(spec) = spec_path.iter().try_fold(doc, |v, k| walk::get(v, k)) else { return facets };
    let base: JsonPath = spec_path.iter().map(|k| Seg::from(*k)).collect();
    for field in ["containers", "initContainers", "ephemeralContainers"] {
        for (i, c) in walk::list(spec, field).filter(|(_, c)| c.is_object()) {
            let at = path![base; field, i];
            if let Some(img) = walk::string(c, "image") {
                facets.images.push(image::image(path![at; "image"], img, "kubernetes container"));
            }
            let command: Vec<(JsonPath, &Value)> = walk::list(c, "command")
                .map(|(j, v)| (path![at; "command", j], v))
                .chain(walk::list(c, "args").map(|(j, v)| (path![at; "args", j], v)))
                .collect();
            if let Some(first) = command.first().and_then(|(_, v)| v.as_str())
                && SHELLS.contains(&first.rsplit('/').next().unwrap_or(first))
                && let Some(k) = command.iter().position(|(_, v)| v.as_str() == Some("-c"))
                && let Some((p, Value::String(script))) = command.get(k + 1)
            {
                facets.scripts.push(Script {
                    path: p.clone(),
                    script: script.clone(),
                    shell: Some(first.rsplit('/').next().unwrap_or(first).to_string()),
                    origin: "kubernetes command".to_string(),
                });
            }
            for (j, e) in walk::list(c, "env") {
                if let (Some(name), Some(value)) = (walk::string(e, "name"), walk::string(e, "value")) {
                    let entry = path![at; "env", j];
                    facets.env.push(env::var(
                        path![entry; "value"],
                        path![entry; "name"],
                        name,
                        value,
                        "kubernetes env",
                    ));
                }
            }
        }
    }
    facets
}

fn service_ingress(doc: &Value, facets: &mut Facets) {
    let Some(spec) = walk::get(doc, "spec") else { return };
    let ty = walk::string(spec, "type").unwrap_or("");
    if ty != "LoadBalancer" && ty != "NodePort" {
        return;
    }
    let annotations = walk::get(doc, "metadata").and_then(|m| walk::object(m, "annotations"));
    let annotation = |key: &str| annotations.and_then(|a| a.get(key)).and_then(Value::as_str);
    let internal = INTERNAL_ANNOTATIONS
        .iter()
        .any(|(key, values)| annotation(key).is_some_and(|v| values.contains(&v.to_ascii_lowercase().as_str())));
    if ty == "LoadBalancer" && internal {
        return;
    }
    // Source ranges: the spec's list, else the annotation's comma-separated text.
    let mut ranges: Vec<(String, Option<JsonPath>)> = match walk::get(spec, "loadBalancerSourceRanges") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(k, r)| {
                r.as_str().map(|r| (r.trim().to_string(), Some(path!["spec", "loadBalancerSourceRanges", k])))
            })
            .collect(),
        _ => annotation("service.beta.kubernetes.io/load-balancer-source-ranges")
            .map(|t| t.split(',').map(|r| (r.trim().to_string(), None)).collect())
            .unwrap_or_default(),
    };
    ranges.retain(|(r, _)| !r.is_empty());
    if ty == "NodePort" || ranges.is_empty() {
        // A NodePort listens on every node whatever the LoadBalancer ranges say.
        ranges = vec![("0.0.0.0/0".to_string(), None)];
    }
    let name = walk::get(doc, "metadata").and_then(|m| walk::string(m, "name")).unwrap_or("?");
    let origin = if ty == "NodePort" { "kubernetes service NodePort" } else { "kubernetes service LoadBalancer" };
    for (j, port) in walk::list(spec, "ports") {
        let protocol = walk::string(port, "protocol").unwrap_or("TCP").to_ascii_lowercase();
        let number = walk::get(port, "port");
        let rule = network::Rule {
            path: path!["spec", "ports", j],
            protocol,
            from_port: number,
            to_port: number,
            action: "allow",
            resource: format!("Service {name}"),
            origin,
        };
        for (cidr, cidr_path) in &ranges {
            facets.ingress.push(rule.item(Some(cidr.clone()), cidr_path.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse_yaml;

    #[test]
    fn facets_of_a_deployment() {
        let src = "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:latest\n          command: [\"/bin/sh\", \"-c\"]\n          args: [\"curl x | sh\"]\n          env:\n            - name: DB_PASSWORD\n              value: hunter2\n            - name: FROM_SECRET\n              valueFrom: {secretKeyRef: {name: s, key: k}}\n";
        let f = facets(&parse_yaml(src.as_bytes()).unwrap()[0]);
        let base = path!["spec", "template", "spec", "containers", 0usize];
        assert_eq!(f.images[0].path, path![base; "image"]);
        assert_eq!(f.images[0].tag.as_deref(), Some("latest"));
        assert_eq!(
            (f.scripts[0].script.as_str(), f.scripts[0].path.clone()),
            ("curl x | sh", path![base; "args", 0usize])
        );
        assert_eq!(f.env.len(), 1);
        assert_eq!(f.env[0].path, path![base; "env", 0usize, "value"]);
        assert_eq!(f.env[0].name_path, path![base; "env", 0usize, "name"]);
    }

    #[test]
    fn facets_of_services() {
        let open = "kind: Service\nmetadata:\n  name: db\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 5432\n";
        let f = facets(&parse_yaml(open.as_bytes()).unwrap()[0]);
        assert_eq!(f.ingress.len(), 1);
        assert_eq!((f.ingress[0].from_port, f.ingress[0].cidr.as_deref()), (Some(5432), Some("0.0.0.0/0")));
        assert_eq!(f.ingress[0].path, path!["spec", "ports", 0usize]);
        let ranged = "kind: Service\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]\n  ports:\n    - port: 22\n";
        let f = facets(&parse_yaml(ranged.as_bytes()).unwrap()[0]);
        assert_eq!(f.ingress[0].cidr.as_deref(), Some("10.0.0.0/8"));
        assert_eq!(f.ingress[0].cidr_path, Some(path!["spec", "loadBalancerSourceRanges", 0usize]));
        let internal = "kind: Service\nmetadata:\n  annotations:\n    networking.gke.io/load-balancer-type: Internal\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 22\n";
        assert!(facets(&parse_yaml(internal.as_bytes()).unwrap()[0]).ingress.is_empty());
        let cluster = "kind: Service\nspec:\n  ports:\n    - port: 22\n";
        assert!(facets(&parse_yaml(cluster.as_bytes()).unwrap()[0]).ingress.is_empty());
    }
}
