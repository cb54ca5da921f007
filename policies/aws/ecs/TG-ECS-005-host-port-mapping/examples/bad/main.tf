resource "aws_ecs_task_definition" "haproxy" {
  family                   = "edge-proxy"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]

  container_definitions = jsonencode([
    {
      name                   = "haproxy"
      image                  = "haproxy:3.0.6"
      memory                 = 256
      readonlyRootFilesystem = true
      portMappings = [
        { containerPort = 8080, hostPort = 80 },
        { containerPort = 8404, hostPort = 8404 },
        { containerPort = 9000 }
      ]
    }
  ])
}
