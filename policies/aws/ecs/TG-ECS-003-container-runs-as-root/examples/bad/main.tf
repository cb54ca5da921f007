resource "aws_ecs_task_definition" "worker" {
  family = "billing-worker"
  container_definitions = jsonencode([
    {
      name   = "worker"
      image  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/billing-worker:4.2.0"
      user   = "root"
      memory = 512
    }
  ])
}
