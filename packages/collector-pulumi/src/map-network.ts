// VPC networking as code declares it. Route tables are joined with their Route and association
// resources, security groups with their separate rule resources, endpoints with their associations;
// each VPC gets the main route table AWS creates with it unless the code manages that table itself.
import type { ResourceOf } from "@itaku/core";
import { type NormalizeContext, opaqueWhy } from "./context";
import { LOGGING } from "./map-logging";
import type { PulumiRecord } from "./records";
import { bool, isOpaque, num, obj, objects, type Props, str, strings } from "./values";

export const NET = {
  vpc: ["aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc"],
  subnet: ["aws:ec2/subnet:Subnet", "aws:ec2/defaultSubnet:DefaultSubnet"],
  routeTable: ["aws:ec2/routeTable:RouteTable"],
  defaultRouteTable: ["aws:ec2/defaultRouteTable:DefaultRouteTable"],
  route: ["aws:ec2/route:Route"],
  routeTableAssociation: ["aws:ec2/routeTableAssociation:RouteTableAssociation"],
  mainRouteTableAssociation: ["aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation"],
  securityGroup: ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
  securityGroupRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
  ingressRule: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
  egressRule: ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"],
  networkInterface: ["aws:ec2/networkInterface:NetworkInterface"],
  internetGateway: ["aws:ec2/internetGateway:InternetGateway"],
  internetGatewayAttachment: ["aws:ec2/internetGatewayAttachment:InternetGatewayAttachment"],
  egressOnlyInternetGateway: ["aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway"],
  natGateway: ["aws:ec2/natGateway:NatGateway"],
  vpnGateway: ["aws:ec2/vpnGateway:VpnGateway"],
  transitGateway: ["aws:ec2transitgateway/transitGateway:TransitGateway"],
  peering: ["aws:ec2/vpcPeeringConnection:VpcPeeringConnection"],
  vpcEndpoint: ["aws:ec2/vpcEndpoint:VpcEndpoint"],
  vpcEndpointRouteTableAssociation: [
    "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  ],
  vpcEndpointSubnetAssociation: ["aws:ec2/vpcEndpointSubnetAssociation:VpcEndpointSubnetAssociation"],
  vpcEndpointSecurityGroupAssociation: ["aws:ec2/securityGroupAssociation:SecurityGroupAssociation"],
  flowLog: [LOGGING.flowLog],
  firewall: ["aws:networkfirewall/firewall:Firewall"],
  firewallPolicy: ["aws:networkfirewall/firewallPolicy:FirewallPolicy"],
  firewallLogging: [LOGGING.firewallLogging],
  instance: ["aws:ec2/instance:Instance"],
  launchTemplate: ["aws:ec2/launchTemplate:LaunchTemplate"],
  autoScalingGroup: ["aws:autoscaling/group:Group"],
} as const;

type RouteTarget = ResourceOf<"aws.ec2.route-table">["attributes"]["routes"][number]["target"];
type SgRule = ResourceOf<"aws.ec2.security-group">["attributes"]["ingress"][number];

const PROTOCOL_NAMES: Record<string, string> = {
  "6": "tcp",
  "17": "udp",
  "1": "icmp",
  "58": "icmpv6",
  all: "-1",
};

export function normalizeProtocol(protocol: string | undefined): string {
  if (protocol === undefined) return "-1";
  const lower = protocol.toLowerCase();
  return PROTOCOL_NAMES[lower] ?? lower;
}

/** Route target types by the id prefixes AWS uses, for targets outside the stack. */
const TARGET_PREFIXES: [string, RouteTarget["type"]][] = [
  ["igw-", "internet-gateway"],
  ["nat-", "nat-gateway"],
  ["eigw-", "egress-only-internet-gateway"],
  ["vpce-", "vpc-endpoint"],
  ["eni-", "network-interface"],
  ["i-", "instance"],
  ["tgw-", "transit-gateway"],
  ["pcx-", "vpc-peering"],
  ["vgw-", "virtual-private-gateway"],
  ["cagw-", "carrier-gateway"],
  ["lgw-", "local-gateway"],
];

export function mapNetwork(ctx: NormalizeContext): void {
  const nidOrValue = (ref: { record?: PulumiRecord; value?: string } | undefined) =>
    ref?.record ? ctx.nid(ref.record) : ref?.value;

  // VPCs
  const vpcCidrs = new Map<string, string[]>();
  for (const record of ctx.of(...NET.vpc)) {
    const props = ctx.p(record);
    const vpcId = ctx.nid(record);
    const cidrs = [str(props, "cidrBlock")].filter((c): c is string => c !== undefined);
    vpcCidrs.set(vpcId, cidrs);
    ctx.add(
      {
        type: "aws.ec2.vpc",
        id: vpcId,
        ...declaredBy(ctx, record),
        attributes: {
          vpcId,
          cidrBlocks: cidrs,
          ipv6CidrBlocks: [str(props, "ipv6CidrBlock")].filter((c): c is string => c !== undefined),
          isDefault: record.type === NET.vpc[1],
        },
      },
      record,
    );
  }
  const vpcOf = (record: PulumiRecord, key = "vpcId") => {
    const ref = ctx.ref(record, key, NET.vpc);
    return nidOrValue(ref);
  };

  // Subnets
  const subnetVpc = new Map<string, string>();
  for (const record of ctx.of(...NET.subnet)) {
    const props = ctx.p(record);
    const subnetId = ctx.nid(record);
    const vpcId = vpcOf(record);
    if (vpcId === undefined) {
      ctx.gap("aws.ec2.subnet", record, "vpcId", isOpaque(props.vpcId) ? "unresolved" : "unknown");
      continue;
    }
    subnetVpc.set(subnetId, vpcId);
    ctx.add(
      {
        type: "aws.ec2.subnet",
        id: subnetId,
        ...declaredBy(ctx, record),
        attributes: {
          subnetId,
          vpcId,
          cidrBlock: str(props, "cidrBlock"),
          ipv6CidrBlocks: [str(props, "ipv6CidrBlock")].filter((c): c is string => c !== undefined),
          availabilityZone: str(props, "availabilityZone"),
          mapPublicIpOnLaunch: isOpaque(props.mapPublicIpOnLaunch)
            ? undefined
            : (bool(props, "mapPublicIpOnLaunch") ?? false),
        },
      },
      record,
    );
  }
  const subnetRef = (record: PulumiRecord, key = "subnetId", value?: unknown) =>
    nidOrValue(ctx.ref(record, key, NET.subnet, value));

  // Route targets
  const targetTypes: [readonly string[], RouteTarget["type"]][] = [
    [NET.internetGateway, "internet-gateway"],
    [NET.natGateway, "nat-gateway"],
    [NET.egressOnlyInternetGateway, "egress-only-internet-gateway"],
    [NET.vpcEndpoint, "vpc-endpoint"],
    [NET.networkInterface, "network-interface"],
    [NET.transitGateway, "transit-gateway"],
    [NET.peering, "vpc-peering"],
    [NET.vpnGateway, "virtual-private-gateway"],
  ];
  const allTargetTypes = targetTypes.flatMap(([types]) => [...types]);
  const targetKeys = [
    "gatewayId",
    "natGatewayId",
    "egressOnlyGatewayId",
    "vpcEndpointId",
    "networkInterfaceId",
    "transitGatewayId",
    "vpcPeeringConnectionId",
    "carrierGatewayId",
    "localGatewayId",
    "coreNetworkArn",
  ];
  const routeTarget = (owner: PulumiRecord, route: Props, key: string): RouteTarget | undefined => {
    for (const field of targetKeys) {
      const value = route[field];
      if (value === undefined || value === null || value === "") continue;
      if (value === "local") return { type: "local", id: "local" };
      const ref = ctx.ref(owner, key, allTargetTypes, value);
      if (ref?.record) {
        const type = targetTypes.find(([types]) => types.includes(ref.record!.type))![1];
        return { type, id: ctx.nid(ref.record) };
      }
      if (ref?.value) {
        if (field === "coreNetworkArn") return { type: "core-network", id: ref.value };
        const byPrefix = TARGET_PREFIXES.find(([prefix]) => ref.value!.startsWith(prefix));
        return { type: byPrefix?.[1] ?? "unknown", id: ref.value };
      }
      return { type: "unknown", id: `(${field} known after deployment)` };
    }
    return undefined;
  };
  const routeOf = (owner: PulumiRecord, route: Props, key: string, prefix: "" | "destination") => {
    const cidr = str(route, prefix ? "destinationCidrBlock" : "cidrBlock");
    const ipv6 = str(route, prefix ? "destinationIpv6CidrBlock" : "ipv6CidrBlock");
    const prefixList = str(route, "destinationPrefixListId");
    const destination = cidr ?? ipv6 ?? prefixList;
    if (destination === undefined) {
      ctx.gap("aws.ec2.route-table", owner, `${key}.destination`, "unknown");
      return undefined;
    }
    const target = routeTarget(owner, route, key);
    if (!target) return undefined;
    return { destination, target, state: "active" as const };
  };

  // Route tables: declared, default (the VPC's main table, managed), and the implicit main tables.
  type Table = ResourceOf<"aws.ec2.route-table">;
  const tables = new Map<PulumiRecord | string, Table>();
  const tableByRecord = (record: PulumiRecord | undefined) => (record ? tables.get(record) : undefined);
  for (const record of ctx.of(...NET.routeTable, ...NET.defaultRouteTable)) {
    const props = ctx.p(record);
    const isDefault = NET.defaultRouteTable.includes(record.type as never);
    const vpcId = isDefault
      ? (vpcOf(record) ??
        nidOrValue(ctx.ref(record, "defaultRouteTableId", NET.vpc)) ??
        defaultTableVpc(ctx, record))
      : vpcOf(record);
    if (vpcId === undefined) {
      ctx.gap("aws.ec2.route-table", record, "vpcId", "unresolved");
      continue;
    }
    const routeTableId = isDefault ? (str(props, "defaultRouteTableId") ?? ctx.nid(record)) : ctx.nid(record);
    const routes = objects(props, "routes")
      .map((route) => routeOf(record, route, "routes", ""))
      .filter((r) => r !== undefined);
    if (isOpaque(props.routes)) ctx.gap("aws.ec2.route-table", record, "routes", opaqueWhy(props.routes));
    tables.set(record, {
      type: "aws.ec2.route-table",
      id: routeTableId,
      ...declaredBy(ctx, record),
      attributes: { routeTableId, vpcId, main: isDefault, subnetIds: [], routes },
    });
  }
  const tableRef = (record: PulumiRecord, key = "routeTableId") => {
    const ref = ctx.ref(record, key, [...NET.routeTable, ...NET.defaultRouteTable]);
    if (ref?.record) return tableByRecord(ref.record);
    if (ref?.value) return [...tables.values()].find((t) => t.attributes.routeTableId === ref.value);
    return undefined;
  };
  for (const record of ctx.of(...NET.route)) {
    const table = tableRef(record);
    if (!table) {
      ctx.gap("aws.ec2.route-table", record, "routeTableId", "unresolved");
      continue;
    }
    const route = routeOf(record, ctx.p(record), "route", "destination");
    if (route) table.attributes.routes.push(route);
  }
  for (const record of ctx.of(...NET.mainRouteTableAssociation)) {
    const table = tableRef(record);
    if (table) table.attributes.main = true;
    else ctx.gap("aws.ec2.route-table", record, "routeTableId", "unresolved");
  }
  for (const record of ctx.of(...NET.routeTableAssociation)) {
    const props = ctx.p(record);
    if (props.gatewayId !== undefined && props.subnetId === undefined) continue; // edge association of a gateway
    const table = tableRef(record);
    const subnetId = subnetRef(record);
    if (!table || subnetId === undefined) {
      ctx.gap("aws.ec2.route-table", record, table ? "subnetId" : "routeTableId", "unresolved");
      continue;
    }
    table.attributes.subnetIds.push(subnetId);
  }
  // AWS gives each VPC a main table with only the local route; it stays main unless the code says otherwise.
  for (const record of ctx.of(...NET.vpc)) {
    const vpcId = ctx.nid(record);
    const managedMain = [...tables.values()].some((t) => t.attributes.vpcId === vpcId && t.attributes.main);
    if (managedMain) continue;
    const props = ctx.p(record);
    const routeTableId =
      str(props, "mainRouteTableId") ?? str(props, "defaultRouteTableId") ?? `${vpcId}/main-route-table`;
    tables.set(`main:${vpcId}`, {
      type: "aws.ec2.route-table",
      id: routeTableId,
      name: `${ctx.tags(record)?.Name ?? record.name} main route table`,
      scope: ctx.accountId,
      region: ctx.regionOf(record),
      attributes: { routeTableId, vpcId, main: true, subnetIds: [], routes: [] },
    });
  }

  // VPC endpoints (before tables are emitted: gateway endpoints add their prefix-list routes).
  const endpointExtras = {
    routeTableIds: new Map<PulumiRecord, string[]>(),
    subnetIds: new Map<PulumiRecord, string[]>(),
    securityGroupIds: new Map<PulumiRecord, string[]>(),
  };
  const addTo = (map: Map<PulumiRecord, string[]>, key: PulumiRecord, value: string) =>
    map.set(key, [...(map.get(key) ?? []), value]);
  for (const [types, map, key, targetTypesForKey] of [
    [
      NET.vpcEndpointRouteTableAssociation,
      endpointExtras.routeTableIds,
      "routeTableId",
      [...NET.routeTable, ...NET.defaultRouteTable],
    ],
    [NET.vpcEndpointSubnetAssociation, endpointExtras.subnetIds, "subnetId", NET.subnet],
    [
      NET.vpcEndpointSecurityGroupAssociation,
      endpointExtras.securityGroupIds,
      "securityGroupId",
      NET.securityGroup,
    ],
  ] as const) {
    for (const record of ctx.of(...types)) {
      const endpoint = ctx.ref(record, "vpcEndpointId", NET.vpcEndpoint)?.record;
      const target = ctx.ref(record, key, targetTypesForKey);
      const value = target?.record
        ? key === "routeTableId"
          ? (tableByRecord(target.record)?.attributes.routeTableId ?? ctx.nid(target.record))
          : ctx.nid(target.record)
        : target?.value;
      if (!endpoint || value === undefined) {
        ctx.gap("aws.ec2.vpc-endpoint", record, endpoint ? key : "vpcEndpointId", "unresolved");
        continue;
      }
      addTo(map, endpoint, value);
    }
  }
  const prefixListOf = (record: PulumiRecord) =>
    str(ctx.p(record), "prefixListId") ?? `${ctx.nid(record)}/prefix-list`;
  for (const record of ctx.of(...NET.vpcEndpoint)) {
    const props = ctx.p(record);
    const vpcEndpointId = ctx.nid(record);
    const vpcId = vpcOf(record);
    if (vpcId === undefined) {
      ctx.gap("aws.ec2.vpc-endpoint", record, "vpcId", "unresolved");
      continue;
    }
    const resolveAll = (
      key: string,
      types: readonly string[],
      map: Map<PulumiRecord, string[]>,
      asTable = false,
    ) => {
      const { refs, unresolved } = ctx.refs(record, key, types);
      if (unresolved) ctx.gap("aws.ec2.vpc-endpoint", record, key, "unresolved");
      const ids = refs
        .map((ref) =>
          ref.record
            ? asTable
              ? (tableByRecord(ref.record)?.attributes.routeTableId ?? ctx.nid(ref.record))
              : ctx.nid(ref.record)
            : ref.value,
        )
        .filter((v): v is string => v !== undefined);
      return [...new Set([...ids, ...(map.get(record) ?? [])])];
    };
    const endpointType = (str(props, "vpcEndpointType") ??
      "Gateway") as ResourceOf<"aws.ec2.vpc-endpoint">["attributes"]["endpointType"];
    const routeTableIds = resolveAll(
      "routeTableIds",
      [...NET.routeTable, ...NET.defaultRouteTable],
      endpointExtras.routeTableIds,
      true,
    );
    const prefixListId = endpointType === "Gateway" ? prefixListOf(record) : undefined;
    // A gateway endpoint adds a route to its service's prefix list in every table it is associated with.
    if (prefixListId) {
      for (const table of tables.values()) {
        if (routeTableIds.includes(table.attributes.routeTableId)) {
          table.attributes.routes.push({
            destination: prefixListId,
            target: { type: "vpc-endpoint", id: vpcEndpointId },
            state: "active",
          });
        }
      }
    }
    ctx.add(
      {
        type: "aws.ec2.vpc-endpoint",
        id: vpcEndpointId,
        ...declaredBy(ctx, record),
        attributes: {
          vpcEndpointId,
          vpcId,
          serviceName: str(props, "serviceName") ?? "(unknown)",
          endpointType,
          routeTableIds,
          subnetIds: resolveAll("subnetIds", NET.subnet, endpointExtras.subnetIds),
          securityGroupIds: resolveAll(
            "securityGroupIds",
            NET.securityGroup,
            endpointExtras.securityGroupIds,
          ),
          prefixListId,
        },
      },
      record,
    );
  }

  for (const table of tables.values()) {
    const local = (vpcCidrs.get(table.attributes.vpcId) ?? []).map((cidr) => ({
      destination: cidr,
      target: { type: "local" as const, id: "local" },
      state: "active" as const,
    }));
    const declared = new Set(table.attributes.routes.map((r) => r.destination));
    table.attributes.routes.unshift(...local.filter((r) => !declared.has(r.destination)));
    table.attributes.subnetIds.sort();
    ctx.add(table);
  }

  // Security groups and their rules.
  type Group = ResourceOf<"aws.ec2.security-group">;
  const groups = new Map<PulumiRecord, Group>();
  const sgRef = (owner: PulumiRecord, key: string, value?: unknown) =>
    nidOrValue(ctx.ref(owner, key, NET.securityGroup, value));
  const portsOf = (protocol: string, from: number | undefined, to: number | undefined) =>
    protocol === "-1" ? {} : { fromPort: from, toPort: to };
  for (const record of ctx.of(...NET.securityGroup)) {
    const props = ctx.p(record);
    const groupId = ctx.nid(record);
    // The rules the code declares inline; the provider's computed list would repeat the separate rule resources.
    const declared = record.inputs;
    const inline = (key: "ingress" | "egress"): SgRule[] => {
      if (isOpaque(declared[key])) ctx.gap("aws.ec2.security-group", record, key, opaqueWhy(declared[key]));
      return objects(declared, key).map((rule) => {
        const protocol = normalizeProtocol(str(rule, "protocol"));
        const refs = (Array.isArray(rule.securityGroups) ? rule.securityGroups : [])
          .map((value) => sgRef(record, key, value))
          .filter((v): v is string => v !== undefined);
        if (bool(rule, "self")) refs.push(groupId);
        return {
          protocol,
          ...portsOf(protocol, num(rule, "fromPort"), num(rule, "toPort")),
          ipv4Ranges: strings(rule, "cidrBlocks"),
          ipv6Ranges: strings(rule, "ipv6CidrBlocks"),
          prefixListIds: prefixLists(record, key, rule.prefixListIds),
          securityGroupIds: refs,
          description: str(rule, "description"),
        };
      });
    };
    groups.set(record, {
      type: "aws.ec2.security-group",
      id: groupId,
      ...declaredBy(ctx, record, str(props, "name") ?? record.name),
      attributes: {
        groupId,
        groupName: str(props, "name") ?? record.name,
        vpcId: vpcOf(record),
        description: str(props, "description"),
        ingress: inline("ingress"),
        egress: inline("egress"),
      },
    });
  }
  function prefixLists(owner: PulumiRecord, key: string, value: unknown): string[] {
    if (!Array.isArray(value)) return typeof value === "string" ? [prefixListValue(owner, key, value)] : [];
    return value.map((v) => prefixListValue(owner, key, v)).filter((v) => v !== "");
  }
  function prefixListValue(owner: PulumiRecord, key: string, value: unknown): string {
    if (typeof value === "string") return value;
    const endpoint = ctx.ref(owner, key, NET.vpcEndpoint, value)?.record;
    return endpoint ? prefixListOf(endpoint) : "";
  }
  const groupFor = (record: PulumiRecord) => {
    const ref = ctx.ref(record, "securityGroupId", NET.securityGroup);
    if (ref?.record) return groups.get(ref.record);
    if (ref?.value) return [...groups.values()].find((g) => g.attributes.groupId === ref.value);
    return undefined;
  };
  for (const record of ctx.of(...NET.securityGroupRule)) {
    const props = ctx.p(record);
    const group = groupFor(record);
    if (!group) {
      ctx.gap("aws.ec2.security-group", record, "securityGroupId", "unresolved");
      continue;
    }
    const protocol = normalizeProtocol(str(props, "protocol"));
    const source = sgRef(record, "sourceSecurityGroupId");
    const rule: SgRule = {
      protocol,
      ...portsOf(protocol, num(props, "fromPort"), num(props, "toPort")),
      ipv4Ranges: strings(props, "cidrBlocks"),
      ipv6Ranges: strings(props, "ipv6CidrBlocks"),
      prefixListIds: prefixLists(record, "prefixListIds", props.prefixListIds),
      securityGroupIds: [
        ...(source ? [source] : []),
        ...(bool(props, "self") ? [group.attributes.groupId] : []),
      ],
      description: str(props, "description"),
    };
    (str(props, "type") === "egress" ? group.attributes.egress : group.attributes.ingress).push(rule);
  }
  for (const [types, direction] of [
    [NET.ingressRule, "ingress"],
    [NET.egressRule, "egress"],
  ] as const) {
    for (const record of ctx.of(...types)) {
      const props = ctx.p(record);
      const group = groupFor(record);
      if (!group) {
        ctx.gap("aws.ec2.security-group", record, "securityGroupId", "unresolved");
        continue;
      }
      const protocol = normalizeProtocol(str(props, "ipProtocol"));
      const referenced = sgRef(record, "referencedSecurityGroupId");
      const prefixList =
        props.prefixListId !== undefined ? prefixListValue(record, "prefixListId", props.prefixListId) : "";
      group.attributes[direction].push({
        protocol,
        ...portsOf(protocol, num(props, "fromPort"), num(props, "toPort")),
        ipv4Ranges: strings({ v: [props.cidrIpv4] }, "v"),
        ipv6Ranges: strings({ v: [props.cidrIpv6] }, "v"),
        prefixListIds: prefixList ? [prefixList] : [],
        securityGroupIds: referenced ? [referenced] : [],
        description: str(props, "description"),
      });
    }
  }
  for (const group of groups.values()) ctx.add(group);

  // Network interfaces declared in code (instances' own interfaces exist only live).
  for (const record of ctx.of(...NET.networkInterface)) {
    const props = ctx.p(record);
    const subnetId = subnetRef(record);
    if (subnetId === undefined) {
      ctx.gap("aws.ec2.network-interface", record, "subnetId", "unresolved");
      continue;
    }
    const { refs } = ctx.refs(record, "securityGroups", NET.securityGroup);
    const networkInterfaceId = ctx.nid(record);
    ctx.add(
      {
        type: "aws.ec2.network-interface",
        id: networkInterfaceId,
        ...declaredBy(ctx, record),
        attributes: {
          networkInterfaceId,
          subnetId,
          vpcId: subnetVpc.get(subnetId) ?? "(unknown)",
          securityGroupIds: refs.map(nidOrValue).filter((v): v is string => v !== undefined),
          privateIpAddress: str(props, "privateIp"),
          description: str(props, "description"),
        },
      },
      record,
    );
  }

  mapPlannedInterfaces(ctx, subnetRef, subnetVpc, nidOrValue);

  // Flow logs
  for (const record of ctx.of(...NET.flowLog)) {
    const props = ctx.p(record);
    const watchedKeys: [string, readonly string[]][] = [
      ["vpcId", NET.vpc],
      ["subnetId", NET.subnet],
      ["eniId", NET.networkInterface],
      ["transitGatewayId", NET.transitGateway],
      ["transitGatewayAttachmentId", []],
    ];
    const watched = watchedKeys.find(
      ([key]) => props[key] !== undefined && props[key] !== null && props[key] !== "",
    );
    const resourceId = watched ? nidOrValue(ctx.ref(record, watched[0], watched[1])) : undefined;
    if (resourceId === undefined) {
      ctx.gap("aws.ec2.flow-log", record, watched?.[0] ?? "vpcId", "unresolved");
      continue;
    }
    const destinationType = (str(props, "logDestinationType") ??
      "cloud-watch-logs") as ResourceOf<"aws.ec2.flow-log">["attributes"]["destinationType"];
    const group = ctx.ref(record, "logDestination", [LOGGING.logGroup]);
    const destinationArn = group?.record
      ? (str(ctx.p(group.record), "arn") ??
        ctx.arn(
          "logs",
          ctx.regionOf(group.record),
          `log-group:${str(ctx.p(group.record), "name") ?? group.record.name}`,
        ))
      : str(props, "logDestination");
    const logGroupName =
      destinationType === "cloud-watch-logs"
        ? group?.record
          ? (str(ctx.p(group.record), "name") ?? group.record.name)
          : (str(props, "logGroupName") ??
            (destinationArn ? /:log-group:([^:]+)/.exec(destinationArn)?.[1] : undefined))
        : undefined;
    const traffic = props.trafficType;
    if (isOpaque(traffic)) ctx.gap("aws.ec2.flow-log", record, "trafficType", opaqueWhy(traffic));
    const flowLogId = ctx.nid(record);
    ctx.add(
      {
        type: "aws.ec2.flow-log",
        id: flowLogId,
        ...declaredBy(ctx, record),
        attributes: {
          flowLogId,
          resourceId,
          trafficType: (str(props, "trafficType") ?? "ALL") as "ACCEPT" | "REJECT" | "ALL",
          destinationType,
          logGroupName,
          destinationArn: destinationArn?.replace(/:\*$/, ""),
        },
      },
      record,
    );
  }

  // Gateways
  const igwAttachments = new Map<PulumiRecord, string[]>();
  for (const record of ctx.of(...NET.internetGatewayAttachment)) {
    const igw = ctx.ref(record, "internetGatewayId", NET.internetGateway)?.record;
    const vpcId = vpcOf(record);
    if (!igw || vpcId === undefined) {
      ctx.gap("aws.ec2.internet-gateway", record, igw ? "vpcId" : "internetGatewayId", "unresolved");
      continue;
    }
    addTo(igwAttachments, igw, vpcId);
  }
  for (const record of ctx.of(...NET.internetGateway)) {
    const vpcId = vpcOf(record);
    const internetGatewayId = ctx.nid(record);
    ctx.add(
      {
        type: "aws.ec2.internet-gateway",
        id: internetGatewayId,
        ...declaredBy(ctx, record),
        attributes: {
          internetGatewayId,
          attachedVpcIds: [...new Set([...(vpcId ? [vpcId] : []), ...(igwAttachments.get(record) ?? [])])],
        },
      },
      record,
    );
  }
  for (const record of ctx.of(...NET.egressOnlyInternetGateway)) {
    const vpcId = vpcOf(record);
    const egressOnlyInternetGatewayId = ctx.nid(record);
    ctx.add(
      {
        type: "aws.ec2.egress-only-internet-gateway",
        id: egressOnlyInternetGatewayId,
        ...declaredBy(ctx, record),
        attributes: { egressOnlyInternetGatewayId, attachedVpcIds: vpcId ? [vpcId] : [] },
      },
      record,
    );
  }
  for (const record of ctx.of(...NET.natGateway)) {
    const props = ctx.p(record);
    const subnetId = subnetRef(record);
    const vpcId = (subnetId && subnetVpc.get(subnetId)) ?? str(props, "vpcId") ?? vpcOf(record);
    if (subnetId === undefined || vpcId === undefined) {
      ctx.gap("aws.ec2.nat-gateway", record, "subnetId", "unresolved");
      continue;
    }
    const natGatewayId = ctx.nid(record);
    ctx.add(
      {
        type: "aws.ec2.nat-gateway",
        id: natGatewayId,
        ...declaredBy(ctx, record),
        attributes: {
          natGatewayId,
          vpcId,
          subnetId,
          connectivityType: (str(props, "connectivityType") ?? "public") as "public" | "private",
        },
      },
      record,
    );
  }

  mapFirewalls(ctx, subnetRef, vpcOf);
}

/**
 * The fields every resource the code declares carries, in the model's order: its name (the Name tag,
 * else the logical name, unless the caller knows better), account, region, tags and URN.
 */
function declaredBy(
  ctx: NormalizeContext,
  record: PulumiRecord,
  name = ctx.tags(record)?.Name ?? record.name,
) {
  return {
    name,
    scope: ctx.accountId,
    region: ctx.regionOf(record),
    tags: ctx.tags(record),
    urn: record.urn,
  };
}

function defaultTableVpc(ctx: NormalizeContext, record: PulumiRecord): string | undefined {
  const tableId = str(ctx.p(record), "defaultRouteTableId");
  if (!tableId) return undefined;
  const vpc = ctx
    .of(...NET.vpc)
    .find(
      (v) =>
        str(ctx.p(v), "defaultRouteTableId") === tableId || str(ctx.p(v), "mainRouteTableId") === tableId,
    );
  return vpc ? ctx.nid(vpc) : undefined;
}

function mapFirewalls(
  ctx: NormalizeContext,
  subnetRef: (record: PulumiRecord, key?: string, value?: unknown) => string | undefined,
  vpcOf: (record: PulumiRecord) => string | undefined,
): void {
  const loggingOf = new Map<
    PulumiRecord,
    ResourceOf<"aws.network-firewall.firewall">["attributes"]["logging"]
  >();
  for (const record of ctx.of(...NET.firewallLogging)) {
    const firewall = ctx.ref(record, "firewallArn", NET.firewall)?.record;
    if (!firewall) {
      ctx.gap("aws.network-firewall.firewall", record, "firewallArn", "unresolved");
      continue;
    }
    loggingOf.set(
      firewall,
      objects(obj(ctx.p(record), "loggingConfiguration"), "logDestinationConfigs").map((config) => {
        const destination = obj(config, "logDestination");
        return {
          logType: (str(config, "logType") ?? "FLOW") as "ALERT" | "FLOW" | "TLS",
          destinationType: (str(config, "logDestinationType") ?? "CloudWatchLogs") as
            | "CloudWatchLogs"
            | "S3"
            | "KinesisDataFirehose",
          logGroup: str(destination, "logGroup"),
          bucketName: str(destination, "bucketName"),
          deliveryStream: str(destination, "deliveryStream"),
        };
      }),
    );
  }
  for (const record of ctx.of(...NET.firewall)) {
    const props = ctx.p(record);
    const name = str(props, "name") ?? record.name;
    const region = ctx.regionOf(record);
    const arn = str(props, "arn") ?? ctx.arn("network-firewall", region, `firewall/${name}`);
    const vpcId = vpcOf(record);
    if (vpcId === undefined) {
      ctx.gap("aws.network-firewall.firewall", record, "vpcId", "unresolved");
      continue;
    }
    const policyRef = ctx.ref(record, "firewallPolicyArn", NET.firewallPolicy);
    const policyProps = policyRef?.record ? obj(ctx.p(policyRef.record), "firewallPolicy") : undefined;
    const policyArn = policyRef?.record
      ? (str(ctx.p(policyRef.record), "arn") ??
        ctx.arn(
          "network-firewall",
          region,
          `firewall-policy/${str(ctx.p(policyRef.record), "name") ?? policyRef.record.name}`,
        ))
      : (policyRef?.value ?? "(unknown)");
    const endpointIds = objects(props, "firewallStatuses")
      .flatMap((status) => objects(status, "syncStates"))
      .flatMap((state) => objects(state, "attachments"))
      .map((attachment) => str(attachment, "endpointId"))
      .filter((v): v is string => v !== undefined);
    ctx.add(
      {
        type: "aws.network-firewall.firewall",
        id: arn,
        ...declaredBy(ctx, record, name),
        attributes: {
          arn,
          name,
          vpcId,
          subnetIds: objects(props, "subnetMappings")
            .map((mapping) => subnetRef(record, "subnetMappings", mapping.subnetId))
            .filter((v): v is string => v !== undefined),
          endpointIds,
          policyArn,
          policy: policyProps
            ? {
                statelessDefaultActions: strings(policyProps, "statelessDefaultActions"),
                statefulRuleGroupArns: objects(policyProps, "statefulRuleGroupReferences")
                  .map((ref) => str(ref, "resourceArn"))
                  .filter((v): v is string => v !== undefined),
                statefulDefaultActions: strings(policyProps, "statefulDefaultActions"),
              }
            : undefined,
          logging: loggingOf.get(record) ?? [],
        },
      },
      record,
    );
  }
}

/**
 * The interfaces code plans without declaring them: an instance's primary interface, one per subnet an
 * auto scaling group launches into (with its launch template's security groups), one per subnet of an
 * interface endpoint. Rules that find the proxy or the workloads by interface need them before deployment.
 */
function mapPlannedInterfaces(
  ctx: NormalizeContext,
  subnetRef: (record: PulumiRecord, key?: string, value?: unknown) => string | undefined,
  subnetVpc: Map<string, string>,
  nidOrValue: (ref: { record?: PulumiRecord; value?: string } | undefined) => string | undefined,
): void {
  const groupIds = (owner: PulumiRecord, key: string, values: unknown): string[] =>
    (Array.isArray(values) ? values : [])
      .map((value) => nidOrValue(ctx.ref(owner, key, NET.securityGroup, value)))
      .filter((v): v is string => v !== undefined);
  const planned = (
    owner: PulumiRecord,
    suffix: string,
    subnetId: string,
    securityGroupIds: string[],
    extra: { instanceId?: string; interfaceType?: string; description: string },
  ) => {
    const networkInterfaceId = `${ctx.nid(owner)}/${suffix}`;
    ctx.add(
      {
        type: "aws.ec2.network-interface",
        id: networkInterfaceId,
        name: `${owner.name} ${suffix}`,
        scope: ctx.accountId,
        region: ctx.regionOf(owner),
        urn: owner.urn,
        attributes: {
          networkInterfaceId,
          subnetId,
          vpcId: subnetVpc.get(subnetId) ?? "(unknown)",
          securityGroupIds,
          instanceId: extra.instanceId,
          interfaceType: extra.interfaceType ?? "interface",
          description: extra.description,
        },
      },
      owner,
    );
  };

  for (const record of ctx.of(...NET.instance)) {
    const props = ctx.p(record);
    const subnetId = subnetRef(record);
    if (subnetId === undefined) continue; // EC2-Classic or default-VPC placement: nothing to plan
    planned(record, "eni-0", subnetId, groupIds(record, "vpcSecurityGroupIds", props.vpcSecurityGroupIds), {
      instanceId: ctx.nid(record),
      description: `primary interface of instance ${record.name} (planned in code)`,
    });
  }

  for (const record of ctx.of(...NET.autoScalingGroup)) {
    const props = ctx.p(record);
    const spec =
      obj(props, "launchTemplate") ??
      obj(obj(obj(props, "mixedInstancesPolicy"), "launchTemplate"), "launchTemplateSpecification");
    const template =
      ctx.ref(record, "launchTemplate", NET.launchTemplate, spec?.id ?? spec?.name)?.record ??
      ctx.ref(
        record,
        "mixedInstancesPolicy",
        NET.launchTemplate,
        spec?.launchTemplateId ?? spec?.launchTemplateName,
      )?.record;
    if (!template) {
      ctx.gap("aws.ec2.network-interface", record, "launchTemplate", "unresolved");
      continue;
    }
    const templateProps = ctx.p(template);
    const primary = objects(templateProps, "networkInterfaces").find(
      (n) => (num(n, "deviceIndex") ?? 0) === 0,
    );
    const securityGroupIds = primary
      ? groupIds(template, "networkInterfaces", primary.securityGroups)
      : groupIds(template, "vpcSecurityGroupIds", templateProps.vpcSecurityGroupIds);
    const { refs, unresolved } = ctx.refs(record, "vpcZoneIdentifiers", NET.subnet);
    if (unresolved) ctx.gap("aws.ec2.network-interface", record, "vpcZoneIdentifiers", "unresolved");
    for (const subnetId of refs.map(nidOrValue).filter((v): v is string => v !== undefined)) {
      planned(record, `eni@${subnetId}`, subnetId, securityGroupIds, {
        description: `interface of the instances auto scaling group ${record.name} launches (planned in code)`,
      });
    }
  }

  for (const record of ctx.of(...NET.vpcEndpoint)) {
    const props = ctx.p(record);
    if ((str(props, "vpcEndpointType") ?? "Gateway") !== "Interface") continue;
    const { refs } = ctx.refs(record, "subnetIds", NET.subnet);
    const securityGroupIds = groupIds(record, "securityGroupIds", props.securityGroupIds);
    for (const subnetId of refs.map(nidOrValue).filter((v): v is string => v !== undefined)) {
      planned(record, `eni@${subnetId}`, subnetId, securityGroupIds, {
        interfaceType: "vpc_endpoint",
        description: `interface of VPC endpoint ${record.name} (planned in code)`,
      });
    }
  }
}
