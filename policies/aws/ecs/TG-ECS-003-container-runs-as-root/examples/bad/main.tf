resource "aws_ecs_task_definition" "reports" {
  family                   = "reports"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.ecs_execution.arn

  container_definitions = jsonencode([
    {
      name                   = "reports"
      image                  = "${aws_ecr_repository.reports.repository_url}:1.4.2"
      essential              = true
      user                   = "root"
      readonlyRootFilesystem = true
    },
    {
      name      = "xray"
      image     = "public.ecr.aws/xray/aws-xray-daemon:3.3.13"
      essential = false
      user      = "0:1337"
    }
  ])
}
