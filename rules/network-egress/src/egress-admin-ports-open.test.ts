import rule from "./egress-admin-ports-open";
import { draftOf, SG_ADMIN, SG_DB } from "./fixtures";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const ingress = (d: Draft, sg: string) => draftOf(d, "aws.ec2.security-group", sg).attributes.ingress;
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
  ],
  invalid: [
    {
      name: "SSH open to the world",
      change: (d) => {
        ingress(d, SG_ADMIN).push(open("tcp", 22, 22));
      },
      errors: [{ messageId: "openToInternet", resource: SG_ADMIN }],
    },
    {
      name: "RDP in a port range, IPv6",
      change: (d) => {
        ingress(d, SG_DB).push(open("tcp", 3000, 4000, "::/0"));
      },
      errors: [{ messageId: "openToInternet", resource: SG_DB }],
    },
    {
      name: "all traffic from anywhere",
      change: (d) => {
        ingress(d, SG_DB).push(open("-1", undefined, undefined));
      },
      errors: [{ messageId: "openToInternet", resource: SG_DB }],
    },
    {
      name: "a configured extra admin port",
      options: { adminPorts: [22, 3389, 5986] },
      change: (d) => {
        ingress(d, SG_DB).push(open("6", 5986, 5986));
      },
      errors: [{ messageId: "openToInternet", resource: SG_DB }],
    },
  ],
});
