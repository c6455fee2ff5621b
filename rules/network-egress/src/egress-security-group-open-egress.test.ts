import rule from "./egress-security-group-open-egress";
import { draftOf, ENI_APP, ENI_DB, gap, SG_ADMIN, SG_APP, SG_DB } from "./fixtures";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const egress = (d: Draft, sg: string) => draftOf(d, "aws.ec2.security-group", sg).attributes.egress;
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
      name: "an open group on an interface endpoint is AWS plumbing",
      change: (d) => {
        const eni = draftOf(d, "aws.ec2.network-interface", ENI_DB);
        eni.attributes.securityGroupIds = [SG_ADMIN];
        eni.attributes.interfaceType = "vpc_endpoint";
      },
    },
  ],
  invalid: [
    {
      name: "the default all-traffic egress on a confidential workload",
      change: (d) => {
        egress(d, SG_APP).push(anyRule({ ipv4Ranges: ["0.0.0.0/0"] }));
      },
      errors: [{ messageId: "openEgress", resource: SG_APP }],
    },
    {
      name: "the wide-open admin group attached to the app",
      change: (d) => {
        draftOf(d, "aws.ec2.network-interface", ENI_APP).attributes.securityGroupIds.push(SG_ADMIN);
      },
      errors: [{ messageId: "openEgress", resource: SG_ADMIN }],
    },
    {
      name: "IPv6 anywhere",
      change: (d) => {
        egress(d, SG_DB).push(anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, ipv6Ranges: ["::/0"] }));
      },
      errors: [{ messageId: "openEgress", resource: SG_DB }],
    },
    {
      name: "an unlisted prefix list",
      change: (d) => {
        egress(d, SG_DB).push(
          anyRule({ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-0customer0001"] }),
        );
      },
      errors: [{ messageId: "openEgress", resource: SG_DB }],
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
  ],
});
