resource "aws_instance" "runner" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y runner-2.311.0
  EOT
}
