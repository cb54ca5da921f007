resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "public.ecr.aws/acme/api:2.8.1"
      essential = true
    },
  ])
}
