# METADATA
# title: Load balancer listener serves plain HTTP
# description: >-
#   The Application/Classic Load Balancer listener accepts unencrypted HTTP and forwards it to the
#   application instead of redirecting clients to HTTPS. Credentials, session cookies, API tokens
#   and personal data then cross the network in clear text and can be read or tampered with by
#   anyone on the path (public Wi-Fi, compromised routers, other tenants of a network).
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html
# custom:
#   id: TG-AWS-031
#   severity: medium
#   remediation: "Serve the application on an HTTPS listener (`protocol = \"HTTPS\"` with an ACM `certificate_arn` and a current `ssl_policy`) and make the HTTP listener's `default_action` a redirect: `type = \"redirect\"` with `redirect { protocol = \"HTTPS\"  port = \"443\"  status_code = \"HTTP_301\" }` (CloudFormation: `Type: redirect` with `RedirectConfig: {Protocol: HTTPS, Port: '443', StatusCode: HTTP_301}`). For Classic Load Balancers use an `https` listener with an SSL certificate."
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::ElasticLoadBalancing::LoadBalancer
#     - resource:AWS::ElasticLoadBalancingV2::Listener
#     - resource:AWS::ElasticLoadBalancingV2::LoadBalancer
#     - resource:aws_alb_listener
#     - resource:aws_elb
#     - resource:aws_lb_listener
#   aliases: [CKV_AWS_2, CKV2_AWS_20, AVD-AWS-0054, aws-elb-http-not-used]
package tollgate.aws.elb.lb_listener_plain_http

# A load balancer listener on plain HTTP sends requests, session cookies, bearer tokens and
# form posts across the network unencrypted, where anyone on the path can read or modify
# them. An HTTP listener is fine when all it does is redirect to HTTPS, which is the only
# case not flagged.

import data.lib.cloud
import data.lib.guard
import data.lib.terraform as tf

is_http(p) if guard.upper_str(p) == "HTTP"

https_or_unknown(p) if guard.upper_str(p) == "HTTPS"

https_or_unknown(p) if unknown(p)

# A value only known at plan / deploy time.
unknown(v) if {
	is_string(v)
	startswith(v, "${")
}

unknown(v) if guard.is_intrinsic(v)

# --- Application / network load balancer listeners -----------------------------------------

listeners := {"terraform": ["aws_lb_listener", "aws_alb_listener"], "cloudformation": "AWS::ElasticLoadBalancingV2::Listener"}

protocol := {"terraform": "protocol", "cloudformation": "Protocol"}

deny contains v if {
	some listener in cloud.resources(listeners)
	is_http(listener_protocol(listener))
	not redirects_to_https(listener)
	v := {
		"msg": sprintf("Load balancer listener `%s` serves plain HTTP on port %v without redirecting to HTTPS", [listener.name, cloud.get(listener, {"terraform": "port", "cloudformation": "Port"}, "?")]),
		"path": blame(listener),
	}
}

# The listener's protocol, when it is known. Without one, an Application Load Balancer
# listener is HTTP: only assumed when the balancer is declared in this file and is an ALB.
listener_protocol(listener) := cloud.get(listener, protocol, null) if is_string(cloud.get(listener, protocol, null))

listener_protocol(listener) := "HTTP" if {
	cloud.unset(listener, protocol)
	application_balancer(listener)
}

blame(listener) := cloud.path_of(listener, protocol) if is_string(cloud.get(listener, protocol, null))

blame(listener) := listener.at if cloud.unset(listener, protocol)

application_balancer(listener) if {
	listener.format == "terraform"
	lb := tf_balancer(listener.body)
	guard.upper_str(guard.get(lb, "load_balancer_type", "application")) == "APPLICATION"
}

application_balancer(listener) if {
	listener.format == "cloudformation"
	lb_name := listener.body.LoadBalancerArn.Ref
	lb := guard.cfn_resources("AWS::ElasticLoadBalancingV2::LoadBalancer")[lb_name]
	guard.upper_str(guard.get(guard.cfn_properties(lb), "Type", "application")) == "APPLICATION"
}

tf_balancer(listener) := lb if {
	is_string(listener.load_balancer_arn)
	parts := regex.find_all_string_submatch_n(`^\$\{aws_(lb|alb)\.([A-Za-z0-9_-]+)\.(arn|id)\}$`, listener.load_balancer_arn, 1)
	count(parts) == 1
	type := sprintf("aws_%s", [parts[0][1]])
	lb := tf.resources(type)[parts[0][2]]
}

# A default action that sends (or, being unknown, may send) the client to HTTPS.
redirects_to_https(listener) if {
	listener.format == "terraform"
	some action in guard.blocks(listener.body, "default_action")
	guard.get(action, "type", "") == "redirect"
	some r in guard.blocks(action, "redirect")
	https_or_unknown(guard.get(r, "protocol", ""))
}

redirects_to_https(listener) if {
	listener.format == "terraform"
	some action in guard.blocks(listener.body, "default_action")
	unknown(guard.get(action, "type", ""))
}

redirects_to_https(listener) if {
	listener.format == "terraform"
	guard.block_unknown(listener.body, "default_action")
}

redirects_to_https(listener) if {
	listener.format == "cloudformation"
	some action in guard.list(listener.body, "DefaultActions")
	guard.get(action, "Type", "") == "redirect"
	https_or_unknown(guard.get(action, ["RedirectConfig", "Protocol"], ""))
}

# DefaultActions, one of them or its Type chosen by an intrinsic: not evidence.
redirects_to_https(listener) if {
	listener.format == "cloudformation"
	unknown(listener.body.DefaultActions)
}

redirects_to_https(listener) if {
	listener.format == "cloudformation"
	some action in guard.list(listener.body, "DefaultActions")
	unknown(action)
}

redirects_to_https(listener) if {
	listener.format == "cloudformation"
	some action in guard.list(listener.body, "DefaultActions")
	unknown(guard.get(action, "Type", ""))
}

# --- Classic load balancers -----------------------------------------------------------------

classic := {"terraform": "aws_elb", "cloudformation": "AWS::ElasticLoadBalancing::LoadBalancer"}

lb_protocol := {"terraform": "lb_protocol", "cloudformation": "Protocol"}

deny contains v if {
	some elb in cloud.resources(classic)
	some l in cloud.items(elb, {"terraform": "listener", "cloudformation": "Listeners"})
	is_http(cloud.get(l, lb_protocol, null))
	v := {
		"msg": sprintf("Classic load balancer `%s` has a plain HTTP listener on port %v", [elb.name, cloud.get(l, {"terraform": "lb_port", "cloudformation": "LoadBalancerPort"}, "?")]),
		"path": cloud.path_of(l, lb_protocol),
	}
}
