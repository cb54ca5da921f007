variable "cluster_kms_key_arn" {
  type    = string
  default = ""
}

resource "aws_rds_cluster" "billing" {
  cluster_identifier          = "billing"
  engine                      = "aurora-postgresql"
  engine_version              = "15.4"
  master_username             = "billing_admin"
  manage_master_user_password = true
  kms_key_id                  = var.cluster_kms_key_arn
}
