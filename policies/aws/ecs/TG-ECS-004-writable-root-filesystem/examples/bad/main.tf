resource "aws_ecs_task_definition" "api" {
  family       = "api"
  network_mode = "awsvpc"
  container_definitions = <<DEFS
[
  {
    "name": "api",
    "image": "ghcr.io/example/api:2.0.1",
    "readonlyRootFilesystem": false
  }
]
DEFS
}
