package tollgate.aws.codepipeline.artifact_store_default_encryption_test

import data.tollgate.aws.codepipeline.artifact_store_default_encryption as p

test_store_without_key if {
	found := p.deny with input as {"kind": "cloudformation", "document": {"Resources": {"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {
		"ArtifactStore": {"Type": "S3", "Location": "b"},
	}}}}}
	{v.path | some v in found} == {["Resources", "P", "Properties", "ArtifactStore"]}
}

test_store_with_key if {
	found := p.deny with input as {"kind": "codepipeline", "document": {"pipeline": {
		"artifactStore": {"type": "S3", "location": "b", "encryptionKey": {"id": "arn:aws:kms:eu-west-1:1:key/k", "type": "KMS"}},
	}}}
	count(found) == 0
}
