import { defineRule, gapsIn } from "@itaku/core";

export default defineRule({
  id: "logging-cloudtrail-multi-region",
  title: {
    en: "A multi-region trail is logging",
    ja: "全リージョンを対象とする証跡が記録中である",
  },
  description: {
    en: "Activity in a region no trail covers leaves no record. Each account needs a logging trail that covers every region (a multi-region or organization trail).",
    ja: "証跡の対象外のリージョンで行われた操作は記録に残りません。各アカウントに、全リージョンを対象とする記録中の証跡（マルチリージョン証跡または組織の証跡）が必要です。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-1", "IPA-1.1-6"],
  resourceTypes: ["aws.account"],
  reads: ["aws.cloudtrail.trail"],
  appliesTo: ["live", "iac"],
  messages: {
    singleRegionOnly:
      "No logging trail of account {account} covers every region (single-region trails: {trails})",
    noLoggingTrail: "Account {account} has no logging trail at all, so no region is covered",
  },
  remediation: {
    summary: "Turn an existing trail into a multi-region trail, or create one.",
    pulumi: "new aws.cloudtrail.Trail(..., { isMultiRegionTrail: true, includeGlobalServiceEvents: true });",
    cli: "aws cloudtrail update-trail --name <trail> --is-multi-region-trail --include-global-service-events",
  },
  check(ctx) {
    for (const account of ctx.resources("aws.account")) {
      const own = ctx.inScope("aws.cloudtrail.trail", account.scope);
      const covering = own.filter((t) => t.attributes.multiRegion && t.attributes.logging === true);
      if (covering.length > 0) {
        ctx.pass(account, { trails: covering.map((t) => t.id) });
        continue;
      }
      const gaps = gapsIn(ctx, account, ["aws.cloudtrail.trail"]);
      if (gaps.length > 0) {
        ctx.unknown(account, "CloudTrail could not be read in every region", { gaps });
      } else if (own.some((t) => t.attributes.multiRegion && t.attributes.logging === undefined)) {
        ctx.unknown(account, "The logging status of a multi-region trail was not collected");
      } else if (own.some((t) => t.attributes.logging === true)) {
        const single = own
          .filter((t) => t.attributes.logging === true)
          .map((t) => `${t.name} (${t.attributes.homeRegion})`);
        ctx.fail(account, "singleRegionOnly", { account: account.scope, trails: single.join(", ") });
      } else {
        ctx.fail(account, "noLoggingTrail", { account: account.scope });
      }
    }
  },
});
