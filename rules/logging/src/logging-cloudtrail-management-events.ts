import { defineRule, gapsIn } from "@itaku/core";
import { managementCoverage } from "./event-selectors";

export default defineRule({
  id: "logging-cloudtrail-management-events",
  title: {
    en: "Trails record management events, read and write",
    ja: "証跡が管理イベント（読み取り・書き込み）を記録している",
  },
  description: {
    en: "Sign-ins, permission changes and reads of configuration are management events. The account's logging trails, together, must record both read and write management events (basic or advanced event selectors).",
    ja: "ログイン、権限の変更、設定の参照は管理イベントです。アカウントの記録中の証跡全体で、読み取りと書き込みの両方の管理イベントを記録している必要があります（基本・高度なイベントセレクタ）。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-1", "IPA-1.1-6"],
  resourceTypes: ["aws.account"],
  reads: ["aws.cloudtrail.trail"],
  appliesTo: ["live", "iac"],
  messages: {
    missing: "The logging trails of account {account} do not record {missing} management events",
  },
  remediation: {
    summary: "Record all management events on a logging trail (ReadWriteType All).",
    pulumi:
      'new aws.cloudtrail.Trail(..., { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] });',
    cli: 'aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'',
  },
  check(ctx) {
    for (const account of ctx.resources("aws.account")) {
      const logging = ctx
        .inScope("aws.cloudtrail.trail", account.scope)
        .filter((t) => t.attributes.logging === true);
      const coverage = { read: false, write: false };
      let unread = false;
      for (const trail of logging) {
        const one = managementCoverage(trail);
        if (!one) unread = true;
        else {
          coverage.read ||= one.read;
          coverage.write ||= one.write;
        }
      }
      const evidence = { trails: logging.map((t) => t.id), coverage };
      if (coverage.read && coverage.write) {
        ctx.pass(account, evidence);
        continue;
      }
      const gaps = gapsIn(ctx, account, ["aws.cloudtrail.trail"]);
      if (gaps.length > 0 || unread) {
        ctx.unknown(account, "The event selectors of some trails were not collected", { ...evidence, gaps });
        continue;
      }
      const missing = [coverage.read ? "" : "read", coverage.write ? "" : "write"]
        .filter(Boolean)
        .join(" and ");
      ctx.fail(account, "missing", { account: account.scope, missing }, evidence);
    }
  },
});
