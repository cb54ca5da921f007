resource "aws_instance" "runner" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    curl -sSL https://get.example.io/runner | sudo bash
  EOT
}
