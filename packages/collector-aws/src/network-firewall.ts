// AWS Network Firewall: firewalls of one region, their endpoints (route targets), their policy and
// their logging configuration. Policies shared by several firewalls are read once.
import {
  DescribeFirewallCommand,
  type DescribeFirewallCommandOutput,
  DescribeFirewallPolicyCommand,
  DescribeLoggingConfigurationCommand,
  type LogDestinationConfig,
  NetworkFirewallClient,
  paginateListFirewalls,
} from "@aws-sdk/client-network-firewall";
import type { ResourceOf } from "@itaku/core";
import { runBounded } from "./bounded";
import type { AwsCollector, AwsCollectorContext } from "./collector";
import { noteLogGroupPurpose } from "./logs";
import { readBucketFor } from "./s3";

type Firewall = ResourceOf<"aws.network-firewall.firewall">;
type Policy = NonNullable<Firewall["attributes"]["policy"]>;
type Destination = NonNullable<Firewall["attributes"]["logging"]>[number];

export const networkFirewallCollector: AwsCollector = {
  name: "network-firewall",
  scope: "regional",
  resourceTypes: ["aws.network-firewall.firewall"],
  async run(ctx) {
    const client = ctx.client(NetworkFirewallClient, "network-firewall");
    const arns: string[] = [];
    try {
      for await (const page of paginateListFirewalls({ client, pageSize: 100 }, {})) {
        for (const fw of page.Firewalls ?? []) if (fw.FirewallArn) arns.push(fw.FirewallArn);
      }
    } catch (error) {
      ctx.gap("aws.network-firewall.firewall", "ListFirewalls", error);
      return;
    }
    const policies = new Map<string, Promise<Policy | undefined>>();
    const policyOf = (arn: string): Promise<Policy | undefined> => {
      let read = policies.get(arn);
      if (!read) {
        read = client.send(new DescribeFirewallPolicyCommand({ FirewallPolicyArn: arn })).then(
          (out) => ({
            statelessDefaultActions: out.FirewallPolicy?.StatelessDefaultActions ?? [],
            statefulRuleGroupArns: (out.FirewallPolicy?.StatefulRuleGroupReferences ?? [])
              .map((r) => r.ResourceArn!)
              .filter(Boolean),
            statefulDefaultActions: out.FirewallPolicy?.StatefulDefaultActions ?? [],
          }),
          (error: unknown) => {
            ctx.gap("aws.network-firewall.firewall", "DescribeFirewallPolicy", error);
            return undefined;
          },
        );
        policies.set(arn, read);
      }
      return read;
    };
    const firewalls = await runBounded(
      arns.map((arn) => () => readFirewall(ctx, client, arn, policyOf)),
      ctx.config.maxConcurrency ?? 4,
    );
    for (const firewall of firewalls) if (firewall) ctx.emit(firewall);
    ctx.progress(`Network Firewall ${ctx.region}: ${arns.length} firewall(s)`);
  },
};

async function readFirewall(
  ctx: AwsCollectorContext,
  client: NetworkFirewallClient,
  arn: string,
  policyOf: (arn: string) => Promise<Policy | undefined>,
): Promise<Firewall | undefined> {
  let described: DescribeFirewallCommandOutput;
  try {
    described = await client.send(new DescribeFirewallCommand({ FirewallArn: arn }));
  } catch (error) {
    ctx.gap("aws.network-firewall.firewall", "DescribeFirewall", error);
    return undefined;
  }
  const fw = described.Firewall;
  if (!fw?.VpcId || !fw.FirewallPolicyArn) {
    ctx.gap("aws.network-firewall.firewall", "DescribeFirewall", {
      code: "IncompleteAnswer",
      message: `firewall ${arn}: no VPC or policy in the answer`,
    });
    return undefined;
  }
  const [policy, logging] = await Promise.all([
    policyOf(fw.FirewallPolicyArn),
    client.send(new DescribeLoggingConfigurationCommand({ FirewallArn: arn })).then(
      (out) => (out.LoggingConfiguration?.LogDestinationConfigs ?? []).flatMap(destinationOf),
      (error: unknown) => {
        ctx.gap("aws.network-firewall.firewall", "DescribeLoggingConfiguration", error);
        return undefined;
      },
    ),
  ]);
  for (const destination of logging ?? []) {
    if (destination.logGroup) noteLogGroupPurpose(ctx, ctx.region, destination.logGroup, "firewall-logs");
    if (destination.bucketName) await readBucketFor(ctx, destination.bucketName, "firewall-logs");
  }
  const endpointIds = Object.values(described.FirewallStatus?.SyncStates ?? {})
    .map((state) => state.Attachment?.EndpointId)
    .filter((id): id is string => Boolean(id))
    .sort();
  return {
    type: "aws.network-firewall.firewall",
    id: arn,
    name: fw.FirewallName ?? arn,
    scope: ctx.accountId,
    region: ctx.region,
    attributes: {
      arn,
      name: fw.FirewallName ?? arn,
      vpcId: fw.VpcId,
      subnetIds: (fw.SubnetMappings ?? []).map((m) => m.SubnetId!).filter(Boolean),
      endpointIds,
      policyArn: fw.FirewallPolicyArn,
      ...(policy ? { policy } : {}),
      ...(logging ? { logging } : {}),
    },
  };
}

const LOG_TYPES = ["ALERT", "FLOW", "TLS"] as const;
const DESTINATION_TYPES = ["CloudWatchLogs", "S3", "KinesisDataFirehose"] as const;

export function destinationOf(config: LogDestinationConfig): Destination[] {
  const logType = LOG_TYPES.find((t) => t === config.LogType);
  const destinationType = DESTINATION_TYPES.find((t) => t === config.LogDestinationType);
  if (!logType || !destinationType) return [];
  const target = config.LogDestination ?? {};
  return [
    {
      logType,
      destinationType,
      ...(target.logGroup ? { logGroup: target.logGroup } : {}),
      ...(target.bucketName ? { bucketName: target.bucketName } : {}),
      ...(target.prefix ? { s3Prefix: target.prefix } : {}),
      ...(target.deliveryStream ? { deliveryStream: target.deliveryStream } : {}),
    },
  ];
}
