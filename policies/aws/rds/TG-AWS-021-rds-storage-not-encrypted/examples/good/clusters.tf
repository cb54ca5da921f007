# Aurora Serverless v1: storage is always encrypted, whatever storage_encrypted says.
resource "aws_rds_cluster" "reports" {
  cluster_identifier          = "reports"
  engine                      = "aurora-mysql"
  engine_mode                 = "serverless"
  master_username             = "reports_admin"
  manage_master_user_password = true

  scaling_configuration {
    min_capacity = 1
    max_capacity = 8
  }
}

resource "aws_rds_cluster" "reports_legacy" {
  cluster_identifier          = "reports-legacy"
  engine                      = "aurora-mysql"
  engine_mode                 = "serverless"
  master_username             = "reports_admin"
  manage_master_user_password = true
  storage_encrypted           = false
}

resource "aws_rds_cluster" "billing" {
  cluster_identifier          = "billing"
  engine                      = "aurora-postgresql"
  engine_version              = "15.4"
  master_username             = "billing_admin"
  manage_master_user_password = true
  storage_encrypted           = true
}
