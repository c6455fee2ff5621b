// Network ACLs as code declares them: NetworkAcl and DefaultNetworkAcl with their inline ingress and
// egress entries, joined with separate NetworkAclRule and NetworkAclAssociation resources. A declared
// DefaultNetworkAcl also covers every subnet of its VPC that no other ACL claims, as AWS does. A subnet
// of code that declares no ACL gets AWS's default, which allows all: nothing is mapped for it.
import type { ResourceOf } from "@itaku/core";
import { type NormalizeContext, opaqueWhy } from "./context";
import { NET } from "./map-network";
import type { PulumiRecord } from "./records";
import { bool, containsOpaque, num, objects, type Props, str } from "./values";

type Entry = NonNullable<ResourceOf<"aws.ec2.network-acl">["attributes"]["entries"]>[number];

export const NETWORK_ACL = {
  acl: "aws:ec2/networkAcl:NetworkAcl",
  defaultAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  rule: "aws:ec2/networkAclRule:NetworkAclRule",
  association: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
} as const;
const ACL_TYPES = [NETWORK_ACL.acl, NETWORK_ACL.defaultAcl];

/** The provider takes names or numbers; the model keeps AWS's numbers ("-1" for all). */
const PROTOCOL_NUMBERS: Record<string, string> = { all: "-1", tcp: "6", udp: "17", icmp: "1", icmpv6: "58" };

interface DeclaredAcl {
  record: PulumiRecord;
  vpcId?: string;
  subnetIds: Set<string>;
  /** undefined once an entry could not be read (unknown before deployment, or malformed). */
  entries: Entry[] | undefined;
}

export function mapNetworkAcls(ctx: NormalizeContext): void {
  const idOf = (ref: { record?: PulumiRecord; value?: string } | undefined) =>
    ref?.record ? ctx.nid(ref.record) : ref?.value;
  const acls = new Map<PulumiRecord, DeclaredAcl>();

  for (const record of ctx.of(...ACL_TYPES)) {
    const props = ctx.p(record);
    const isDefault = record.type === NETWORK_ACL.defaultAcl;
    const vpcId = isDefault
      ? (vpcOfDefaultAcl(ctx, props) ?? vpcByDependency(ctx, record))
      : idOf(ctx.ref(record, "vpcId", NET.vpc));
    const acl: DeclaredAcl = { record, ...(vpcId ? { vpcId } : {}), subnetIds: new Set(), entries: [] };
    for (const [key, egress] of [
      ["ingress", false],
      ["egress", true],
    ] as const) {
      if (containsOpaque(props[key])) {
        ctx.gap("aws.ec2.network-acl", record, key, opaqueWhy(props[key]));
        acl.entries = undefined;
        continue;
      }
      for (const inline of objects(props, key)) addEntry(ctx, acl, record, key, inlineEntry(inline, egress));
    }
    const subnets = ctx.refs(record, "subnetIds", NET.subnet);
    if (subnets.unresolved) ctx.gap("aws.ec2.network-acl", record, "subnetIds", "unresolved");
    for (const ref of subnets.refs) {
      const id = idOf(ref);
      if (id) acl.subnetIds.add(id);
    }
    acls.set(record, acl);
  }

  const aclOf = (record: PulumiRecord) => {
    const target = ctx.ref(record, "networkAclId", ACL_TYPES)?.record;
    return target ? acls.get(target) : undefined;
  };
  for (const record of ctx.of(NETWORK_ACL.rule)) {
    const acl = aclOf(record);
    if (!acl) {
      ctx.gap("aws.ec2.network-acl", record, "networkAclId", "unresolved");
      continue;
    }
    const props = ctx.p(record);
    if (containsOpaque(props)) {
      ctx.gap("aws.ec2.network-acl", record, "entry", "unknown");
      acl.entries = undefined;
      continue;
    }
    addEntry(ctx, acl, record, "entry", ruleEntry(props));
  }
  for (const record of ctx.of(NETWORK_ACL.association)) {
    const acl = aclOf(record);
    const subnet = idOf(ctx.ref(record, "subnetId", NET.subnet));
    if (!acl || !subnet) {
      ctx.gap("aws.ec2.network-acl", record, acl ? "subnetId" : "networkAclId", "unresolved");
      continue;
    }
    // An association moves the subnet off whichever ACL had it.
    for (const other of acls.values()) other.subnetIds.delete(subnet);
    acl.subnetIds.add(subnet);
  }

  // The default ACL covers the subnets of its VPC that no other ACL claims.
  const claimed = new Set([...acls.values()].flatMap((acl) => [...acl.subnetIds]));
  for (const acl of acls.values()) {
    if (acl.record.type !== NETWORK_ACL.defaultAcl || !acl.vpcId) continue;
    for (const subnet of ctx.resources.filter((r) => r.type === "aws.ec2.subnet")) {
      if (
        subnet.type === "aws.ec2.subnet" &&
        subnet.attributes.vpcId === acl.vpcId &&
        !claimed.has(subnet.id)
      )
        acl.subnetIds.add(subnet.id);
    }
  }

  for (const acl of acls.values()) {
    if (!acl.vpcId) {
      ctx.gap("aws.ec2.network-acl", acl.record, "vpcId", "unresolved");
      continue;
    }
    const id = ctx.nid(acl.record);
    ctx.add(
      {
        type: "aws.ec2.network-acl",
        id,
        name: ctx.tags(acl.record)?.Name ?? acl.record.name,
        scope: ctx.accountId,
        region: ctx.regionOf(acl.record),
        tags: ctx.tags(acl.record),
        urn: acl.record.urn,
        attributes: {
          networkAclId: id,
          vpcId: acl.vpcId,
          isDefault: acl.record.type === NETWORK_ACL.defaultAcl,
          subnetIds: [...acl.subnetIds].sort(),
          ...(acl.entries ? { entries: acl.entries.sort(byDirectionAndNumber) } : {}),
        },
      },
      acl.record,
    );
  }
}

function addEntry(
  ctx: NormalizeContext,
  acl: DeclaredAcl,
  record: PulumiRecord,
  property: string,
  entry: Entry | undefined,
): void {
  if (!entry) {
    // An entry we cannot read could be the allow that decides: none of the ACL's entries is trusted.
    ctx.gap("aws.ec2.network-acl", record, property, "unknown");
    acl.entries = undefined;
  } else acl.entries?.push(entry);
}

/** An inline `ingress`/`egress` element: ruleNo, action, protocol, fromPort, toPort, cidrBlock / ipv6CidrBlock. */
const inlineEntry = (props: Props, egress: boolean): Entry | undefined =>
  entry(num(props, "ruleNo"), egress, str(props, "protocol"), str(props, "action"), props);

/** A NetworkAclRule: ruleNumber, egress (default false), ruleAction, protocol, ports, CIDR. */
const ruleEntry = (props: Props): Entry | undefined =>
  entry(
    num(props, "ruleNumber"),
    bool(props, "egress") ?? false,
    str(props, "protocol"),
    str(props, "ruleAction"),
    props,
  );

function entry(
  ruleNumber: number | undefined,
  egress: boolean,
  protocol: string | undefined,
  action: string | undefined,
  props: Props,
): Entry | undefined {
  const cidrBlock = str(props, "cidrBlock");
  const ipv6CidrBlock = str(props, "ipv6CidrBlock");
  if (ruleNumber === undefined || protocol === undefined || (!cidrBlock && !ipv6CidrBlock)) return undefined;
  if (action !== "allow" && action !== "deny") return undefined;
  const fromPort = num(props, "fromPort");
  const toPort = num(props, "toPort");
  return {
    ruleNumber,
    egress,
    protocol: PROTOCOL_NUMBERS[protocol.toLowerCase()] ?? protocol,
    action,
    ...(cidrBlock ? { cidrBlock } : {}),
    ...(ipv6CidrBlock ? { ipv6CidrBlock } : {}),
    ...(fromPort !== undefined && toPort !== undefined ? { fromPort, toPort } : {}),
  };
}

const byDirectionAndNumber = (a: Entry, b: Entry) =>
  Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber;

/** The VPC whose default ACL a DefaultNetworkAcl manages, by the VPC's `defaultNetworkAclId`. */
function vpcOfDefaultAcl(ctx: NormalizeContext, props: Props): string | undefined {
  const aclId = str(props, "defaultNetworkAclId");
  const vpc = aclId
    ? ctx.of(...NET.vpc).find((v) => str(ctx.p(v), "defaultNetworkAclId") === aclId)
    : undefined;
  return vpc ? ctx.nid(vpc) : undefined;
}

/** Before deployment the VPC's default ACL id is not known: the VPC the value comes from is. */
function vpcByDependency(ctx: NormalizeContext, record: PulumiRecord): string | undefined {
  const vpc = ctx.ref(record, "defaultNetworkAclId", NET.vpc)?.record;
  return vpc ? ctx.nid(vpc) : undefined;
}
