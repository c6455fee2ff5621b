// The confidential environment as itaku.yaml names it (`aws.confidential`): which VPCs and subnets
// it is, which interfaces are the proxy, and each subnet's effective route table. Shared by the
// logging and network-egress rules so both read the boundary the same way.
import type { Resource, ResourceOf, ResourceType } from "./model/resource";
import type { RuleContext } from "./rule";

export const tagsMatch = (
  tags: Record<string, string> | undefined,
  wanted: Record<string, string>,
): boolean =>
  Object.entries(wanted).every(
    ([key, value]) => tags?.[key] !== undefined && (value === "*" || tags[key] === value),
  );

const configured = (wanted: Record<string, string>): boolean => Object.keys(wanted).length > 0;

/** A key unique across accounts: `<scope>/<id>`. */
export const scopedKey = (scope: string, id: string): string => `${scope}/${id}`;

/**
 * Subnets tagged with `subnetTags`, or inside a VPC tagged with `vpcTags`. When neither is
 * configured every subnet counts: an environment that names no boundary is held to the strict reading.
 */
export function confidentialSubnetKeys(ctx: RuleContext<string>): ReadonlySet<string> {
  // Several rules ask in one evaluation: worked out once per list of subnets (the same array for
  // every rule, as groupBy relies on) and boundary setting.
  const subnets = ctx.resources("aws.ec2.subnet");
  let bySetting = subnetKeysMemo.get(subnets);
  if (!bySetting) {
    bySetting = new WeakMap();
    subnetKeysMemo.set(subnets, bySetting);
  }
  let keys = bySetting.get(ctx.settings.confidential);
  if (!keys) {
    keys = findConfidentialSubnetKeys(ctx);
    bySetting.set(ctx.settings.confidential, keys);
  }
  return keys;
}

const subnetKeysMemo = new WeakMap<readonly object[], WeakMap<object, ReadonlySet<string>>>();

function findConfidentialSubnetKeys(ctx: RuleContext<string>): ReadonlySet<string> {
  const { subnetTags, vpcTags } = ctx.settings.confidential;
  const everything = !configured(subnetTags) && !configured(vpcTags);
  const taggedVpcs = new Set(
    configured(vpcTags)
      ? ctx
          .resources("aws.ec2.vpc")
          .filter((v) => tagsMatch(v.tags, vpcTags))
          .map((v) => scopedKey(v.scope, v.id))
      : [],
  );
  const keys = new Set<string>();
  for (const subnet of ctx.resources("aws.ec2.subnet")) {
    if (
      everything ||
      (configured(subnetTags) && tagsMatch(subnet.tags, subnetTags)) ||
      taggedVpcs.has(scopedKey(subnet.scope, subnet.attributes.vpcId))
    ) {
      keys.add(scopedKey(subnet.scope, subnet.id));
    }
  }
  return keys;
}

/** VPCs tagged with `vpcTags` or holding a confidential subnet (every VPC when no boundary is named). */
export function confidentialVpcKeys(ctx: RuleContext<string>): Set<string> {
  const { subnetTags, vpcTags } = ctx.settings.confidential;
  const keys = new Set<string>();
  const everything = !configured(subnetTags) && !configured(vpcTags);
  for (const vpc of ctx.resources("aws.ec2.vpc")) {
    if (everything || (configured(vpcTags) && tagsMatch(vpc.tags, vpcTags)))
      keys.add(scopedKey(vpc.scope, vpc.id));
  }
  if (configured(subnetTags)) {
    for (const subnet of ctx.resources("aws.ec2.subnet")) {
      if (tagsMatch(subnet.tags, subnetTags)) keys.add(scopedKey(subnet.scope, subnet.attributes.vpcId));
    }
  }
  return keys;
}

/** The proxy's network interfaces: named directly, by instance, or by security group. */
export function proxyInterfaces(ctx: RuleContext<string>): ResourceOf<"aws.ec2.network-interface">[] {
  const { securityGroupIds, instanceIds, networkInterfaceIds } = ctx.settings.confidential.proxy;
  return ctx
    .resources("aws.ec2.network-interface")
    .filter(
      (eni) =>
        networkInterfaceIds.includes(eni.id) ||
        (eni.attributes.instanceId !== undefined && instanceIds.includes(eni.attributes.instanceId)) ||
        eni.attributes.securityGroupIds.some((sg) => securityGroupIds.includes(sg)),
    );
}

export const proxyDefined = (ctx: RuleContext<string>): boolean => {
  const { securityGroupIds, instanceIds, networkInterfaceIds } = ctx.settings.confidential.proxy;
  return securityGroupIds.length + instanceIds.length + networkInterfaceIds.length > 0;
};

type RouteTable = ResourceOf<"aws.ec2.route-table">;
interface RouteTableIndex {
  bySubnet: Map<string, RouteTable>;
  mainByVpc: Map<string, RouteTable>;
}
// Built once per list of route tables (the engine hands every rule the same array), so looking up
// each subnet's table stays linear in the number of subnets.
const routeTableIndexes = new WeakMap<readonly RouteTable[], RouteTableIndex>();

function routeTableIndex(tables: readonly RouteTable[]): RouteTableIndex {
  let index = routeTableIndexes.get(tables);
  if (!index) {
    index = { bySubnet: new Map(), mainByVpc: new Map() };
    for (const table of tables) {
      for (const subnetId of table.attributes.subnetIds)
        index.bySubnet.set(scopedKey(table.scope, subnetId), table);
      if (table.attributes.main) index.mainByVpc.set(scopedKey(table.scope, table.attributes.vpcId), table);
    }
    routeTableIndexes.set(tables, index);
  }
  return index;
}

/** The subnet's explicitly associated table, else its VPC's main table; undefined when neither was collected. */
export function effectiveRouteTable(
  ctx: RuleContext<string>,
  subnet: ResourceOf<"aws.ec2.subnet">,
): { table: RouteTable; association: "explicit" | "main" } | undefined {
  const index = routeTableIndex(ctx.resources("aws.ec2.route-table"));
  const explicit = index.bySubnet.get(scopedKey(subnet.scope, subnet.id));
  if (explicit && explicit.attributes.vpcId === subnet.attributes.vpcId)
    return { table: explicit, association: "explicit" };
  const main = index.mainByVpc.get(scopedKey(subnet.scope, subnet.attributes.vpcId));
  return main ? { table: main, association: "main" } : undefined;
}

/** Gaps in any of the given types for a resource's scope and region. */
export const gapsIn = (ctx: RuleContext<string>, resource: Resource, types: readonly ResourceType[]) =>
  types.flatMap((type) => ctx.gaps(resource, type));
