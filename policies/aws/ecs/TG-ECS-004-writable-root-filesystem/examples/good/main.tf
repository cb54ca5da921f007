resource "aws_ecs_task_definition" "api" {
  family                   = "orders-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([
    {
      name                   = "api"
      image                  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api:3.4.1"
      essential              = true
      user                   = "10001:10001"
      privileged             = false
      readonlyRootFilesystem = true
      portMappings           = [{ containerPort = 8080, protocol = "tcp" }]
    }
  ])
}
