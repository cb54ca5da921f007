data "aws_iam_policy_document" "worker" {
  statement {
    actions   = ["dynamodb:*"]
    resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"]
  }
}
