import rule from "./egress-security-group-open-egress";
import {
  aclEntry,
  draftOf,
  ENI_APP,
  ENI_DB,
  gap,
  NACL_CONFIDENTIAL,
  SG_ADMIN,
  SG_APP,
  SG_DB,
} from "./fixtures";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const egress = (d: Draft, sg: string) => draftOf(d, "aws.ec2.security-group", sg).attributes.egress;
const acl = (d: Draft) => draftOf(d, "aws.ec2.network-acl", NACL_CONFIDENTIAL).attributes;
/** The ACL's outbound entries replaced by these (the inbound ones kept). */
const outbound = (d: Draft, ...entries: ReturnType<typeof aclEntry>[]) => {
  acl(d).entries = [...acl(d).entries!.filter((e) => !e.egress), ...entries];
};
const anyRule = (more: object) => ({
  protocol: "-1",
  ipv4Ranges: [],
  ipv6Ranges: [],
  prefixListIds: [],
  securityGroupIds: [],
  ...more,
});

tester.run(rule, {
  valid: [
    { name: "app to the proxy SG, the S3 endpoint's prefix list and the DB range; db to 10/8" },
    {
      name: "an allowed public CIDR (a partner's API)",
      change: (d, _r, s) => {
        s.confidential.allowedEgress.cidrs = ["198.51.100.0/24"];
        egress(d, SG_APP).push(
          anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: ["198.51.100.7/32"] }),
        );
      },
    },
    {
      name: "the proxy's address /32",
      change: (d) => {
        egress(d, SG_DB).push(
          anyRule({ protocol: "tcp", fromPort: 3128, toPort: 3128, ipv4Ranges: ["10.20.100.10/32"] }),
        );
      },
    },
    {
      name: "IPv6 anywhere in the group; the ACL has no IPv6 allow, so its final deny decides",
      change: (d) => {
        egress(d, SG_DB).push(anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, ipv6Ranges: ["::/0"] }));
      },
    },
    {
      name: "an open group on an interface endpoint is AWS plumbing",
      change: (d) => {
        const eni = draftOf(d, "aws.ec2.network-interface", ENI_DB);
        eni.attributes.securityGroupIds = [SG_ADMIN];
        eni.attributes.interfaceType = "vpc_endpoint";
      },
    },
    {
      name: "all traffic out to anywhere in the group, but the ACL lets out only the VPC",
      change: (d) => {
        egress(d, SG_APP).push(anyRule({ ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: ["::/0"] }));
        outbound(d, aclEntry(100, true, "-1", "allow", "10.20.0.0/16"));
      },
    },
    {
      name: "HTTPS out to anywhere in the group; the ACL lets out only ephemeral ports (replies)",
      change: (d) => {
        egress(d, SG_DB).push(
          anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: ["0.0.0.0/0"] }),
        );
        outbound(
          d,
          aclEntry(100, true, "-1", "allow", "10.0.0.0/8"),
          aclEntry(200, true, "6", "allow", "0.0.0.0/0", 1024, 65535),
        );
      },
    },
    {
      name: "an unlisted prefix list, and the ACL lets nothing out to the internet",
      change: (d) => {
        egress(d, SG_DB).push(
          anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-0customer0001"] }),
        );
        outbound(
          d,
          aclEntry(100, true, "-1", "allow", "10.0.0.0/8"),
          aclEntry(110, true, "-1", "deny", "::/0"),
        );
      },
    },
  ],
  invalid: [
    {
      name: "the default all-traffic egress on a confidential workload",
      change: (d) => {
        egress(d, SG_APP).push(anyRule({ ipv4Ranges: ["0.0.0.0/0"] }));
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_APP }],
    },
    {
      name: "the default all-traffic egress, and no ACL collected for the subnets (AWS's default allows all)",
      change: (d) => {
        egress(d, SG_APP).push(anyRule({ ipv4Ranges: ["0.0.0.0/0"] }));
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.network-acl");
      },
      errors: [{ messageId: "openEgress", resource: SG_APP }],
    },
    {
      name: "all traffic out to anywhere; the ACL lets ephemeral ports out to the internet (8443 gets out)",
      change: (d) => {
        egress(d, SG_APP).push(anyRule({ ipv4Ranges: ["0.0.0.0/0"] }));
        outbound(
          d,
          aclEntry(100, true, "-1", "allow", "10.0.0.0/8"),
          aclEntry(200, true, "6", "allow", "0.0.0.0/0", 1024, 65535),
        );
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_APP }],
    },
    {
      name: "the ACL denies the internet on IPv4 only, and the group allows IPv6 out",
      change: (d) => {
        egress(d, SG_APP).push(
          anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, ipv6Ranges: ["::/0"] }),
        );
        outbound(
          d,
          aclEntry(100, true, "-1", "allow", "10.0.0.0/8"),
          aclEntry(110, true, "-1", "deny", "0.0.0.0/0"),
          aclEntry(120, true, "-1", "allow", "::/0"),
        );
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_APP }],
    },
    {
      name: "the wide-open admin group attached to the app",
      change: (d) => {
        draftOf(d, "aws.ec2.network-interface", ENI_APP).attributes.securityGroupIds.push(SG_ADMIN);
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_ADMIN }],
    },
    {
      name: "IPv6 anywhere, and the ACL allows IPv6 out",
      change: (d) => {
        egress(d, SG_DB).push(anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, ipv6Ranges: ["::/0"] }));
        acl(d).entries!.push(aclEntry(101, true, "-1", "allow", "::/0"));
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_DB }],
    },
    {
      name: "an unlisted prefix list",
      change: (d) => {
        egress(d, SG_DB).push(
          anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-0customer0001"] }),
        );
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_DB }],
    },
  ],
  unknown: [
    {
      name: "interfaces could not be read",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.network-interface");
        d.sources[0]!.gaps.push(gap("aws.ec2.network-interface", "DescribeNetworkInterfaces"));
      },
      resources: [SG_APP, SG_DB, SG_ADMIN],
    },
    {
      name: "the default all-traffic egress, and the network ACLs could not be read",
      change: (d) => {
        egress(d, SG_APP).push(anyRule({ ipv4Ranges: ["0.0.0.0/0"] }));
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.network-acl");
        d.sources[0]!.gaps.push(gap("aws.ec2.network-acl", "DescribeNetworkAcls"));
      },
      resources: [SG_APP],
    },
  ],
});
