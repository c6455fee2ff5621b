import { defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "detection-guardduty-enabled",
  title: {
    en: "GuardDuty watches every scanned region",
    ja: "スキャン対象の全リージョンで GuardDuty が有効である",
  },
  description: {
    en: "The contract asks that access logs be reviewed for signs of unauthorised sign-in. GuardDuty reads CloudTrail, VPC flow and DNS logs continuously and reports credential misuse and unusual sign-ins; a region without an enabled detector has no such review. Protection plans named in the options (S3 data events, runtime monitoring) must be on too. On infrastructure code, the detector and the protection plans the program declares are judged.",
    ja: "契約は不正なログインの形跡が無いかアクセスログを確認することを求めています。GuardDuty は CloudTrail・VPC フローログ・DNS ログを常時分析し、認証情報の不正利用や不審なログインを検知します。検出器が有効でないリージョンではこの確認が行われません。オプションで指定した保護プラン（S3 データイベント、ランタイムモニタリング）も有効である必要があります。インフラのコードでは、プログラムが宣言する検出器と保護プランを判定します。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-3"],
  resourceTypes: ["aws.guardduty.status"],
  appliesTo: ["live", "iac"],
  options: z
    .object({
      requiredFeatures: z.array(z.string().min(1)).default(["S3_DATA_EVENTS"]),
    })
    .strict(),
  optionDocs: {
    requiredFeatures:
      "GuardDuty protection plans that must be ENABLED (feature names: S3_DATA_EVENTS, RUNTIME_MONITORING, EBS_MALWARE_PROTECTION, EKS_AUDIT_LOGS, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS)",
  },
  messages: {
    noDetector: "GuardDuty has no detector in {region}",
    suspended: "GuardDuty's detector in {region} is suspended",
    featureOff: "GuardDuty in {region} does not run {features}",
  },
  remediation: {
    summary:
      "Enable GuardDuty in every region you use (an organization's delegated administrator can auto-enable it) with the protection plans the contract's data needs.",
    pulumi:
      'new aws.guardduty.Detector("main", { enable: true }); new aws.guardduty.DetectorFeature("s3", { detectorId: detector.id, name: "S3_DATA_EVENTS", status: "ENABLED" });',
    cli: "aws guardduty create-detector --enable --features Name=S3_DATA_EVENTS,Status=ENABLED --region <region>",
  },
  check(ctx, options) {
    for (const status of ctx.resources("aws.guardduty.status")) {
      const { detectorId, features } = status.attributes;
      if (detectorId === undefined) {
        ctx.unknown(status, "GuardDuty's detectors (ListDetectors) were not read in this region");
      } else if (detectorId === null) {
        ctx.fail(status, "noDetector", { region: status.region });
      } else if (status.attributes.status === undefined) {
        ctx.unknown(status, "The detector (GetDetector) was not read");
      } else if (status.attributes.status !== "ENABLED") {
        ctx.fail(status, "suspended", { region: status.region });
      } else if (features === undefined && options.requiredFeatures.length > 0) {
        ctx.unknown(status, "The detector's protection plans were not read");
      } else {
        const enabled = new Set((features ?? []).filter((f) => f.status === "ENABLED").map((f) => f.name));
        const missing = options.requiredFeatures.filter((name) => !enabled.has(name));
        if (missing.length > 0)
          ctx.fail(
            status,
            "featureOff",
            { region: status.region, features: missing.join(", ") },
            { missing },
          );
        else ctx.pass(status, { detectorId, features: [...enabled].sort() });
      }
    }
  },
});
