//! Resources that configure another resource from a different file of the same module: an
//! `aws_s3_bucket_public_access_block` in `s3_security.tf` for a bucket declared in `s3.tf`.
//! A check that asks "does this bucket have X?" must see them, or every module that keeps its
//! buckets and their settings apart gets a false "missing X".
//!
//! [`ModuleContext`](super::ModuleContext) records, for the tracked types only, each resource's
//! file, type, name and its `bucket` argument as the reader makes of it (a literal, or the
//! `"${aws_s3_bucket.x.id}"` text of a reference). A `.tf` file's document then carries those of
//! the *other* files under the top-level key `module_resources` (`{TYPE: {NAME: {"bucket",
//! "file"}}}`), which no Terraform block can be named.

use serde_json::{Map, Value, json};

/// The types recorded: S3 bucket companions the S3 checks look for.
pub(super) const TRACKED: &[&str] = &[
    "aws_s3_bucket_public_access_block",
    "aws_s3_account_public_access_block",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_versioning",
];

/// The document key the other files' resources are given under.
pub const KEY: &str = "module_resources";

/// One tracked resource of a module file.
#[derive(Debug, Clone)]
pub(super) struct Sibling {
    pub(super) file: String,
    pub(super) ty: String,
    pub(super) name: String,
    /// The `bucket` argument (`null` when absent).
    pub(super) bucket: Value,
}

/// The tracked resources of files other than `file_name`, as `{TYPE: {NAME: {...}}}`; `None`
/// when there are none.
pub(super) fn outside(siblings: &[Sibling], file_name: &str) -> Option<Value> {
    let mut out: Map<String, Value> = Map::new();
    for s in siblings.iter().filter(|s| s.file != file_name) {
        let by_name = out.entry(s.ty.clone()).or_insert_with(|| Value::Object(Map::new()));
        if let Some(m) = by_name.as_object_mut() {
            m.insert(s.name.clone(), json!({"bucket": s.bucket, "file": s.file}));
        }
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::super::ModuleContext;
    use serde_json::json;

    #[test]
    fn other_files_companions_are_given_to_each_file() {
        let ctx = ModuleContext::from_sources([
            ("s3.tf", &b"resource \"aws_s3_bucket\" \"logs\" { bucket = \"acme-logs\" }\n"[..]),
            (
                "security.tf",
                &b"resource \"aws_s3_bucket_public_access_block\" \"logs\" {\n  bucket = aws_s3_bucket.logs.id\n}\nresource \"aws_s3_bucket_policy\" \"logs\" { bucket = \"x\" }\n"[..],
            ),
        ]);
        assert_eq!(
            ctx.resources_outside("s3.tf"),
            Some(
                json!({"aws_s3_bucket_public_access_block": {"logs": {"bucket": "${aws_s3_bucket.logs.id}", "file": "security.tf"}}})
            )
        );
        assert_eq!(ctx.resources_outside("security.tf"), None);
    }
}
