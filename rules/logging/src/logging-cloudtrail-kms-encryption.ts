import { defineRule } from "@itaku/core";

export default defineRule({
  id: "logging-cloudtrail-kms-encryption",
  title: {
    en: "Trails encrypt their logs with a KMS key",
    ja: "証跡のログを KMS キーで暗号化している",
  },
  description: {
    en: "Access logs name people, addresses and resources. Encrypting them with a customer-managed KMS key means reading them takes an explicit key permission, not only access to the bucket.",
    ja: "アクセスログには人、アドレス、リソースの名前が含まれます。カスタマー管理の KMS キーで暗号化すると、バケットへのアクセス権だけでなくキーの権限がなければ読めなくなります。",
  },
  severity: "medium",
  controls: ["IPA-2.1-5", "NIC-1-4-3-2"],
  resourceTypes: ["aws.cloudtrail.trail"],
  appliesTo: ["live", "iac"],
  messages: {
    notEncrypted: "Trail {trail} does not encrypt its log files with a KMS key",
  },
  remediation: {
    summary: "Set a KMS key on the trail (its key policy must let CloudTrail encrypt).",
    pulumi: "new aws.cloudtrail.Trail(..., { kmsKeyId: key.arn });",
    cli: "aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>",
  },
  check(ctx) {
    for (const trail of ctx.resources("aws.cloudtrail.trail")) {
      if (trail.attributes.kmsKeyId) ctx.pass(trail, { kmsKeyId: trail.attributes.kmsKeyId });
      else ctx.fail(trail, "notEncrypted", { trail: trail.name });
    }
  },
});
