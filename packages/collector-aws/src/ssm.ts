// Systems Manager in one region: the managed instances (agents), their patch state and their
// installed applications (the AWS:Application inventory). Patch states are read 50 instances a call;
// the inventory takes one paginated call per instance, run with bounded concurrency.
import {
  DescribeInstancePatchStatesCommand,
  type InstancePatchState,
  ListInventoryEntriesCommand,
  paginateDescribeInstanceInformation,
  SSMClient,
} from "@aws-sdk/client-ssm";
import type { ResourceOf } from "@itaku/core";
import { runBounded } from "./bounded";
import type { AwsCollector, AwsCollectorContext } from "./collector";

type Managed = ResourceOf<"aws.ssm.managed-instance">;
type Application = NonNullable<Managed["attributes"]["applications"]>[number];

const PATCH_BATCH = 50;

export const ssmCollector: AwsCollector = {
  name: "ssm",
  scope: "regional",
  resourceTypes: ["aws.ssm.managed-instance"],
  async run(ctx) {
    const client = ctx.client(SSMClient, "ssm");
    const managed: Managed[] = [];
    try {
      for await (const page of paginateDescribeInstanceInformation({ client, pageSize: 50 }, {})) {
        for (const info of page.InstanceInformationList ?? []) {
          if (!info.InstanceId) continue;
          managed.push({
            type: "aws.ssm.managed-instance",
            id: info.InstanceId,
            name: info.ComputerName ?? info.Name ?? info.InstanceId,
            scope: ctx.accountId,
            region: ctx.region,
            attributes: {
              instanceId: info.InstanceId,
              pingStatus: info.PingStatus ?? "Unknown",
              ...(info.LastPingDateTime ? { lastPingAt: info.LastPingDateTime.toISOString() } : {}),
              ...(info.AgentVersion ? { agentVersion: info.AgentVersion } : {}),
              ...(info.PlatformType ? { platformType: info.PlatformType } : {}),
              ...(info.PlatformName ? { platformName: info.PlatformName } : {}),
              ...(info.PlatformVersion ? { platformVersion: info.PlatformVersion } : {}),
            },
          });
        }
      }
    } catch (error) {
      ctx.gap("aws.ssm.managed-instance", "DescribeInstanceInformation", error);
      return;
    }
    await readPatchStates(ctx, client, managed);
    await runBounded(
      managed.map((instance) => async () => {
        const applications = await readApplications(ctx, client, instance.id);
        if (applications) instance.attributes.applications = applications;
      }),
      ctx.config.maxConcurrency ?? 4,
    );
    for (const instance of managed) ctx.emit(instance);
    ctx.progress(`SSM ${ctx.region}: ${managed.length} managed instance(s)`);
  },
};

async function readPatchStates(
  ctx: AwsCollectorContext,
  client: SSMClient,
  managed: Managed[],
): Promise<void> {
  for (let i = 0; i < managed.length; i += PATCH_BATCH) {
    const batch = managed.slice(i, i + PATCH_BATCH);
    const states = new Map<string, InstancePatchState>();
    try {
      let NextToken: string | undefined;
      do {
        const out = await client.send(
          new DescribeInstancePatchStatesCommand({
            InstanceIds: batch.map((m) => m.id),
            NextToken,
            MaxResults: 50,
          }),
        );
        for (const state of out.InstancePatchStates ?? [])
          if (state.InstanceId) states.set(state.InstanceId, state);
        NextToken = out.NextToken;
      } while (NextToken);
    } catch (error) {
      ctx.gap("aws.ssm.managed-instance", "DescribeInstancePatchStates", error);
      continue;
    }
    // An instance SSM returns no state for has never been scanned against a baseline.
    for (const instance of batch) instance.attributes.patchState = patchStateOf(states.get(instance.id));
  }
}

function patchStateOf(state: InstancePatchState | undefined): Managed["attributes"]["patchState"] {
  if (!state) return null;
  return {
    ...(state.PatchGroup ? { patchGroup: state.PatchGroup } : {}),
    ...(state.BaselineId ? { baselineId: state.BaselineId } : {}),
    missingCount: state.MissingCount ?? 0,
    failedCount: state.FailedCount ?? 0,
    installedPendingRebootCount: state.InstalledPendingRebootCount ?? 0,
    ...(state.CriticalNonCompliantCount !== undefined
      ? { criticalNonCompliantCount: state.CriticalNonCompliantCount }
      : {}),
    ...(state.SecurityNonCompliantCount !== undefined
      ? { securityNonCompliantCount: state.SecurityNonCompliantCount }
      : {}),
    ...(state.OperationEndTime ? { operationEndAt: state.OperationEndTime.toISOString() } : {}),
    ...(state.Operation === "Scan" || state.Operation === "Install" ? { operation: state.Operation } : {}),
  };
}

async function readApplications(
  ctx: AwsCollectorContext,
  client: SSMClient,
  instanceId: string,
): Promise<Application[] | undefined> {
  const applications: Application[] = [];
  try {
    let NextToken: string | undefined;
    do {
      const out = await client.send(
        new ListInventoryEntriesCommand({
          InstanceId: instanceId,
          TypeName: "AWS:Application",
          NextToken,
          MaxResults: 50,
        }),
      );
      for (const entry of out.Entries ?? []) {
        if (!entry.Name) continue;
        applications.push({
          name: entry.Name,
          ...(entry.Version ? { version: entry.Version } : {}),
          ...(entry.Publisher ? { publisher: entry.Publisher } : {}),
        });
      }
      NextToken = out.NextToken;
    } while (NextToken);
  } catch (error) {
    ctx.gap("aws.ssm.managed-instance", "ListInventoryEntries", error);
    return undefined;
  }
  return applications.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
