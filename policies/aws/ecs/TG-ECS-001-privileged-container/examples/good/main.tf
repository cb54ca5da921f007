resource "aws_ecs_task_definition" "build_agent" {
  family                   = "ci-runner"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name       = "buildkit"
      image      = "moby/buildkit:v0.17.2-rootless"
      essential  = true
      privileged = false
      memory     = 2048
      linuxParameters = {
        capabilities = { add = ["SETUID", "SETGID"] }
      }
    }
  ])
}
