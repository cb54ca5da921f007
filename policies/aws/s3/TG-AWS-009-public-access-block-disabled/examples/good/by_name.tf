resource "aws_s3_bucket" "uploads" {
  bucket = "acme-customer-uploads"
}

# Written by another team's module against the bucket's name.
resource "aws_s3_bucket_public_access_block" "uploads" {
  bucket = "acme-customer-uploads"

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
