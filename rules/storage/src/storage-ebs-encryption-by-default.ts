import { defineRule } from "@itaku/core";

export default defineRule({
  id: "storage-ebs-encryption-by-default",
  title: {
    en: "EBS volumes are encrypted by default in every scanned region",
    ja: "スキャン対象の全リージョンで EBS ボリュームが既定で暗号化される",
  },
  description: {
    en: "Confidential information on instance disks must stay where only the personnel can reach it, including in snapshots and copies that leave the instance. With EBS encryption by default, every new volume and snapshot copy in the region is encrypted, whoever creates it and however.",
    ja: "インスタンスのディスク上の機密情報は、インスタンスの外に出るスナップショットやコピーを含め、従事者だけがアクセスできる状態に保つ必要があります。EBS の既定の暗号化を有効にすると、そのリージョンで作成されるすべての新しいボリュームとスナップショットのコピーが、誰がどの方法で作成しても暗号化されます。",
  },
  severity: "medium",
  controls: ["NIC-1-2-5"],
  resourceTypes: ["aws.ec2.ebs-encryption-by-default"],
  appliesTo: ["live", "iac"],
  messages: {
    off: "EBS encryption by default is off in {region}",
  },
  remediation: {
    summary:
      "Turn on EBS encryption by default in each region (existing volumes stay as they are: copy them to encrypt).",
    pulumi: 'new aws.ebs.EncryptionByDefault("default", { enabled: true });',
    cli: "aws ec2 enable-ebs-encryption-by-default --region <region>",
  },
  check(ctx) {
    for (const setting of ctx.resources("aws.ec2.ebs-encryption-by-default")) {
      const { enabled, kmsKeyId } = setting.attributes;
      if (enabled === undefined) ctx.unknown(setting, "EBS encryption by default was not read");
      else if (enabled) ctx.pass(setting, { enabled, ...(kmsKeyId ? { kmsKeyId } : {}) });
      else ctx.fail(setting, "off", { region: setting.region }, { enabled });
    }
  },
});
