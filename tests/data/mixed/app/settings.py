import os

AWS_ACCESS_KEY_ID = "AKIAZ3MSJV4WWKAO7QPQ"
DB_PASSWORD = "Xk9#mQ2vL8pR4tZw"  # tollgate:ignore generic-password-assignment test-only, rotated
BACKUP_KEY_ID = "AKIAQYLPMN5HHHFPZAM2"
REGION = os.environ.get("AWS_REGION", "eu-west-1")
