resource "aws_ebs_encryption_by_default" "region" {
  enabled = false
}

resource "aws_instance" "runner" {
  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "c6i.xlarge"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_size = 100
    volume_type = "gp3"
  }
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0c1c30571d2dae5c9"
  instance_type = "m6i.large"

  root_block_device {
    volume_size = 40
    encrypted   = false
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 200
  }
}

resource "aws_launch_template" "api" {
  name_prefix   = "api-"
  image_id      = "ami-0c1c30571d2dae5c9"
  instance_type = "t3.medium"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 30
      volume_type = "gp3"
    }
  }
}
