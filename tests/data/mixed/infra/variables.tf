variable "operator_cidr" {
  description = "Where operators connect from"
  default     = "0.0.0.0/0"
}
