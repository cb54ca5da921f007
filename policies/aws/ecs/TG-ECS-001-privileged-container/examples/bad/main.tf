resource "aws_ecs_task_definition" "dind" {
  family                   = "ci-runner"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name       = "docker"
      image      = "docker:27.3-dind"
      essential  = true
      privileged = true
      memory     = 2048
    }
  ])
}
