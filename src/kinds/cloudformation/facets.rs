//! The facets of a CloudFormation (or SAM) template. Intrinsics that resolve statically
//! (parameter defaults, see `parameters`) are already values here; the others (`{"Ref": ...}`
//! to a resource or a pseudo parameter, `{"Fn::GetAtt": ...}`) are left as they are, so only
//! literal strings become env values, CIDRs and images; a policy document given as JSON text is parsed and blames its property.
//!
//! - images and env: ECS `ContainerDefinitions` (`Image`, `Environment`), Lambda and SAM
//!   function `Environment.Variables` (and SAM `Globals`), CodeBuild
//!   `Environment.EnvironmentVariables` (a non-PLAINTEXT `Type` is a reference);
//! - scripts and env of `AWS::CodePipeline::Pipeline`, read by the `codepipeline` kind's
//!   [`pipeline_facets`](super::super::codepipeline::pipeline_facets);
//! - ingress: `SecurityGroupIngress` of security groups, `AWS::EC2::SecurityGroupIngress`, and
//!   ingress `AWS::EC2::NetworkAclEntry`;
//! - iam_statements: IAM policies (`PolicyDocument`, inline `Policies`), role trust policies,
//!   and bucket, queue, topic, key, repository and secret policies, and IAM Identity Center
//!   permission set inline policies.

use crate::facets::walk::{self, path};
use crate::facets::{Facets, JsonPath, env, iam, image, network};
use crate::syntax::Document;
use serde_json::Value;

const FUNCTIONS: &[&str] = &["AWS::Lambda::Function", "AWS::Serverless::Function"];
const IDENTITY: &[&str] = &[
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::RolePolicy",
    "AWS::IAM::UserPolicy",
    "AWS::IAM::GroupPolicy",
];
const WITH_INLINE: &[&str] = &["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"];
/// (type, property, policy type) of resource and trust policies.
const RESOURCE_POLICIES: &[(&str, &str, &str)] = &[
    ("AWS::IAM::Role", "AssumeRolePolicyDocument", "trust"),
    ("AWS::S3::BucketPolicy", "PolicyDocument", "resource"),
    ("AWS::SQS::QueuePolicy", "PolicyDocument", "resource"),
    ("AWS::SNS::TopicPolicy", "PolicyDocument", "resource"),
    ("AWS::KMS::Key", "KeyPolicy", "resource"),
    ("AWS::ECR::Repository", "RepositoryPolicyText", "resource"),
    ("AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", "resource"),
    ("AWS::SSO::PermissionSet", "InlinePolicy", "identity"),
];

pub(super) fn facets(document: &Document) -> Facets {
    let doc = &document.value;
    let mut facets = Facets::default();
    let res = |id: &str| path!["Resources", id, "Properties"];

    for (id, _, props) in walk::cfn_resources(doc, &["AWS::ECS::TaskDefinition"]) {
        for (i, c) in walk::list(props, "ContainerDefinitions") {
            let at = path![res(id); "ContainerDefinitions", i];
            if let Some(img) = walk::string(c, "Image") {
                facets.images.push(image::image(path![at; "Image"], img, "cloudformation ecs container"));
            }
            for (j, e) in walk::list(c, "Environment") {
                if let (Some(n), Some(v)) = (walk::string(e, "Name"), walk::string(e, "Value")) {
                    let entry = path![at; "Environment", j];
                    facets.env.push(env::var(
                        path![entry; "Value"],
                        path![entry; "Name"],
                        n,
                        v,
                        "cloudformation ecs environment",
                    ));
                }
            }
        }
    }
    let variables = |vars: Option<&Value>, at: JsonPath, origin: &str, facets: &mut Facets| {
        for (k, v) in vars.and_then(Value::as_object).into_iter().flatten() {
            if let Some(v) = v.as_str() {
                let p = path![at; k];
                facets.env.push(env::var(p.clone(), p, k, v, origin));
            }
        }
    };
    for (id, _, props) in walk::cfn_resources(doc, FUNCTIONS) {
        let vars = walk::get(props, "Environment").and_then(|e| walk::get(e, "Variables"));
        variables(vars, path![res(id); "Environment", "Variables"], "cloudformation lambda environment", &mut facets);
    }
    let globals = ["Globals", "Function", "Environment", "Variables"].iter().try_fold(doc, |v, k| walk::get(v, k));
    variables(
        globals,
        path!["Globals", "Function", "Environment", "Variables"],
        "sam globals environment",
        &mut facets,
    );
    for (id, _, props) in walk::cfn_resources(doc, &["AWS::CodeBuild::Project"]) {
        let Some(environment) = walk::get(props, "Environment") else { continue };
        for (j, ev) in walk::list(environment, "EnvironmentVariables") {
            if let (Some(n), Some(v)) = (walk::string(ev, "Name"), walk::string(ev, "Value")) {
                let entry = path![res(id); "Environment", "EnvironmentVariables", j];
                let mut item =
                    env::var(path![entry; "Value"], path![entry; "Name"], n, v, "cloudformation codebuild environment");
                item.secret_ref |= walk::string(ev, "Type").is_some_and(|t| !t.eq_ignore_ascii_case("PLAINTEXT"));
                facets.env.push(item);
            }
        }
    }

    for (id, _, props) in walk::cfn_resources(doc, &["AWS::CodePipeline::Pipeline"]) {
        super::super::codepipeline::pipeline_facets(props, res(id), &mut facets);
    }

    ingress(doc, &mut facets);

    for (id, ty, props) in walk::cfn_resources(doc, IDENTITY) {
        if let Some(d) = walk::get(props, "PolicyDocument") {
            let source = iam::Source {
                path: path![res(id); "PolicyDocument"],
                policy_type: "identity",
                origin: &format!("{ty} {id}"),
            };
            iam::statements(d, &source, &mut facets.iam_statements);
        }
    }
    for (id, ty, props) in walk::cfn_resources(doc, WITH_INLINE) {
        for (i, p) in walk::list(props, "Policies") {
            if let Some(d) = walk::get(p, "PolicyDocument") {
                let origin =
                    format!("{ty} {id} policy {}", walk::string(p, "PolicyName").map_or(i.to_string(), str::to_string));
                let source = iam::Source {
                    path: path![res(id); "Policies", i, "PolicyDocument"],
                    policy_type: "identity",
                    origin: &origin,
                };
                iam::statements(d, &source, &mut facets.iam_statements);
            }
        }
    }
    for (rtype, prop, policy_type) in RESOURCE_POLICIES {
        for (id, ty, props) in walk::cfn_resources(doc, std::slice::from_ref(rtype)) {
            if let Some(d) = walk::get(props, prop) {
                let source = iam::Source { path: path![res(id); *prop], policy_type, origin: &format!("{ty} {id}") };
                iam::statements(d, &source, &mut facets.iam_statements);
            }
        }
    }
    facets
}

fn ingress(doc: &Value, facets: &mut Facets) {
    let rule = |r: &Value, at: JsonPath, action: &str, resource: String, origin: &str| -> Vec<crate::facets::Ingress> {
        let (from, to, proto) = match walk::get(r, "PortRange") {
            Some(range) => (walk::get(range, "From"), walk::get(range, "To"), walk::get(r, "Protocol")),
            None => (
                walk::get(r, "FromPort"),
                walk::get(r, "ToPort"),
                walk::get(r, "IpProtocol").or(walk::get(r, "Protocol")),
            ),
        };
        let rule = network::Rule {
            path: at.clone(),
            protocol: network::protocol(proto),
            from_port: from,
            to_port: to,
            action,
            resource,
            origin,
        };
        ["CidrIp", "CidrIpv6", "CidrBlock", "Ipv6CidrBlock"]
            .iter()
            .filter_map(|attr| walk::string(r, attr).map(|c| rule.item(Some(c.to_string()), Some(path![at; *attr]))))
            .collect()
    };
    for (id, ty, props) in walk::cfn_resources(doc, &["AWS::EC2::SecurityGroup"]) {
        for (i, r) in walk::list(props, "SecurityGroupIngress") {
            let at = path!["Resources", id, "Properties", "SecurityGroupIngress", i];
            facets.ingress.extend(rule(r, at, "allow", format!("{ty} {id}"), "cloudformation security group"));
        }
    }
    for (id, ty, props) in walk::cfn_resources(doc, &["AWS::EC2::SecurityGroupIngress"]) {
        facets.ingress.extend(rule(
            props,
            path!["Resources", id, "Properties"],
            "allow",
            format!("{ty} {id}"),
            "cloudformation security group ingress",
        ));
    }
    for (id, ty, props) in walk::cfn_resources(doc, &["AWS::EC2::NetworkAclEntry"]) {
        let egress = matches!(walk::get(props, "Egress"), Some(Value::Bool(true)))
            || walk::string(props, "Egress") == Some("true");
        if egress {
            continue;
        }
        let action = walk::string(props, "RuleAction").unwrap_or("").to_ascii_lowercase();
        facets.ingress.extend(rule(
            props,
            path!["Resources", id, "Properties"],
            &action,
            format!("{ty} {id}"),
            "cloudformation network acl entry",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse_yaml;

    const TEMPLATE: &str = "Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
        - {IpProtocol: -1, CidrIpv6: ::/0}
  Entry:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {Egress: false, RuleAction: allow, Protocol: 6, PortRange: {From: 3389, To: 3389}, CidrBlock: 0.0.0.0/0}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables: {API_TOKEN: abc, REF: {Ref: P}}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {AWS: '*'}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: admin
          PolicyDocument: '{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}'
        - {Fn::If: [C, {}, {}]}
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - {Image: nginx, Environment: [{Name: DB_PASSWORD, Value: x}]}
";

    #[test]
    fn facets_of_a_template() {
        let f = facets(&parse_yaml(TEMPLATE.as_bytes()).unwrap()[0]);
        let ingress: Vec<(Option<i64>, &str, Option<&str>, &str)> = f
            .ingress
            .iter()
            .map(|i| (i.from_port, i.protocol.as_str(), i.cidr.as_deref(), i.action.as_str()))
            .collect();
        assert_eq!(
            ingress,
            vec![
                (Some(22), "tcp", Some("0.0.0.0/0"), "allow"),
                (None, "all", Some("::/0"), "allow"),
                (Some(3389), "tcp", Some("0.0.0.0/0"), "allow"),
            ]
        );
        assert_eq!(
            f.ingress[0].cidr_path,
            Some(path!["Resources", "Sg", "Properties", "SecurityGroupIngress", 0usize, "CidrIp"])
        );
        let env: Vec<&str> = f.env.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(env, vec!["DB_PASSWORD", "API_TOKEN"]);
        assert_eq!(f.images[0].path, path!["Resources", "Task", "Properties", "ContainerDefinitions", 0usize, "Image"]);
        let iam: Vec<(&str, JsonPath)> =
            f.iam_statements.iter().map(|s| (s.policy_type.as_str(), s.path.clone())).collect();
        assert_eq!(
            iam,
            vec![
                ("identity", path!["Resources", "Role", "Properties", "Policies", 0usize, "PolicyDocument"]),
                ("trust", path!["Resources", "Role", "Properties", "AssumeRolePolicyDocument", "Statement", 0usize]),
            ]
        );
        assert!(f.iam_statements[1].principals.as_ref().is_some_and(|p| p.everyone));
    }
}
