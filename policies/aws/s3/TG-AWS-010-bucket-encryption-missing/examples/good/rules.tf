resource "aws_s3_bucket" "invoices" {
  bucket = "acme-invoices"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "invoices" {
  bucket = aws_s3_bucket.invoices.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

variable "sse_rules" {
  type = list(object({ algorithm = string }))
}

resource "aws_s3_bucket" "receipts" {
  bucket = "acme-receipts"

  server_side_encryption_configuration {
    dynamic "rule" {
      for_each = var.sse_rules
      content {
        apply_server_side_encryption_by_default {
          sse_algorithm = rule.value.algorithm
        }
      }
    }
  }
}
