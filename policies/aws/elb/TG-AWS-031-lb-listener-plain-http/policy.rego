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

import data.lib.guard
import data.lib.terraform as tf

is_http(p) if guard.upper_str(p) == "HTTP"

# --- Terraform ----------------------------------------------------------------------------

# A default action that sends (or, being an expression, may send) the client to HTTPS.
tf_redirects_to_https(listener) if {
	some action in guard.blocks(listener, "default_action")
	guard.get(action, "type", "") == "redirect"
	some r in guard.blocks(action, "redirect")
	https_or_unknown(guard.get(r, "protocol", ""))
}

tf_redirects_to_https(listener) if {
	some action in guard.blocks(listener, "default_action")
	unknown(guard.get(action, "type", ""))
}

https_or_unknown(p) if guard.upper_str(p) == "HTTPS"

https_or_unknown(p) if unknown(p)

# A value only known at plan / deploy time.
unknown(v) if {
	is_string(v)
	startswith(v, "${")
}

unknown(v) if guard.is_intrinsic(v)

# The listener's protocol, when it is known. Without `protocol`, an Application Load Balancer
# listener is HTTP: only assumed when the balancer is declared in this file and is an ALB.
tf_listener_protocol(listener) := listener.protocol if is_string(listener.protocol)

tf_listener_protocol(listener) := "HTTP" if {
	guard.get(listener, "protocol", null) == null
	lb := tf_balancer(listener)
	guard.upper_str(guard.get(lb, "load_balancer_type", "application")) == "APPLICATION"
}

tf_balancer(listener) := lb if {
	is_string(listener.load_balancer_arn)
	parts := regex.find_all_string_submatch_n(`^\$\{aws_(lb|alb)\.([A-Za-z0-9_-]+)\.(arn|id)\}$`, listener.load_balancer_arn, 1)
	count(parts) == 1
	type := sprintf("aws_%s", [parts[0][1]])
	lb := tf.resources(type)[parts[0][2]]
}

deny contains v if {
	input.kind == "terraform"
	some type in ["aws_lb_listener", "aws_alb_listener"]
	some name, listener in tf.resources(type)
	is_http(tf_listener_protocol(listener))
	not tf_redirects_to_https(listener)
	not guard.block_unknown(listener, "default_action")
	path := tf_blame(type, name, listener)
	v := {
		"msg": sprintf("Load balancer listener `%s` serves plain HTTP on port %v without redirecting to HTTPS", [name, guard.get(listener, "port", "?")]),
		"path": path,
	}
}

tf_blame(type, name, listener) := ["resource", type, name, "protocol"] if is_string(listener.protocol)

tf_blame(type, name, listener) := ["resource", type, name] if guard.get(listener, "protocol", null) == null

deny contains v if {
	input.kind == "terraform"
	some name, elb in tf.resources("aws_elb")
	some i, l in guard.blocks(elb, "listener")
	is_http(l.lb_protocol)
	v := {
		"msg": sprintf("Classic load balancer `%s` has a plain HTTP listener on port %v", [name, guard.get(l, "lb_port", "?")]),
		"path": ["resource", "aws_elb", name, "listener", i, "lb_protocol"],
	}
}

# --- CloudFormation -------------------------------------------------------------------------

cfn_redirects_to_https(props) if {
	some action in guard.list(props, "DefaultActions")
	guard.get(action, "Type", "") == "redirect"
	https_or_unknown(guard.get(action, ["RedirectConfig", "Protocol"], ""))
}

# DefaultActions, one of them or its Type chosen by an intrinsic: not evidence.
cfn_redirects_to_https(props) if unknown(props.DefaultActions)

cfn_redirects_to_https(props) if {
	some action in guard.list(props, "DefaultActions")
	unknown(action)
}

cfn_redirects_to_https(props) if {
	some action in guard.list(props, "DefaultActions")
	unknown(guard.get(action, "Type", ""))
}

cfn_listener_protocol(props) := props.Protocol if is_string(props.Protocol)

cfn_listener_protocol(props) := "HTTP" if {
	guard.get(props, "Protocol", null) == null
	lb_name := props.LoadBalancerArn.Ref
	lb := guard.cfn_resources("AWS::ElasticLoadBalancingV2::LoadBalancer")[lb_name]
	guard.upper_str(guard.get(guard.cfn_properties(lb), "Type", "application")) == "APPLICATION"
}

deny contains v if {
	input.kind == "cloudformation"
	some name, listener in guard.cfn_resources("AWS::ElasticLoadBalancingV2::Listener")
	props := guard.cfn_properties(listener)
	is_http(cfn_listener_protocol(props))
	not cfn_redirects_to_https(props)
	path := cfn_blame(name, props)
	v := {
		"msg": sprintf("Load balancer listener `%s` serves plain HTTP on port %v without redirecting to HTTPS", [name, guard.get(props, "Port", "?")]),
		"path": path,
	}
}

cfn_blame(name, props) := ["Resources", name, "Properties", "Protocol"] if is_string(props.Protocol)

cfn_blame(name, props) := ["Resources", name] if guard.get(props, "Protocol", null) == null

deny contains v if {
	input.kind == "cloudformation"
	some name, elb in guard.cfn_resources("AWS::ElasticLoadBalancing::LoadBalancer")
	listeners := guard.get(guard.cfn_properties(elb), "Listeners", [])
	is_array(listeners)
	some i, l in listeners
	is_object(l)
	is_http(guard.get(l, "Protocol", null))
	v := {
		"msg": sprintf("Classic load balancer `%s` has a plain HTTP listener on port %v", [name, guard.get(l, "LoadBalancerPort", "?")]),
		"path": ["Resources", name, "Properties", "Listeners", i, "Protocol"],
	}
}
