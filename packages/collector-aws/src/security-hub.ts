// Security Hub in one region: whether the account is subscribed, and the standards enabled there.
import {
  DescribeHubCommand,
  paginateGetEnabledStandards,
  SecurityHubClient,
} from "@aws-sdk/client-securityhub";
import type { ResourceOf } from "@itaku/core";
import { hasCode } from "./aws-errors";
import type { AwsCollector } from "./collector";

type Status = ResourceOf<"aws.securityhub.status">;

export const securityHubCollector: AwsCollector = {
  name: "securityhub",
  scope: "regional",
  resourceTypes: ["aws.securityhub.status"],
  async run(ctx) {
    const client = ctx.client(SecurityHubClient, "securityhub");
    const status: Status = {
      type: "aws.securityhub.status",
      id: `securityhub:${ctx.accountId}:${ctx.region}`,
      name: `Security Hub ${ctx.region}`,
      scope: ctx.accountId,
      region: ctx.region,
      attributes: {},
    };
    try {
      const hub = await client.send(new DescribeHubCommand({}));
      status.attributes.enabled = true;
      if (hub.HubArn) status.attributes.hubArn = hub.HubArn;
    } catch (error) {
      // Security Hub answers "not subscribed" with InvalidAccessException: that is a fact, not a gap.
      if (hasCode(error, "InvalidAccessException")) {
        status.attributes.enabled = false;
        status.attributes.standards = [];
      } else ctx.gap("aws.securityhub.status", "DescribeHub", error);
      ctx.emit(status);
      return;
    }
    try {
      const standards: { standardsArn: string; status: string }[] = [];
      for await (const page of paginateGetEnabledStandards({ client, pageSize: 100 }, {})) {
        for (const s of page.StandardsSubscriptions ?? []) {
          if (s.StandardsArn)
            standards.push({ standardsArn: s.StandardsArn, status: s.StandardsStatus ?? "UNKNOWN" });
        }
      }
      status.attributes.standards = standards.sort((a, b) => (a.standardsArn < b.standardsArn ? -1 : 1));
    } catch (error) {
      ctx.gap("aws.securityhub.status", "GetEnabledStandards", error);
    }
    ctx.emit(status);
    ctx.progress(`Security Hub ${ctx.region}: ${status.attributes.standards?.length ?? "?"} standard(s)`);
  },
};
