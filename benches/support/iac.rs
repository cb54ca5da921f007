//! A deterministic generator of an IaC-heavy tree, for `benches/iac.rs`: Kubernetes manifest
//! files (several documents each: workloads, services, config maps, RBAC) and Terraform modules
//! (security groups and rules, IAM roles with inline policies, launch templates, S3 buckets,
//! variables and locals), the shapes a platform monorepo is made of. Most objects are clean; a
//! few open SSH to the world or run privileged, so the policies both search and report.

use super::corpus::Rng;
use std::fmt::Write;

/// One Kubernetes manifest file with `docs` documents.
fn manifest(rng: &mut Rng, n: usize, docs: usize) -> String {
    let mut out = String::new();
    for d in 0..docs {
        if d > 0 {
            out.push_str("---\n");
        }
        let name = format!("svc{n}-{d}");
        match rng.below(5) {
            0 | 1 => {
                let privileged = rng.below(20) == 0;
                let _ = write!(
                    out,
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  labels:\n    app: {name}\n\
                     spec:\n  replicas: {}\n  selector:\n    matchLabels:\n      app: {name}\n  template:\n    \
                     metadata:\n      labels:\n        app: {name}\n    spec:\n      serviceAccountName: {name}\n      \
                     containers:\n        - name: app\n          image: registry.local/{name}:1.{}.0\n          \
                     ports:\n            - containerPort: 8080\n          env:\n            - name: LOG_LEVEL\n              \
                     value: info\n            - name: DB_PASSWORD\n              valueFrom:\n                \
                     secretKeyRef:\n                  name: {name}-db\n                  key: password\n          \
                     securityContext:\n            privileged: {privileged}\n            runAsNonRoot: true\n            \
                     allowPrivilegeEscalation: false\n          resources:\n            limits:\n              \
                     cpu: 500m\n              memory: 256Mi\n",
                    1 + rng.below(5),
                    rng.below(30),
                );
            }
            2 => {
                let _ = write!(
                    out,
                    "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  type: ClusterIP\n  \
                     selector:\n    app: {name}\n  ports:\n    - port: 80\n      targetPort: 8080\n"
                );
            }
            3 => {
                let _ = write!(out, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n");
                for k in 0..(5 + rng.below(20)) {
                    let _ = writeln!(out, "  setting_{k}: \"{}\"", rng.below(100_000));
                }
            }
            _ => {
                let _ = write!(
                    out,
                    "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {name}\nrules:\n  \
                     - apiGroups: [\"\"]\n    resources: [\"configmaps\", \"secrets\"]\n    verbs: [\"get\", \"list\"]\n"
                );
            }
        }
    }
    out
}

/// One Terraform file of about `resources` resources.
fn terraform(rng: &mut Rng, n: usize, resources: usize) -> String {
    let mut out = format!(
        "variable \"env\" {{\n  default = \"prod\"\n}}\n\nlocals {{\n  name = \"app{n}-${{var.env}}\"\n  \
         admin_cidr = \"10.{}.0.0/16\"\n}}\n\n",
        n % 250
    );
    for r in 0..resources {
        let name = format!("r{r}");
        match rng.below(6) {
            0 => {
                let world = rng.below(15) == 0;
                let cidr = if world { "\"0.0.0.0/0\"" } else { "local.admin_cidr" };
                let _ = write!(
                    out,
                    "resource \"aws_security_group\" \"{name}\" {{\n  name   = \"${{local.name}}-{name}\"\n  \
                     vpc_id = aws_vpc.main.id\n\n  ingress {{\n    from_port   = 22\n    to_port     = 22\n    \
                     protocol    = \"tcp\"\n    cidr_blocks = [{cidr}]\n  }}\n\n  egress {{\n    from_port   = 0\n    \
                     to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n}}\n\n"
                );
            }
            1 => {
                let _ = write!(
                    out,
                    "resource \"aws_security_group_rule\" \"{name}\" {{\n  type              = \"ingress\"\n  \
                     from_port         = 443\n  to_port           = 443\n  protocol          = \"tcp\"\n  \
                     cidr_blocks       = [\"0.0.0.0/0\"]\n  security_group_id = aws_security_group.r0.id\n}}\n\n"
                );
            }
            2 => {
                let _ = write!(
                    out,
                    "resource \"aws_iam_role_policy\" \"{name}\" {{\n  name = \"${{local.name}}-{name}\"\n  \
                     role = aws_iam_role.node.id\n  policy = jsonencode({{\n    Version = \"2012-10-17\"\n    \
                     Statement = [\n      {{\n        Effect   = \"Allow\"\n        Action   = [\"ec2:DescribeInstances\", \
                     \"ec2:DescribeRegions\", \"autoscaling:DescribeAutoScalingGroups\"]\n        Resource = \"*\"\n      \
                     }},\n      {{\n        Effect   = \"Allow\"\n        Action   = [\"s3:GetObject\"]\n        \
                     Resource = \"arn:aws:s3:::state-{n}/*\"\n      }}\n    ]\n  }})\n}}\n\n"
                );
            }
            3 => {
                let _ = write!(
                    out,
                    "resource \"aws_launch_template\" \"{name}\" {{\n  name_prefix   = \"${{local.name}}-{name}\"\n  \
                     image_id      = \"ami-0{:x}\"\n  instance_type = \"t3.medium\"\n\n  metadata_options {{\n    \
                     http_tokens = \"required\"\n  }}\n\n  block_device_mappings {{\n    device_name = \"/dev/xvda\"\n    \
                     ebs {{\n      volume_size = 64\n      encrypted   = true\n    }}\n  }}\n\n  \
                     user_data = base64encode(\"#!/bin/bash\\necho starting {name}\\n\")\n}}\n\n",
                    rng.next() & 0xffff_ffff
                );
            }
            4 => {
                let _ = write!(
                    out,
                    "resource \"aws_s3_bucket\" \"{name}\" {{\n  bucket = \"${{local.name}}-{name}\"\n}}\n\n\
                     resource \"aws_s3_bucket_public_access_block\" \"{name}\" {{\n  bucket                  = \
                     aws_s3_bucket.{name}.id\n  block_public_acls       = true\n  block_public_policy     = true\n  \
                     ignore_public_acls      = true\n  restrict_public_buckets = true\n}}\n\n"
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "resource \"aws_route53_record\" \"{name}\" {{\n  zone_id = var.zone_id\n  name    = \
                     \"{name}.${{local.name}}.example.com\"\n  type    = \"A\"\n  ttl     = 300\n  records = \
                     [\"10.0.{}.{}\"]\n}}\n\n",
                    rng.below(250),
                    rng.below(250)
                );
            }
        }
    }
    out
}

/// About `files` files: three Kubernetes manifests for every Terraform file, as (relative
/// path, content). Terraform files come two to a module directory.
pub fn generate(seed: u64, files: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    (0..files)
        .map(|n| {
            if n % 4 == 3 {
                let resources = 5 + rng.below(40);
                (format!("terraform/mod{:03}/file{n:05}.tf", n / 8), terraform(&mut rng, n, resources))
            } else {
                let docs = 1 + rng.below(6);
                (format!("k8s/team{:02}/manifest{n:05}.yaml", n % 37), manifest(&mut rng, n, docs))
            }
        })
        .collect()
}
