resource "aws_s3_bucket" "uploads" {
  bucket = "acme-customer-uploads"
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-partner-exports"
}
