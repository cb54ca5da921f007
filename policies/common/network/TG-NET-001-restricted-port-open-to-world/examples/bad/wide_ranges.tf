resource "aws_security_group" "legacy_app" {
  name   = "legacy-app"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# A typo for 1.2.3.4/32: a /5 is an eighth of the IPv4 internet.
resource "aws_security_group_rule" "vendor_support" {
  type              = "ingress"
  security_group_id = aws_security_group.legacy_app.id
  protocol          = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_blocks       = ["1.2.3.4/5"]
}

resource "aws_security_group_rule" "load_test" {
  type              = "ingress"
  security_group_id = aws_security_group.legacy_app.id
  protocol          = "tcp"
  from_port         = 1
  to_port           = 10000
  cidr_blocks       = ["0.0.0.0/0"]
}
