// A path through a subnet is open only when both its security groups and its network ACL leave it
// open. This joins a security group's interfaces to their subnets' ACLs and says, per subnet, whether
// the ACL lets a slice of traffic through, which entry decides, or why that cannot be told.
import { type ResourceOf, type RuleContext, scopedKey } from "@itaku/core";
import {
  actionOf,
  type Decider,
  decidersFor,
  describeEntry,
  ruleNumberOf,
  type TrafficSlice,
} from "./network-acl-paths";

type Interface = ResourceOf<"aws.ec2.network-interface">;
type NetworkAcl = ResourceOf<"aws.ec2.network-acl">;

export interface SubnetAclVerdict {
  subnet: string;
  /** open: the ACL lets part of the slice through; closed: it stops all of it. */
  state: "open" | "closed" | "unreadable";
  /** Absent: no ACL was collected for the subnet (code that declares none gets AWS's default, which allows all). */
  acl?: string;
  /** The entries that decide, as "rule 100 allow all traffic from 0.0.0.0/0". */
  decidedBy: string[];
  /** The first entry that lets the traffic through, as a finding's message names it ("rule 100"). */
  opensAt?: string;
}

/** Indexes ACLs by subnet once per rule run. */
export function subnetAclIndex(
  ctx: RuleContext<string>,
): (eni: Interface) => NetworkAcl | "unreadable" | undefined {
  const bySubnet = new Map<string, NetworkAcl>();
  for (const acl of ctx.resources("aws.ec2.network-acl")) {
    for (const subnet of acl.attributes.subnetIds) bySubnet.set(scopedKey(acl.scope, subnet), acl);
  }
  return (eni) => {
    const acl = bySubnet.get(scopedKey(eni.scope, eni.attributes.subnetId));
    if (acl) return acl;
    return ctx.gaps(eni, "aws.ec2.network-acl").length > 0 ? "unreadable" : undefined;
  };
}

/**
 * For each subnet the interfaces sit in, whether its ACL lets the slice through. `opens` says which
 * deciding allow entries count as opening the path (the admin-port rule counts only entries for the
 * whole internet, as it does for security groups).
 */
export function judgeSubnetAcls(
  interfaces: readonly Interface[],
  aclOf: ReturnType<typeof subnetAclIndex>,
  slice: TrafficSlice,
  opens: (decider: Decider) => boolean = (d) => actionOf(d) === "allow",
): SubnetAclVerdict[] {
  const verdicts = new Map<string, SubnetAclVerdict>();
  for (const eni of interfaces) {
    const subnet = eni.attributes.subnetId;
    if (verdicts.has(subnet)) continue;
    const acl = aclOf(eni);
    if (acl === undefined) {
      verdicts.set(subnet, {
        subnet,
        state: "open",
        decidedBy: ["no network ACL: AWS's default allows all"],
      });
    } else if (acl === "unreadable" || acl.attributes.entries === undefined) {
      verdicts.set(subnet, {
        subnet,
        state: "unreadable",
        ...(acl === "unreadable" ? {} : { acl: acl.id }),
        decidedBy: [],
      });
    } else {
      const deciders = decidersFor(acl.attributes.entries, slice);
      const opening = deciders.filter((d) => actionOf(d) === "allow" && opens(d));
      verdicts.set(subnet, {
        subnet,
        state: opening.length > 0 ? "open" : "closed",
        acl: acl.id,
        decidedBy: (opening.length > 0 ? opening : deciders).map(describeEntry),
        ...(opening[0] ? { opensAt: `rule ${ruleNumberOf(opening[0])}` } : {}),
      });
    }
  }
  return [...verdicts.values()];
}

/** The interfaces each security group is attached to, by scoped group key. */
export function interfacesByGroup(ctx: RuleContext<string>): Map<string, Interface[]> {
  const byGroup = new Map<string, Interface[]>();
  for (const eni of ctx.resources("aws.ec2.network-interface")) {
    for (const sg of eni.attributes.securityGroupIds) {
      const key = scopedKey(eni.scope, sg);
      const list = byGroup.get(key) ?? [];
      list.push(eni);
      byGroup.set(key, list);
    }
  }
  return byGroup;
}
