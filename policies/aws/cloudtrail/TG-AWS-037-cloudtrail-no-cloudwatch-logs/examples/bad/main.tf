resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-org-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:123456789012:key/5d0e6a1c-2f7b-4c1e-9a53-0b8f3d2c4e61"
}

resource "aws_cloudtrail" "data_events" {
  name                       = "data-events"
  s3_bucket_name             = "acme-data-event-logs"
  cloud_watch_logs_group_arn = ""
  cloud_watch_logs_role_arn  = ""
}
