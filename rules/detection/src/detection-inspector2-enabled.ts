import { defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "detection-inspector2-enabled",
  title: {
    en: "Amazon Inspector scans EC2 instances and container images in every scanned region",
    ja: "スキャン対象の全リージョンで Amazon Inspector が EC2 インスタンスとコンテナイメージを検査している",
  },
  description: {
    en: "The guideline asks the vendor to check that its systems are protected against vulnerabilities. Amazon Inspector is that check for EC2 instances (software with known CVEs, ports reachable from outside) and ECR container images; a region where it is off, or does not scan a required resource type, is not being checked. Patching itself is judged by detection-patch-compliance. In code, only regions whose program declares an Inspector enabler are judged.",
    ja: "ガイドラインは、情報システムの脆弱性対策が施されているかを確認することを求めています。Amazon Inspector は EC2 インスタンス（既知の脆弱性のあるソフトウェア、外部から到達できるポート）と ECR のコンテナイメージについてその確認を行います。無効なリージョンや、必要なリソース種別を検査していないリージョンは確認されていません。パッチ適用そのものは detection-patch-compliance が判定します。コードでは Inspector の有効化を宣言したリージョンだけを判定します。",
  },
  severity: "medium",
  controls: ["IPA-3.2-2"],
  resourceTypes: ["aws.inspector2.status"],
  appliesTo: ["live", "iac"],
  options: z
    .object({
      requiredResourceTypes: z.array(z.string().min(1)).default(["EC2", "ECR"]),
    })
    .strict(),
  optionDocs: {
    requiredResourceTypes:
      "Resource types Inspector must scan (ENABLED): EC2, ECR, LAMBDA, LAMBDA_CODE, CODE_REPOSITORY",
  },
  messages: {
    disabled: "Amazon Inspector is not enabled in {region}",
    scanOff: "Amazon Inspector in {region} does not scan {resourceTypes}",
  },
  remediation: {
    summary:
      "Enable Amazon Inspector for EC2 and ECR in every region you use (an organization's delegated administrator can auto-enable members).",
    pulumi:
      'new aws.inspector2.Enabler("inspector", { accountIds: [accountId], resourceTypes: ["EC2", "ECR"] });',
    cli: "aws inspector2 enable --resource-types EC2 ECR --region <region>",
  },
  check(ctx, options) {
    for (const inspector of ctx.resources("aws.inspector2.status")) {
      const { status, scans } = inspector.attributes;
      const region = inspector.region;
      if (status === undefined || scans === undefined) {
        ctx.unknown(
          inspector,
          "Amazon Inspector's status (BatchGetAccountStatus) was not read in this region",
        );
        continue;
      }
      const scanning = scans.filter((s) => s.status === "ENABLED").map((s) => s.resourceType);
      const missing = options.requiredResourceTypes.filter((type) => !scanning.includes(type));
      // A resource type can read ENABLED while the account is SUSPENDED: nothing is scanned then.
      if (status !== "ENABLED") ctx.fail(inspector, "disabled", { region }, { status, scans });
      else if (missing.length > 0)
        ctx.fail(inspector, "scanOff", { region, resourceTypes: missing.join(", ") }, { missing, scans });
      else ctx.pass(inspector, { scanning });
    }
  },
});
