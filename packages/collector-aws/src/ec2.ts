// The EC2 network of one region: VPCs, subnets, route tables with their main and explicit
// associations, internet / NAT / egress-only gateways, security groups, network interfaces, VPC
// endpoints and flow logs. One paginated Describe call per type; a failed type becomes a gap.
import {
  EC2Client,
  type FlowLog,
  type IpPermission,
  paginateDescribeEgressOnlyInternetGateways,
  paginateDescribeFlowLogs,
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeNetworkInterfaces,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
  type Route,
  type RouteTable,
  type Tag,
} from "@aws-sdk/client-ec2";
import type { ResourceOf, ResourceType } from "@itaku/core";
import { runBounded } from "./bounded";
import type { AwsCollector, AwsCollectorContext } from "./collector";
import { noteLogGroupPurpose } from "./logs";
import { readBucketFor } from "./s3";

type Route_ = ResourceOf<"aws.ec2.route-table">["attributes"]["routes"][number];
type SgRule = ResourceOf<"aws.ec2.security-group">["attributes"]["egress"][number];

export const EC2_RESOURCE_TYPES = [
  "aws.ec2.vpc",
  "aws.ec2.subnet",
  "aws.ec2.route-table",
  "aws.ec2.internet-gateway",
  "aws.ec2.nat-gateway",
  "aws.ec2.egress-only-internet-gateway",
  "aws.ec2.security-group",
  "aws.ec2.network-interface",
  "aws.ec2.vpc-endpoint",
  "aws.ec2.flow-log",
] as const satisfies readonly ResourceType[];

export const ec2Collector: AwsCollector = {
  name: "ec2",
  scope: "regional",
  resourceTypes: EC2_RESOURCE_TYPES,
  async run(ctx) {
    const ec2 = ctx.client(EC2Client, "ec2");
    const config = { client: ec2, pageSize: 1000 };
    const counts = new Map<string, number>();
    // Route tables name the prefix list of each gateway endpoint (DescribeVpcEndpoints does not).
    const endpointPrefixLists = new Map<string, string>();

    const list = <O, I, T extends ResourceType>(
      type: T,
      operation: string,
      pages: AsyncIterable<O>,
      items: (page: O) => I[] | undefined,
      build: (item: I) => ResourceOf<T> | Promise<ResourceOf<T>>,
    ) => read(ctx, type, operation, pages, items, build, counts);
    const tasks: (() => Promise<void>)[] = [
      () =>
        list(
          "aws.ec2.vpc",
          "DescribeVpcs",
          paginateDescribeVpcs(config, {}),
          (o) => o.Vpcs,
          (vpc) => ({
            type: "aws.ec2.vpc",
            ...envelope(ctx, vpc.VpcId!, vpc.Tags),
            attributes: {
              vpcId: vpc.VpcId!,
              cidrBlocks: (vpc.CidrBlockAssociationSet ?? [])
                .filter((a) => a.CidrBlockState?.State !== "disassociated")
                .map((a) => a.CidrBlock!)
                .filter(Boolean),
              ipv6CidrBlocks: (vpc.Ipv6CidrBlockAssociationSet ?? [])
                .filter((a) => a.Ipv6CidrBlockState?.State !== "disassociated")
                .map((a) => a.Ipv6CidrBlock!)
                .filter(Boolean),
              isDefault: vpc.IsDefault ?? false,
            },
          }),
        ),
      () =>
        list(
          "aws.ec2.subnet",
          "DescribeSubnets",
          paginateDescribeSubnets(config, {}),
          (o) => o.Subnets,
          (s) => ({
            type: "aws.ec2.subnet",
            ...envelope(ctx, s.SubnetId!, s.Tags),
            attributes: {
              subnetId: s.SubnetId!,
              vpcId: s.VpcId!,
              ...(s.CidrBlock ? { cidrBlock: s.CidrBlock } : {}),
              ipv6CidrBlocks: (s.Ipv6CidrBlockAssociationSet ?? [])
                .map((a) => a.Ipv6CidrBlock!)
                .filter(Boolean),
              ...(s.AvailabilityZone ? { availabilityZone: s.AvailabilityZone } : {}),
              ...(s.MapPublicIpOnLaunch !== undefined ? { mapPublicIpOnLaunch: s.MapPublicIpOnLaunch } : {}),
            },
          }),
        ),
      () =>
        list(
          "aws.ec2.route-table",
          "DescribeRouteTables",
          paginateDescribeRouteTables(config, {}),
          (o) => o.RouteTables,
          (t) => {
            for (const route of t.Routes ?? []) {
              if (route.GatewayId?.startsWith("vpce-") && route.DestinationPrefixListId) {
                endpointPrefixLists.set(route.GatewayId, route.DestinationPrefixListId);
              }
            }
            return routeTableResource(ctx, t);
          },
        ),
      () =>
        list(
          "aws.ec2.internet-gateway",
          "DescribeInternetGateways",
          paginateDescribeInternetGateways(config, {}),
          (o) => o.InternetGateways,
          (g) => ({
            type: "aws.ec2.internet-gateway",
            ...envelope(ctx, g.InternetGatewayId!, g.Tags),
            attributes: {
              internetGatewayId: g.InternetGatewayId!,
              attachedVpcIds: (g.Attachments ?? []).map((a) => a.VpcId!).filter(Boolean),
            },
          }),
        ),
      () =>
        list(
          "aws.ec2.egress-only-internet-gateway",
          "DescribeEgressOnlyInternetGateways",
          paginateDescribeEgressOnlyInternetGateways({ client: ec2, pageSize: 255 }, {}),
          (o) => o.EgressOnlyInternetGateways,
          (g) => ({
            type: "aws.ec2.egress-only-internet-gateway",
            ...envelope(ctx, g.EgressOnlyInternetGatewayId!, g.Tags),
            attributes: {
              egressOnlyInternetGatewayId: g.EgressOnlyInternetGatewayId!,
              attachedVpcIds: (g.Attachments ?? []).map((a) => a.VpcId!).filter(Boolean),
            },
          }),
        ),
      () =>
        list(
          "aws.ec2.nat-gateway",
          "DescribeNatGateways",
          paginateDescribeNatGateways({ client: ec2, pageSize: 1000 }, {}),
          (o) => (o.NatGateways ?? []).filter((n) => n.State !== "deleted"),
          (n) => ({
            type: "aws.ec2.nat-gateway",
            ...envelope(ctx, n.NatGatewayId!, n.Tags),
            attributes: {
              natGatewayId: n.NatGatewayId!,
              vpcId: n.VpcId!,
              subnetId: n.SubnetId!,
              ...(n.State ? { state: n.State } : {}),
              connectivityType: n.ConnectivityType === "private" ? "private" : "public",
            },
          }),
        ),
      () =>
        list(
          "aws.ec2.security-group",
          "DescribeSecurityGroups",
          paginateDescribeSecurityGroups(config, {}),
          (o) => o.SecurityGroups,
          (g) => ({
            type: "aws.ec2.security-group",
            id: g.GroupId!,
            name: g.GroupName ?? g.GroupId!,
            scope: ctx.accountId,
            region: ctx.region,
            ...tagsOf(g.Tags),
            attributes: {
              groupId: g.GroupId!,
              groupName: g.GroupName ?? "",
              ...(g.VpcId ? { vpcId: g.VpcId } : {}),
              ...(g.Description ? { description: g.Description } : {}),
              ingress: (g.IpPermissions ?? []).map(sgRule),
              egress: (g.IpPermissionsEgress ?? []).map(sgRule),
            },
          }),
        ),
      () =>
        list(
          "aws.ec2.network-interface",
          "DescribeNetworkInterfaces",
          paginateDescribeNetworkInterfaces(config, {}),
          (o) => o.NetworkInterfaces,
          (n) => ({
            type: "aws.ec2.network-interface",
            ...envelope(ctx, n.NetworkInterfaceId!, n.TagSet),
            attributes: {
              networkInterfaceId: n.NetworkInterfaceId!,
              subnetId: n.SubnetId!,
              vpcId: n.VpcId!,
              securityGroupIds: (n.Groups ?? []).map((g) => g.GroupId!).filter(Boolean),
              ...(n.Attachment?.InstanceId ? { instanceId: n.Attachment.InstanceId } : {}),
              ...(n.PrivateIpAddress ? { privateIpAddress: n.PrivateIpAddress } : {}),
              ...(n.InterfaceType ? { interfaceType: n.InterfaceType } : {}),
              ...(n.Description ? { description: n.Description } : {}),
            },
          }),
        ),
      () =>
        list(
          "aws.ec2.flow-log",
          "DescribeFlowLogs",
          paginateDescribeFlowLogs(config, {}),
          (o) => o.FlowLogs,
          (f) => flowLogResource(ctx, f),
        ),
    ];
    const endpoints: ResourceOf<"aws.ec2.vpc-endpoint">[] = [];
    tasks.push(() =>
      list(
        "aws.ec2.vpc-endpoint",
        "DescribeVpcEndpoints",
        paginateDescribeVpcEndpoints(config, {}),
        (o) => o.VpcEndpoints,
        (e) => {
          const endpoint: ResourceOf<"aws.ec2.vpc-endpoint"> = {
            type: "aws.ec2.vpc-endpoint",
            ...envelope(ctx, e.VpcEndpointId!, e.Tags),
            attributes: {
              vpcEndpointId: e.VpcEndpointId!,
              vpcId: e.VpcId!,
              serviceName: e.ServiceName ?? "",
              endpointType: endpointType(e.VpcEndpointType),
              routeTableIds: e.RouteTableIds ?? [],
              subnetIds: e.SubnetIds ?? [],
              securityGroupIds: (e.Groups ?? []).map((g) => g.GroupId!).filter(Boolean),
            },
          };
          endpoints.push(endpoint);
          return endpoint;
        },
      ),
    );

    await runBounded(tasks, ctx.config.maxConcurrency ?? 4);
    for (const endpoint of endpoints) {
      const prefixList = endpointPrefixLists.get(endpoint.id);
      if (prefixList) endpoint.attributes.prefixListId = prefixList;
    }
    ctx.progress(
      `EC2 ${ctx.region}: ${[...counts].map(([type, n]) => `${n} ${type.slice("aws.ec2.".length)}`).join(", ")}`,
    );
  },
};

/** Runs a paginated Describe call, emits each item, and turns a failure into a gap for the type. */
async function read<O, I, T extends ResourceType>(
  ctx: AwsCollectorContext,
  type: T,
  operation: string,
  pages: AsyncIterable<O>,
  items: (page: O) => I[] | undefined,
  build: (item: I) => ResourceOf<T> | Promise<ResourceOf<T>>,
  counts?: Map<string, number>,
): Promise<void> {
  const built: ResourceOf<T>[] = [];
  try {
    for await (const page of pages) {
      for (const item of items(page) ?? []) built.push(await build(item));
    }
  } catch (error) {
    ctx.gap(type, operation, error);
    return;
  }
  // Emitting only after the last page: a listing that fails halfway is a gap, not half an inventory.
  for (const resource of built) ctx.emit(resource as never);
  counts?.set(type, built.length);
}

function envelope(ctx: AwsCollectorContext, id: string, tags: Tag[] | undefined) {
  const map = tagMap(tags);
  return {
    id,
    name: map?.Name ?? id,
    scope: ctx.accountId,
    region: ctx.region,
    ...(map ? { tags: map } : {}),
  };
}

const tagsOf = (tags: Tag[] | undefined) => {
  const map = tagMap(tags);
  return map ? { tags: map } : {};
};

export function tagMap(tags: readonly Tag[] | undefined): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined;
  return Object.fromEntries(tags.filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? ""]));
}

function routeTableResource(ctx: AwsCollectorContext, table: RouteTable): ResourceOf<"aws.ec2.route-table"> {
  const associations = table.Associations ?? [];
  const live = associations.filter(
    (a) => a.AssociationState?.State === undefined || a.AssociationState.State === "associated",
  );
  return {
    type: "aws.ec2.route-table",
    ...envelope(ctx, table.RouteTableId!, table.Tags),
    attributes: {
      routeTableId: table.RouteTableId!,
      vpcId: table.VpcId!,
      main: live.some((a) => a.Main === true),
      subnetIds: live.map((a) => a.SubnetId).filter((id): id is string => Boolean(id)),
      routes: (table.Routes ?? []).flatMap((route) => {
        const destination =
          route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId;
        return destination
          ? [
              {
                destination,
                target: routeTarget(route),
                state: route.State === "blackhole" ? "blackhole" : "active",
              } as Route_,
            ]
          : [];
      }),
    },
  };
}

export function routeTarget(route: Route): Route_["target"] {
  if (route.GatewayId === "local") return { type: "local", id: "local" };
  if (route.NatGatewayId) return { type: "nat-gateway", id: route.NatGatewayId };
  if (route.EgressOnlyInternetGatewayId)
    return { type: "egress-only-internet-gateway", id: route.EgressOnlyInternetGatewayId };
  if (route.TransitGatewayId) return { type: "transit-gateway", id: route.TransitGatewayId };
  if (route.VpcPeeringConnectionId) return { type: "vpc-peering", id: route.VpcPeeringConnectionId };
  if (route.CarrierGatewayId) return { type: "carrier-gateway", id: route.CarrierGatewayId };
  if (route.LocalGatewayId) return { type: "local-gateway", id: route.LocalGatewayId };
  if (route.CoreNetworkArn) return { type: "core-network", id: route.CoreNetworkArn };
  if (route.InstanceId) return { type: "instance", id: route.InstanceId };
  if (route.NetworkInterfaceId) return { type: "network-interface", id: route.NetworkInterfaceId };
  const gateway = route.GatewayId ?? "";
  if (gateway.startsWith("igw-")) return { type: "internet-gateway", id: gateway };
  if (gateway.startsWith("vgw-")) return { type: "virtual-private-gateway", id: gateway };
  if (gateway.startsWith("vpce-")) return { type: "vpc-endpoint", id: gateway };
  return { type: "unknown", id: gateway || "unknown" };
}

function sgRule(permission: IpPermission): SgRule {
  return {
    protocol: permission.IpProtocol ?? "-1",
    ...(permission.FromPort !== undefined ? { fromPort: permission.FromPort } : {}),
    ...(permission.ToPort !== undefined ? { toPort: permission.ToPort } : {}),
    ipv4Ranges: (permission.IpRanges ?? []).map((r) => r.CidrIp!).filter(Boolean),
    ipv6Ranges: (permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6!).filter(Boolean),
    prefixListIds: (permission.PrefixListIds ?? []).map((p) => p.PrefixListId!).filter(Boolean),
    securityGroupIds: (permission.UserIdGroupPairs ?? []).map((p) => p.GroupId!).filter(Boolean),
  };
}

const ENDPOINT_TYPES = ["Gateway", "Interface", "GatewayLoadBalancer", "Resource", "ServiceNetwork"] as const;
const endpointType = (value: string | undefined): (typeof ENDPOINT_TYPES)[number] =>
  ENDPOINT_TYPES.find((t) => t === value) ?? "Interface";

async function flowLogResource(
  ctx: AwsCollectorContext,
  flowLog: FlowLog,
): Promise<ResourceOf<"aws.ec2.flow-log">> {
  const destinationType =
    flowLog.LogDestinationType === "s3"
      ? "s3"
      : flowLog.LogDestinationType === "kinesis-data-firehose"
        ? "kinesis-data-firehose"
        : "cloud-watch-logs";
  const logGroupName =
    flowLog.LogGroupName ??
    (destinationType === "cloud-watch-logs"
      ? flowLog.LogDestination?.split(":log-group:")[1]?.replace(/:\*$/, "")
      : undefined);
  if (destinationType === "cloud-watch-logs" && logGroupName)
    noteLogGroupPurpose(ctx, ctx.region, logGroupName, "flow-logs");
  if (destinationType === "s3" && flowLog.LogDestination) {
    const bucket = /^arn:[^:]+:s3:::([^/]+)/.exec(flowLog.LogDestination)?.[1];
    if (bucket) await readBucketFor(ctx, bucket, "flow-logs");
  }
  return {
    type: "aws.ec2.flow-log",
    ...envelope(ctx, flowLog.FlowLogId!, flowLog.Tags),
    attributes: {
      flowLogId: flowLog.FlowLogId!,
      resourceId: flowLog.ResourceId ?? "",
      // An unexpected value fails closed: only an explicit ALL counts as all traffic.
      trafficType:
        flowLog.TrafficType === "ALL" ? "ALL" : flowLog.TrafficType === "REJECT" ? "REJECT" : "ACCEPT",
      destinationType,
      ...(logGroupName ? { logGroupName } : {}),
      ...(flowLog.LogDestination ? { destinationArn: flowLog.LogDestination } : {}),
      ...(flowLog.FlowLogStatus ? { status: flowLog.FlowLogStatus } : {}),
    },
  };
}
