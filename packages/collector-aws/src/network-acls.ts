// Network ACLs of one region: their subnet associations and numbered entries. The default ACL lists
// every subnet that has no explicit association, so each subnet appears under exactly one ACL.
import { EC2Client, type NetworkAclEntry, paginateDescribeNetworkAcls } from "@aws-sdk/client-ec2";
import type { ResourceOf } from "@itaku/core";
import type { AwsCollector } from "./collector";
import { tagMap } from "./ec2";

type Entry = NonNullable<ResourceOf<"aws.ec2.network-acl">["attributes"]["entries"]>[number];

export const networkAclCollector: AwsCollector = {
  name: "network-acls",
  scope: "regional",
  resourceTypes: ["aws.ec2.network-acl"],
  async run(ctx) {
    const client = ctx.client(EC2Client, "ec2");
    const found: ResourceOf<"aws.ec2.network-acl">[] = [];
    try {
      for await (const page of paginateDescribeNetworkAcls({ client, pageSize: 1000 }, {})) {
        for (const acl of page.NetworkAcls ?? []) {
          if (!acl.NetworkAclId || !acl.VpcId) continue;
          const tags = tagMap(acl.Tags);
          const raw = acl.Entries ?? [];
          const entries = raw.flatMap((e) => {
            const entry = aclEntry(e);
            return entry ? [entry] : [];
          });
          found.push({
            type: "aws.ec2.network-acl",
            id: acl.NetworkAclId,
            name: tags?.Name ?? acl.NetworkAclId,
            scope: ctx.accountId,
            region: ctx.region,
            ...(tags ? { tags } : {}),
            attributes: {
              networkAclId: acl.NetworkAclId,
              vpcId: acl.VpcId,
              isDefault: acl.IsDefault ?? false,
              subnetIds: (acl.Associations ?? [])
                .map((a) => a.SubnetId)
                .filter((id): id is string => Boolean(id))
                .sort(),
              // An entry we cannot read could be the allow that decides: then none of them is trusted.
              ...(entries.length === raw.length ? { entries: entries.sort(byDirectionAndNumber) } : {}),
            },
          });
        }
      }
    } catch (error) {
      ctx.gap("aws.ec2.network-acl", "DescribeNetworkAcls", error);
      return;
    }
    for (const acl of found) ctx.emit(acl);
    ctx.progress(`EC2 ${ctx.region}: ${found.length} network ACL(s)`);
  },
};

const byDirectionAndNumber = (a: Entry, b: Entry) =>
  Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber;

function aclEntry(e: NetworkAclEntry): Entry | undefined {
  if (e.RuleNumber === undefined || e.Protocol === undefined) return undefined;
  if (e.RuleAction !== "allow" && e.RuleAction !== "deny") return undefined;
  if (!e.CidrBlock && !e.Ipv6CidrBlock) return undefined;
  return {
    ruleNumber: e.RuleNumber,
    egress: e.Egress ?? false,
    protocol: e.Protocol,
    action: e.RuleAction,
    ...(e.CidrBlock ? { cidrBlock: e.CidrBlock } : {}),
    ...(e.Ipv6CidrBlock ? { ipv6CidrBlock: e.Ipv6CidrBlock } : {}),
    ...(e.PortRange?.From !== undefined ? { fromPort: e.PortRange.From } : {}),
    ...(e.PortRange?.To !== undefined ? { toPort: e.PortRange.To } : {}),
  };
}
