package tollgate.aws.opensearch.opensearch_domain_open_to_world_test

import data.tollgate.aws.opensearch.opensearch_domain_open_to_world as p

paths(found) := {f.path | some f in found}

open_policy := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "es:*",
      "Resource": "arn:aws:es:eu-west-1:123456789012:domain/logs/*"
    }
  ]
}`

ip_restricted := `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow", "Principal": "*", "Action": "es:ESHttp*",
    "Resource": "arn:aws:es:eu-west-1:123456789012:domain/logs/*",
    "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}
  }]
}`

test_terraform_open_domain if {
	doc := {"resource": {"aws_opensearch_domain": {
		"logs": {"domain_name": "logs", "access_policies": json.unmarshal(open_policy)},
		"vpc": {"domain_name": "vpc", "access_policies": json.unmarshal(open_policy), "vpc_options": [{"subnet_ids": ["subnet-1"]}]},
		"fgac": {"domain_name": "fgac", "access_policies": json.unmarshal(open_policy), "advanced_security_options": [{"enabled": true, "internal_user_database_enabled": true}]},
		"ip": {"domain_name": "ip", "access_policies": json.unmarshal(ip_restricted)},
		"doc": {"domain_name": "doc", "access_policies": "${data.aws_iam_policy_document.search.json}"},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_opensearch_domain", "logs", "access_policies"]}
}

test_terraform_domain_policy_resource if {
	doc := {"resource": {
		"aws_elasticsearch_domain": {"legacy": {"domain_name": "legacy"}},
		"aws_elasticsearch_domain_policy": {"legacy": {"domain_name": "${aws_elasticsearch_domain.legacy.domain_name}", "access_policies": json.unmarshal(open_policy)}},
		"aws_opensearch_domain_policy": {"other": {"domain_name": "${var.domain}", "access_policies": json.unmarshal(open_policy)}},
	}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_elasticsearch_domain_policy", "legacy", "access_policies"]}
}

test_terraform_good if {
	doc := {"resource": {"aws_opensearch_domain": {"ip": {"access_policies": json.unmarshal(ip_restricted)}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	open_doc := {"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"}, "Action": "es:*"},
		{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "es:ESHttpGet"},
	]}
	doc := {"Resources": {
		"Search": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"AccessPolicies": open_doc}},
		"Private": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"AccessPolicies": open_doc, "VPCOptions": {"SubnetIds": ["subnet-1"]}}},
		"Legacy": {"Type": "AWS::Elasticsearch::Domain", "Properties": {"AccessPolicies": {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "es:*"}}}},
		"AsString": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"AccessPolicies": open_policy}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {
		["Resources", "Search", "Properties", "AccessPolicies", "Statement", 1, "Principal"],
		["Resources", "Legacy", "Properties", "AccessPolicies", "Statement", "Principal"],
		["Resources", "AsString", "Properties", "AccessPolicies"],
	}
}

test_terraform_dynamic_vpc_options_is_not_evidence if {
	doc := {"resource": {"aws_opensearch_domain": {"this": {
		"access_policies": json.unmarshal(open_policy),
		"dynamic": {"vpc_options": [{"for_each": "${var.vpc_options}", "content": [{"subnet_ids": "${vpc_options.value.subnet_ids}"}]}]},
	}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_unknown_fine_grained_access_control_is_not_evidence if {
	tf_doc := {"resource": {"aws_opensearch_domain": {"this": {
		"access_policies": json.unmarshal(open_policy),
		"advanced_security_options": [{"enabled": "${var.fgac_enabled}"}],
	}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": tf_doc}
	cfn_doc := {"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {
		"AccessPolicies": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "es:*"}]},
		"AdvancedSecurityOptions": {"Fn::If": ["Fgac", {"Enabled": true}, {"Ref": "AWS::NoValue"}]},
	}}}}
	count(p.deny) == 0 with input as {"kind": "cloudformation", "document": cfn_doc}
}

test_anonymous_auth_defeats_fine_grained_access_control if {
	tf_doc := {"resource": {"aws_opensearch_domain": {"this": {
		"access_policies": json.unmarshal(open_policy),
		"advanced_security_options": [{"enabled": true, "anonymous_auth_enabled": true}],
	}}}}
	count(p.deny) == 1 with input as {"kind": "terraform", "document": tf_doc}
}
