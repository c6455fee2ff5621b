// Amazon Inspector in one region: the account's status and which resource types (EC2, ECR…) it scans.
import {
  BatchGetAccountStatusCommand,
  Inspector2Client,
  type ResourceState,
} from "@aws-sdk/client-inspector2";
import type { ResourceOf } from "@itaku/core";
import type { AwsCollector } from "./collector";

type Status = ResourceOf<"aws.inspector2.status">;

/** The answer's keys (`ec2`, `lambdaCode`) as the resource types Inspector's Enable call names. */
const RESOURCE_TYPES: Record<keyof ResourceState, string> = {
  ec2: "EC2",
  ecr: "ECR",
  lambda: "LAMBDA",
  lambdaCode: "LAMBDA_CODE",
  codeRepository: "CODE_REPOSITORY",
};

export const inspector2Collector: AwsCollector = {
  name: "inspector2",
  scope: "regional",
  resourceTypes: ["aws.inspector2.status"],
  async run(ctx) {
    const client = ctx.client(Inspector2Client, "inspector2");
    const status: Status = {
      type: "aws.inspector2.status",
      id: `inspector2:${ctx.accountId}:${ctx.region}`,
      name: `Inspector ${ctx.region}`,
      scope: ctx.accountId,
      region: ctx.region,
      attributes: {},
    };
    try {
      const answer = await client.send(new BatchGetAccountStatusCommand({ accountIds: [ctx.accountId] }));
      const mine = answer.accounts?.find((a) => a.accountId === ctx.accountId);
      const failed = answer.failedAccounts?.find((a) => a.accountId === ctx.accountId);
      if (mine?.state?.status) {
        status.attributes.status = mine.state.status;
        status.attributes.scans = Object.entries(mine.resourceState ?? {})
          .filter(([key, state]) => key in RESOURCE_TYPES && state?.status)
          .map(([key, state]) => ({
            resourceType: RESOURCE_TYPES[key as keyof ResourceState],
            status: (state as { status: string }).status,
          }))
          .sort((a, b) => (a.resourceType < b.resourceType ? -1 : 1));
      } else {
        // The account asked about must come back, as a status or as a failure: anything else is unread.
        ctx.gap("aws.inspector2.status", "BatchGetAccountStatus", {
          code: failed?.errorCode ?? "AccountNotReturned",
          message: failed?.errorMessage ?? `Inspector returned no status for account ${ctx.accountId}`,
        });
      }
    } catch (error) {
      ctx.gap("aws.inspector2.status", "BatchGetAccountStatus", error);
    }
    ctx.emit(status);
    ctx.progress(`Inspector ${ctx.region}: ${status.attributes.status ?? "not read"}`);
  },
};
