# NotAction in a Deny: everything outside the approved regions is refused, except the global
# services that only answer in us-east-1.
resource "aws_iam_policy" "region_guard" {
  name = "region-guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*", "sts:*", "cloudfront:*", "route53:*", "support:*"]
      Resource  = "*"
      Condition = {
        StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] }
      }
    }]
  })
}

resource "aws_iam_policy" "developer" {
  name = "developer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:Describe*", "logs:GetLogEvents", "logs:FilterLogEvents"]
      Resource = "*"
    }]
  })
}
