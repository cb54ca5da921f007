resource "aws_ssoadmin_permission_set" "break_glass" {
  name         = "BreakGlass"
  instance_arn = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6"
}

resource "aws_ssoadmin_permission_set_inline_policy" "break_glass" {
  instance_arn       = aws_ssoadmin_permission_set.break_glass.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.break_glass.arn
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Everything"
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_group_policy" "operators" {
  name  = "operators"
  group = "operators"

  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}
      ]
    }
  EOF
}
