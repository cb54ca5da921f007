resource "aws_ecs_task_definition" "haproxy" {
  family                   = "edge-proxy"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]

  # Dynamic host ports: the target group learns each task's port from ECS.
  container_definitions = jsonencode([
    {
      name                   = "haproxy"
      image                  = "haproxy:3.0.6"
      memory                 = 256
      readonlyRootFilesystem = true
      portMappings = [
        { containerPort = 8080, hostPort = 0 },
        { containerPort = 8404 }
      ]
    }
  ])
}
