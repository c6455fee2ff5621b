import { defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "logging-bucket-encrypted",
  title: {
    en: "Log and confidential buckets are encrypted by default",
    ja: "ログ用・機密情報用のバケットが既定で暗号化されている",
  },
  description: {
    en: "Each trail bucket, log bucket and bucket tagged confidential needs default encryption; with requireKms, a KMS key (SSE-KMS), so that reading takes a key permission too.",
    ja: "証跡のバケット、ログ用バケット、機密タグ付きバケットには既定の暗号化が必要です。requireKms を指定すると KMS キー（SSE-KMS）を必須とし、読み取りにキーの権限も必要にします。",
  },
  severity: "medium",
  controls: ["NIC-1-2-5"],
  resourceTypes: ["aws.s3.bucket"],
  appliesTo: ["live", "iac"],
  options: z.object({ requireKms: z.boolean().default(false) }).strict(),
  optionDocs: { requireKms: "Require SSE-KMS (aws:kms or aws:kms:dsse) rather than any default encryption." },
  messages: {
    notEncrypted: "Bucket {bucket} has no default encryption",
    notKms: "Bucket {bucket} is encrypted with {algorithm}, not a KMS key",
  },
  remediation: {
    summary: "Configure default encryption on the bucket with a KMS key.",
    pulumi:
      'new aws.s3.BucketServerSideEncryptionConfigurationV2("logs", { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }] });',
    cli: 'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"}}]}\'',
  },
  check(ctx, { requireKms }) {
    for (const bucket of ctx.resources("aws.s3.bucket")) {
      const encryption = bucket.attributes.encryption;
      if (encryption === undefined) ctx.unknown(bucket, "The bucket's default encryption was not collected");
      else if (encryption === null) ctx.fail(bucket, "notEncrypted", { bucket: bucket.name });
      else if (requireKms && !encryption.algorithm.startsWith("aws:kms"))
        ctx.fail(bucket, "notKms", { bucket: bucket.name, algorithm: encryption.algorithm }, { encryption });
      else ctx.pass(bucket, { encryption });
    }
  },
});
