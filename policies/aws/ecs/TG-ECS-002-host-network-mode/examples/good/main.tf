resource "aws_ecs_task_definition" "statsd" {
  family                   = "statsd"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    {
      name   = "statsd"
      image  = "statsd/statsd:v0.10.2"
      portMappings = [{ containerPort = 8125, protocol = "udp" }]
    }
  ])
}
