import { defineRule, gapsIn } from "@itaku/core";
import { z } from "zod";
import { describeDays, judgeKeeping, logGroupKeeping } from "./retention";

export default defineRule({
  id: "logging-proxy-log-retention",
  title: {
    en: "The proxy's access logs are kept long enough",
    ja: "プロキシのアクセスログを必要な期間保存している",
  },
  description: {
    en: "External traffic goes through the proxy, and the contract asks for its logs to be kept. The log groups named in aws.confidential.proxy.logGroupNames must exist in the account and keep logs at least the minimum (never expire keeps). Accounts that do not host the proxy's logs are not applicable.",
    ja: "外部との通信はプロキシを経由し、契約はそのログの保存を求めています。aws.confidential.proxy.logGroupNames に指定したロググループがアカウントに存在し、最低日数以上保持する（「失効しない」は保存）必要があります。プロキシのログを置かないアカウントは対象外です。",
  },
  severity: "medium",
  controls: ["NIC-1-4-5-3"],
  resourceTypes: ["aws.account"],
  reads: ["aws.logs.log-group"],
  // The proxy's log groups may be kept in another scanned account.
  crossScope: ["aws.logs.log-group"],
  appliesTo: ["live", "iac"],
  options: z.object({ minRetentionDays: z.number().int().positive().default(365) }).strict(),
  optionDocs: { minRetentionDays: "Fewest days the proxy's access log groups must keep logs." },
  messages: {
    notConfigured: "No proxy log group is named in aws.confidential.proxy.logGroupNames",
    missing: "Proxy log group(s) {groups} not found in any scanned account",
    short: "Proxy log group {group} ({region}) keeps logs {days} days, fewer than {min}",
  },
  remediation: {
    summary:
      "Send the proxy's access log to CloudWatch Logs (the CloudWatch agent) and keep the group at least the minimum; name it in itaku.yaml.",
    pulumi:
      'new aws.cloudwatch.LogGroup("proxy-access", { name: "/vendor/proxy/access", retentionInDays: 400 });',
    cli: "aws logs put-retention-policy --log-group-name /vendor/proxy/access --retention-in-days 400",
  },
  check(ctx, { minRetentionDays }) {
    const names = ctx.settings.confidential.proxy.logGroupNames;
    const groups = ctx.resources("aws.logs.log-group").filter((g) => names.includes(g.attributes.name));
    for (const account of ctx.resources("aws.account")) {
      if (names.length === 0) {
        ctx.fail(account, "notConfigured");
        continue;
      }
      const own = groups.filter((g) => g.scope === account.scope);
      const evidence = {
        groups: own.map((g) => ({
          id: g.id,
          region: g.region,
          retentionInDays: g.attributes.retentionInDays,
        })),
      };
      const short = own.find((g) => judgeKeeping(logGroupKeeping(g), minRetentionDays) === "short");
      if (short) {
        ctx.fail(
          account,
          "short",
          {
            group: short.attributes.name,
            region: short.region,
            days: describeDays(short.attributes.retentionInDays ?? Number.POSITIVE_INFINITY),
            min: minRetentionDays,
          },
          evidence,
        );
        continue;
      }
      const missingHere = names.filter((n) => !own.some((g) => g.attributes.name === n));
      const missingEverywhere = missingHere.filter((n) => !groups.some((g) => g.attributes.name === n));
      if (missingEverywhere.length > 0) {
        const gaps = gapsIn(ctx, account, ["aws.logs.log-group"]);
        if (gaps.length > 0) ctx.unknown(account, "Log groups could not be read in every region", { gaps });
        else ctx.fail(account, "missing", { groups: missingEverywhere.join(", ") }, evidence);
      } else if (own.length === 0) {
        ctx.notApplicable(account, "The proxy's log groups are in another scanned account");
      } else ctx.pass(account, evidence);
    }
  },
});
