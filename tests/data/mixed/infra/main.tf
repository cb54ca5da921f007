resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    description = "SSH for operators"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.operator_cidr]
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
  acl    = "public-read"
}
