resource "aws_ecs_task_definition" "statsd" {
  family       = "statsd"
  network_mode = "host"
  container_definitions = jsonencode([
    { name = "statsd", image = "statsd/statsd:v0.10.2", memory = 128 }
  ])
}
