import rule from "./egress-subnet-direct-internet-route";
import {
  draftOf,
  ENI_APP,
  IGW,
  NAT,
  PROXY_INSTANCE,
  RTB_APP,
  RTB_MAIN,
  SUBNET_APP,
  SUBNET_DB,
  VPC,
} from "./fixtures";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const routes = (d: Draft, table: string) => draftOf(d, "aws.ec2.route-table", table).attributes.routes;
const setDefault = (
  d: Draft,
  table: string,
  target: {
    type:
      | "internet-gateway"
      | "nat-gateway"
      | "instance"
      | "network-interface"
      | "egress-only-internet-gateway"
      | "unknown";
    id: string;
  },
  destination = "0.0.0.0/0",
) => {
  const list = routes(d, table);
  const found = list.find((r) => r.destination === destination);
  if (found) found.target = target;
  else list.push({ destination, target, state: "active" });
};

tester.run(rule, {
  valid: [
    { name: "app via the proxy ENI, db via the main table to the firewall; proxy subnet not confidential" },
    {
      name: "default route to the proxy instance",
      change: (d) => setDefault(d, RTB_APP, { type: "instance", id: PROXY_INSTANCE }),
    },
    {
      name: "a private NAT gateway",
      change: (d) => {
        setDefault(d, RTB_APP, { type: "nat-gateway", id: NAT });
        draftOf(d, "aws.ec2.nat-gateway", NAT).attributes.connectivityType = "private";
      },
    },
    {
      name: "an internal range to the NAT gateway",
      change: (d) => {
        routes(d, RTB_APP).push({
          destination: "192.168.0.0/16",
          target: { type: "nat-gateway", id: NAT },
          state: "active",
        });
      },
    },
    {
      name: "VPC tagged confidential: the proxy's and firewall's subnets are the egress path",
      change: (d, _r, s) => {
        s.confidential.vpcTags = { DataClass: "confidential" };
        draftOf(d, "aws.ec2.vpc", VPC).tags = { DataClass: "confidential" };
      },
    },
    {
      name: "a blackholed IGW route",
      change: (d) => {
        routes(d, RTB_APP).push({
          destination: "203.0.113.0/24",
          target: { type: "internet-gateway", id: IGW },
          state: "blackhole",
        });
      },
    },
  ],
  invalid: [
    {
      name: "confidential subnet routed straight to the IGW",
      change: (d) => setDefault(d, RTB_APP, { type: "internet-gateway", id: IGW }),
      errors: [{ messageId: "directRoute", resource: SUBNET_APP }],
    },
    {
      name: "main table to a public NAT: the subnet without association fails",
      change: (d) => setDefault(d, RTB_MAIN, { type: "nat-gateway", id: NAT }),
      errors: [{ messageId: "directRoute", resource: SUBNET_DB }],
    },
    {
      name: "IPv6 default route to an egress-only gateway",
      change: (d) =>
        setDefault(d, RTB_APP, { type: "egress-only-internet-gateway", id: "eigw-0123" }, "::/0"),
      errors: [{ messageId: "directRoute", resource: SUBNET_APP }],
    },
    {
      name: "a public range to the IGW",
      change: (d) => {
        routes(d, RTB_APP).push({
          destination: "198.51.100.0/24",
          target: { type: "internet-gateway", id: IGW },
          state: "active",
        });
      },
      errors: [{ messageId: "directRoute", resource: SUBNET_APP }],
    },
    {
      name: "default route to an instance that is not the proxy",
      change: (d) => setDefault(d, RTB_APP, { type: "instance", id: "i-0natinstance00001" }),
      errors: [{ messageId: "notThroughProxy", resource: SUBNET_APP }],
    },
    {
      name: "default route to a workload ENI",
      change: (d) => setDefault(d, RTB_APP, { type: "network-interface", id: ENI_APP }),
      errors: [{ messageId: "notThroughProxy", resource: SUBNET_APP }],
    },
    {
      name: "VPC tagged confidential: an untagged subnet on the main table is held to it",
      change: (d, _r, s) => {
        s.confidential.vpcTags = { DataClass: "confidential" };
        draftOf(d, "aws.ec2.vpc", VPC).tags = { DataClass: "confidential" };
        draftOf(d, "aws.ec2.subnet", SUBNET_DB).tags = {};
        setDefault(d, RTB_MAIN, { type: "internet-gateway", id: IGW });
      },
      errors: [{ messageId: "directRoute", resource: SUBNET_DB }],
    },
  ],
  unknown: [
    {
      name: "no main table collected for a subnet without association",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.id !== RTB_MAIN);
      },
      resources: [SUBNET_DB],
    },
    {
      name: "default route to an unrecognised target",
      change: (d) => setDefault(d, RTB_APP, { type: "unknown", id: "xgw-0123" }),
      resources: [SUBNET_APP],
    },
  ],
});
