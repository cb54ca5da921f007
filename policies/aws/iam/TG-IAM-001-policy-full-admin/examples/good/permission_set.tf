resource "aws_ssoadmin_permission_set" "deployer" {
  name         = "Deployer"
  instance_arn = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6"
}

resource "aws_ssoadmin_permission_set_inline_policy" "deployer" {
  instance_arn       = aws_ssoadmin_permission_set.deployer.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.deployer.arn
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:DescribeStacks"]
        Resource = "arn:aws:cloudformation:eu-west-1:123456789012:stack/app-*/*"
      },
    ]
  })
}
