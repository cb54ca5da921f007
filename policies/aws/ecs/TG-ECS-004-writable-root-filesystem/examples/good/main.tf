resource "aws_ecs_task_definition" "api" {
  family       = "api"
  network_mode = "awsvpc"
  container_definitions = jsonencode([
    {
      name                   = "api"
      image                  = "ghcr.io/example/api:2.0.1"
      readonlyRootFilesystem = true
      mountPoints            = [{ sourceVolume = "scratch", containerPath = "/tmp" }]
    },
    {
      name                   = "otel"
      image                  = "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1"
      readonlyRootFilesystem = var.otel_read_only
    }
  ])

  volume {
    name = "scratch"
  }
}

variable "otel_read_only" {
  type    = bool
  default = true
}
