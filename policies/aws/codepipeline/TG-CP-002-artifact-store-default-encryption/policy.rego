# METADATA
# title: CodePipeline artifact store has no customer-managed KMS key
# description: >-
#   An artifact store without `encryptionKey` encrypts the pipeline's artifacts (source code,
#   build outputs, often packaged templates and configuration) with the account's AWS-managed
#   `aws/s3` key. Anyone with S3 read on the bucket can then read them, key use cannot be limited
#   by a key policy, and artifacts cannot be shared with a deployment account.
# related_resources:
#   - https://docs.aws.amazon.com/codepipeline/latest/userguide/S3-artifact-encryption.html
#   - https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ArtifactStore.html
# custom:
#   id: TG-CP-002
#   severity: medium
#   remediation: >-
#     Create a customer-managed KMS key whose key policy allows only the pipeline's role and the
#     roles of its actions, and set `encryptionKey: {id: <key ARN>, type: KMS}` on the artifact
#     store.
#   kinds: [codepipeline, cloudformation]
#   inputs: [kind:codepipeline, resource:AWS::CodePipeline::Pipeline]
package tollgate.aws.codepipeline.artifact_store_default_encryption

import data.lib.codepipeline as cp

deny contains v if {
	some s in cp.stores
	not has_key(s.store)
	v := {
		"msg": sprintf("%s stores its artifacts under the default aws/s3 key (no customer-managed encryption key)", [s.label]),
		"path": s.path,
	}
}

has_key(store) if {
	k := cp.get(store, "encryptionKey")
	k != null
}
