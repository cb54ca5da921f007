resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-org-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

variable "trail_key_arn" {
  type    = string
  default = ""
}

resource "aws_cloudtrail" "payments" {
  name                       = "payments-trail"
  s3_bucket_name             = "acme-payments-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.trail_key_arn
}
