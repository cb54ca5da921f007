resource "aws_instance" "runner" {
  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "c6i.xlarge"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_size = 100
    volume_type = "gp3"
    encrypted   = true
  }
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0c1c30571d2dae5c9"
  instance_type = "m6i.large"

  root_block_device {
    volume_size = 40
    encrypted   = true
  }

  # Restored from an encrypted snapshot: it keeps the snapshot's encryption.
  ebs_block_device {
    device_name = "/dev/sdf"
    snapshot_id = "snap-0f1e2d3c4b5a69788"
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
      encrypted   = "true"
      kms_key_id  = "arn:aws:kms:eu-west-1:123456789012:key/0b7f3e0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
    }
  }
}
