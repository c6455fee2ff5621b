import { defineRule } from "@itaku/core";
import { z } from "zod";

const DAY_MS = 86_400_000;

export default defineRule({
  id: "detection-patch-compliance",
  title: {
    en: "Managed instances have their approved patches installed",
    ja: "管理対象インスタンスに承認済みパッチが適用されている",
  },
  description: {
    en: "The contract asks for vulnerabilities to be patched promptly. Systems Manager Patch Manager reports, per instance, the patches its baseline approves that are missing or failed to install. An instance with such patches, one never scanned, or one whose last scan is older than the allowed days is not kept patched. Judged on live scans only: code declares a patch baseline and its schedule, but whether the patches installed is known only from the running instances.",
    ja: "契約は脆弱性対策としてパッチ適用を速やかに実施することを求めています。Systems Manager Patch Manager はインスタンスごとに、パッチベースラインが承認したパッチのうち未適用・適用失敗のものを報告します。それらがあるインスタンス、一度もスキャンされていないインスタンス、最後のスキャンが許容日数より古いインスタンスは不合格です。ライブのスキャンでのみ判定します。コードはパッチベースラインとスケジュールを宣言できますが、パッチが適用されたかは稼働中のインスタンスからしか分かりません。",
  },
  severity: "high",
  controls: ["NIC-1-4-1-2", "NIC-1-4-4-4", "IPA-3.2-1"],
  resourceTypes: ["aws.ssm.managed-instance"],
  appliesTo: ["live"],
  options: z.object({ maxDaysSinceScan: z.number().int().positive().default(14) }).strict(),
  optionDocs: { maxDaysSinceScan: "Days after which the last patch scan or install counts as too old" },
  messages: {
    missing:
      "Instance {instance} lacks {missing} approved patch(es) ({critical} critical, {security} security)",
    failed: "Instance {instance} failed to install {failed} patch(es)",
    neverScanned: "Instance {instance} has never been scanned for patches",
    stale: "Instance {instance} was last scanned for patches {days} days ago",
  },
  remediation: {
    summary:
      "Associate AWS-RunPatchBaseline (Install) on a schedule with the instances, through a patch policy or a maintenance window, and fix failed installs.",
    pulumi:
      'new aws.ssm.Association("patch", { name: "AWS-RunPatchBaseline", scheduleExpression: "cron(0 3 ? * SUN *)", parameters: { Operation: "Install" }, targets: [{ key: "tag:DataClass", values: ["confidential"] }] });',
    cli: "aws ssm describe-instance-patch-states --instance-ids <instance>",
  },
  check(ctx, options) {
    for (const instance of ctx.resources("aws.ssm.managed-instance")) {
      const state = instance.attributes.patchState;
      const id = instance.attributes.instanceId;
      if (state === undefined) ctx.unknown(instance, "The instance's patch state was not read");
      else if (state === null) ctx.fail(instance, "neverScanned", { instance: id });
      else if (state.missingCount > 0) {
        ctx.fail(
          instance,
          "missing",
          {
            instance: id,
            missing: state.missingCount,
            critical: state.criticalNonCompliantCount ?? "?",
            security: state.securityNonCompliantCount ?? "?",
          },
          { patchState: state },
        );
      } else if (state.failedCount > 0) {
        ctx.fail(instance, "failed", { instance: id, failed: state.failedCount }, { patchState: state });
      } else if (state.operationEndAt === undefined) {
        ctx.unknown(instance, "The patch state gives no time of the last scan");
      } else {
        const days = Math.floor((ctx.now.getTime() - Date.parse(state.operationEndAt)) / DAY_MS);
        if (days > options.maxDaysSinceScan) ctx.fail(instance, "stale", { instance: id, days });
        else ctx.pass(instance, { patchState: state });
      }
    }
  },
});
