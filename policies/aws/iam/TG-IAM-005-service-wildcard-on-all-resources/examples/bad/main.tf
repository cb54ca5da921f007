data "aws_iam_policy_document" "worker" {
  statement {
    actions   = ["dynamodb:*"]
    resources = ["*"]
  }
}
