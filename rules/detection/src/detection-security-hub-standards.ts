import { defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "detection-security-hub-standards",
  title: {
    en: "Security Hub checks the configuration against the required standards",
    ja: "Security Hub が必要な基準で設定を確認している",
  },
  description: {
    en: "The guideline asks the vendor to check that systems are configured with security in mind. Security Hub's standards (AWS Foundational Security Best Practices, CIS) are that check, run continuously; a region where Security Hub is off, or where a required standard is not enabled, is not being checked. On infrastructure code, the standards the program subscribes to (and the defaults the account resource turns on) count; whether they became READY is seen live.",
    ja: "ガイドラインは、不要なサービスの停止などセキュリティを考慮した設定になっているかを確認することを求めています。Security Hub のセキュリティ基準（AWS 基礎セキュリティのベストプラクティス、CIS）はその確認を常時行います。Security Hub が無効なリージョンや、必要な基準が有効でないリージョンは確認されていません。インフラのコードでは、プログラムが購読する基準（およびアカウントリソースが既定で有効にする基準）を数えます。READY になったかはライブのスキャンで確認します。",
  },
  severity: "medium",
  controls: ["IPA-3.2-2"],
  resourceTypes: ["aws.securityhub.status"],
  appliesTo: ["live", "iac"],
  options: z
    .object({
      standards: z.array(z.string().min(1)).default(["aws-foundational-security-best-practices"]),
    })
    .strict(),
  optionDocs: {
    standards:
      "Standards that must be enabled, as the path part of their ARN (aws-foundational-security-best-practices, cis-aws-foundations-benchmark, pci-dss, nist-800-53)",
  },
  messages: {
    disabled: "Security Hub is not enabled in {region}",
    standardMissing: "Security Hub in {region} does not run {standards}",
  },
  remediation: {
    summary:
      "Enable Security Hub in every region you use, with the standards the contract's configuration review relies on.",
    pulumi:
      'new aws.securityhub.Account("hub"); new aws.securityhub.StandardsSubscription("fsbp", { standardsArn: "arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0" });',
    cli: "aws securityhub enable-security-hub --enable-default-standards --region <region>",
  },
  check(ctx, options) {
    for (const hub of ctx.resources("aws.securityhub.status")) {
      const { enabled, standards } = hub.attributes;
      if (enabled === undefined) ctx.unknown(hub, "Security Hub (DescribeHub) was not read in this region");
      else if (!enabled) ctx.fail(hub, "disabled", { region: hub.region });
      else if (standards === undefined)
        ctx.unknown(hub, "The enabled standards (GetEnabledStandards) were not read");
      else {
        const running = standards.filter((s) => s.status === "READY" || s.status === "PENDING");
        const missing = options.standards.filter(
          (wanted) => !running.some((s) => standardName(s.standardsArn) === wanted),
        );
        if (missing.length > 0)
          ctx.fail(
            hub,
            "standardMissing",
            { region: hub.region, standards: missing.join(", ") },
            { missing },
          );
        else ctx.pass(hub, { standards: running.map((s) => s.standardsArn) });
      }
    }
  },
});

/** `arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/3.0.0` → `cis-aws-foundations-benchmark`; the older `ruleset/cis-aws-foundations-benchmark/v/1.2.0` too. */
function standardName(arn: string): string {
  const match = /:(?:standards|ruleset)\/([^/]+)\//.exec(arn);
  return match?.[1] ?? arn;
}
