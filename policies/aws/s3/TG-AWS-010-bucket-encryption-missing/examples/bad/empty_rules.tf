resource "aws_s3_bucket" "invoices" {
  bucket = "acme-invoices"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "invoices" {
  bucket = aws_s3_bucket.invoices.id

  rule {}
}

resource "aws_s3_bucket" "receipts" {
  bucket = "acme-receipts"

  server_side_encryption_configuration {
    rule {
      bucket_key_enabled = true
    }
  }
}
