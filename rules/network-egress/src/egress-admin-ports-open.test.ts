import rule from "./egress-admin-ports-open";
import { aclEntry, draftOf, gap, NACL_CONFIDENTIAL, SG_ADMIN, SG_DB, SG_PROXY } from "./fixtures";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const ingress = (d: Draft, sg: string) => draftOf(d, "aws.ec2.security-group", sg).attributes.ingress;
const acl = (d: Draft) => draftOf(d, "aws.ec2.network-acl", NACL_CONFIDENTIAL).attributes;
const open = (
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
  source = "0.0.0.0/0",
) => ({
  protocol,
  ...(fromPort === undefined ? {} : { fromPort, toPort }),
  ipv4Ranges: source.includes(":") ? [] : [source],
  ipv6Ranges: source.includes(":") ? [source] : [],
  prefixListIds: [],
  securityGroupIds: [],
});

tester.run(rule, {
  valid: [
    { name: "SSH from one address, HTTPS from anywhere" },
    {
      name: "UDP 22 from anywhere is not SSH",
      change: (d) => {
        ingress(d, SG_DB).push(open("udp", 22, 22));
      },
    },
    {
      name: "SSH open in the group, but the subnet's ACL denies it from the internet before its broad allow",
      change: (d) => {
        ingress(d, SG_DB).push(open("tcp", 22, 22));
      },
    },
    {
      name: "RDP from ::/0 in the group; the ACL has no IPv6 allow, so its final deny decides",
      change: (d) => {
        ingress(d, SG_DB).push(open("tcp", 3389, 3389, "::/0"));
      },
    },
    {
      name: "all traffic from anywhere in the group; the ACL admits SSH only from the office",
      change: (d) => {
        ingress(d, SG_DB).push(open("-1", undefined, undefined));
        acl(d).entries!.push(aclEntry(40, false, "6", "allow", "198.51.100.0/24", 3389));
      },
    },
  ],
  invalid: [
    {
      name: "SSH open to the world on a group attached to nothing",
      change: (d) => {
        ingress(d, SG_ADMIN).push(open("tcp", 22, 22));
      },
      errors: [{ messageId: "openToInternet", resource: SG_ADMIN }],
    },
    {
      name: "SSH open on the proxy, whose subnet has no ACL (AWS's default allows all)",
      change: (d) => {
        ingress(d, SG_PROXY).push(open("tcp", 22, 22));
      },
      errors: [{ messageId: "openToInternet", resource: SG_PROXY }],
    },
    {
      name: "RDP in a port range, IPv6, and the ACL allows all IPv6 in",
      change: (d) => {
        ingress(d, SG_DB).push(open("tcp", 3000, 4000, "::/0"));
        acl(d).entries!.push(aclEntry(101, false, "-1", "allow", "::/0"));
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_DB }],
    },
    {
      name: "all traffic from anywhere, and the ACL's SSH deny removed: its broad allow decides",
      change: (d) => {
        ingress(d, SG_DB).push(open("-1", undefined, undefined));
        acl(d).entries = acl(d).entries!.filter((e) => e.ruleNumber !== 60);
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_DB }],
    },
    {
      name: "the ACL denies one range before its broad allow: the rest of the internet still gets in",
      change: (d) => {
        ingress(d, SG_DB).push(open("tcp", 22, 22));
        const entries = acl(d).entries!.filter((e) => e.ruleNumber !== 60);
        entries.push(aclEntry(60, false, "6", "deny", "198.51.100.0/24", 22));
        acl(d).entries = entries;
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_DB }],
    },
    {
      name: "a configured extra admin port the ACL does not deny",
      options: { adminPorts: [22, 3389, 5986] },
      change: (d) => {
        ingress(d, SG_DB).push(open("6", 5986, 5986));
      },
      errors: [{ messageId: "openThroughAcl", resource: SG_DB }],
    },
  ],
  unknown: [
    {
      name: "SSH open in the group, and the network ACLs could not be read",
      change: (d) => {
        ingress(d, SG_DB).push(open("tcp", 22, 22));
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.network-acl");
        d.sources[0]!.gaps.push(gap("aws.ec2.network-acl", "DescribeNetworkAcls"));
      },
      resources: [SG_DB],
    },
    {
      name: "SSH open in the group, and one of the ACL's entries could not be read",
      change: (d) => {
        ingress(d, SG_DB).push(open("tcp", 22, 22));
        delete acl(d).entries;
      },
      resources: [SG_DB],
    },
    {
      name: "SSH open in the group, and the interfaces could not be read",
      change: (d) => {
        ingress(d, SG_ADMIN).push(open("tcp", 22, 22));
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.network-interface");
        d.sources[0]!.gaps.push(gap("aws.ec2.network-interface", "DescribeNetworkInterfaces"));
      },
      resources: [SG_ADMIN],
    },
  ],
});
