resource "aws_ecr_repository" "base_images" {
  name = "base-images"
}

resource "aws_ecr_repository_policy" "base_images" {
  repository = aws_ecr_repository.base_images.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PullForTheOrganisation"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
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
      Principal = { AWS = "arn:aws:iam::210987654321:role/partner-sync" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
