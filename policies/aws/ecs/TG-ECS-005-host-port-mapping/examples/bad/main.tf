resource "aws_ecs_task_definition" "legacy_web" {
  family       = "legacy-web"
  network_mode = "bridge"
  container_definitions = jsonencode([
    {
      name         = "web"
      image        = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/legacy-web:1.9.0"
      memory       = 512
      portMappings = [{ containerPort = 80, hostPort = 80 }]
    }
  ])
}
