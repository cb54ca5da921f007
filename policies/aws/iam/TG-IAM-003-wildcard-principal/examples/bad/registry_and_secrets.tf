resource "aws_ecr_repository" "base_images" {
  name = "base-images"
}

resource "aws_ecr_repository_policy" "base_images" {
  repository = aws_ecr_repository.base_images.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PullForEveryone"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

resource "aws_secretsmanager_secret" "partner_api" {
  name = "partner-api-token"
}

resource "aws_secretsmanager_secret_policy" "partner_api" {
  secret_arn = aws_secretsmanager_secret.partner_api.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}
