package tollgate.aws.elb.lb_listener_plain_http_test

import data.tollgate.aws.elb.lb_listener_plain_http as p

paths(found) := {f.path | some f in found}

test_terraform_listeners if {
	doc := {"resource": {
		"aws_lb": {"web": {"load_balancer_type": "application"}, "nlb": {"load_balancer_type": "network"}},
		"aws_lb_listener": {
			"http": {"load_balancer_arn": "${aws_lb.web.arn}", "port": 80, "protocol": "HTTP", "default_action": [{"type": "forward", "target_group_arn": "${aws_lb_target_group.web.arn}"}]},
			"implicit": {"load_balancer_arn": "${aws_lb.web.arn}", "port": 8080, "default_action": [{"type": "forward"}]},
			"redirect": {"load_balancer_arn": "${aws_lb.web.arn}", "port": 80, "protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}]}]},
			"https": {"load_balancer_arn": "${aws_lb.web.arn}", "port": 443, "protocol": "HTTPS", "certificate_arn": "${aws_acm_certificate.web.arn}"},
			"tcp": {"load_balancer_arn": "${aws_lb.nlb.arn}", "port": 5432, "protocol": "TCP"},
			"nlb_default": {"load_balancer_arn": "${aws_lb.nlb.arn}", "port": 6379},
			"elsewhere": {"load_balancer_arn": "${var.lb_arn}", "port": 80},
		},
		"aws_alb_listener": {"legacy": {"port": 80, "protocol": "http", "default_action": [{"type": "redirect", "redirect": [{"protocol": "#{protocol}"}]}]}},
		"aws_elb": {"classic": {"listener": [
			{"lb_port": 443, "lb_protocol": "https", "instance_port": 8080, "instance_protocol": "http"},
			{"lb_port": 80, "lb_protocol": "http", "instance_port": 8080, "instance_protocol": "http"},
		]}},
	}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {
		["resource", "aws_lb_listener", "http", "protocol"],
		["resource", "aws_lb_listener", "implicit"],
		["resource", "aws_alb_listener", "legacy", "protocol"],
		["resource", "aws_elb", "classic", "listener", 1, "lb_protocol"],
	}
}

test_terraform_good if {
	doc := {"resource": {"aws_lb_listener": {"redirect": {"port": 80, "protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}]}]}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"Alb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Scheme": "internet-facing"}},
		"Http": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"LoadBalancerArn": {"Ref": "Alb"}, "Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "Tg"}}]}},
		"Redirect": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"LoadBalancerArn": {"Ref": "Alb"}, "Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]}},
		"NoProto": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"LoadBalancerArn": {"Ref": "Alb"}, "Port": 8080, "DefaultActions": [{"Type": "forward"}]}},
		"Https": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"LoadBalancerArn": {"Ref": "Alb"}, "Port": 443, "Protocol": "HTTPS"}},
		"Classic": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"Listeners": [
			{"LoadBalancerPort": "80", "InstancePort": "8080", "Protocol": "HTTP"},
			{"LoadBalancerPort": "443", "InstancePort": "8080", "Protocol": "HTTPS", "SSLCertificateId": "arn:aws:acm:x"},
		]}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {
		["Resources", "Http", "Properties", "Protocol"],
		["Resources", "NoProto"],
		["Resources", "Classic", "Properties", "Listeners", 0, "Protocol"],
	}
}

test_terraform_dynamic_default_action_is_not_evidence if {
	doc := {"resource": {"aws_lb_listener": {"this": {"port": 80, "protocol": "HTTP", "dynamic": {"default_action": [{"for_each": "${var.actions}", "content": [{"type": "${default_action.value.type}"}]}]}}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_unknown_actions_are_not_evidence if {
	tf_doc := {"resource": {"aws_lb_listener": {
		"a": {"port": 80, "protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "${var.redirect_protocol}"}]}]},
		"b": {"port": 80, "protocol": "HTTP", "default_action": [{"type": "${var.action_type}"}]},
	}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": tf_doc}
	cfn_doc := {"Resources": {
		"A": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"Port": 80, "Protocol": "HTTP", "DefaultActions": {"Fn::If": ["Tls", [], []]}}},
		"B": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Fn::If": ["Tls", {}, {}]}]}},
		"C": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": {"Ref": "RedirectProtocol"}}}]}},
	}}
	count(p.deny) == 0 with input as {"kind": "cloudformation", "document": cfn_doc}
}
