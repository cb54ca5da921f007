resource "aws_iam_policy" "developer" {
  name = "developer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:GetLogEvents", "logs:FilterLogEvents"]
      Resource = "arn:aws:logs:eu-west-1:123456789012:log-group:/app/*"
    }]
  })
}
