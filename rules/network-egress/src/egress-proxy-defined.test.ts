import rule from "./egress-proxy-defined";
import { ACCOUNT, ENI_PROXY, gap, PROXY_INSTANCE } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "proxy found by its security group" },
    {
      name: "a second account without confidential subnets relies on the first's proxy",
      change: (d) => {
        const account = d.resources.find((r) => r.id === ACCOUNT)!;
        d.resources.push({
          ...structuredClone(account),
          id: "444455556666",
          scope: "444455556666",
          attributes: { accountId: "444455556666" },
        } as typeof account);
      },
    },
    {
      name: "proxy named by instance",
      change: (_d, _r, s) => {
        s.confidential.proxy.securityGroupIds = [];
        s.confidential.proxy.instanceIds = [PROXY_INSTANCE];
      },
    },
    {
      name: "proxy named by interface",
      change: (_d, _r, s) => {
        s.confidential.proxy.securityGroupIds = [];
        s.confidential.proxy.networkInterfaceIds = [ENI_PROXY];
      },
    },
  ],
  invalid: [
    {
      name: "nothing named: an empty configuration fails",
      change: (_d, _r, s) => {
        s.confidential.proxy.securityGroupIds = [];
      },
      errors: [{ messageId: "notDefined", resource: ACCOUNT }],
    },
    {
      name: "named but not running",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.id !== ENI_PROXY);
      },
      errors: [{ messageId: "notFound", resource: ACCOUNT }],
    },
    {
      name: "a second account with a confidential subnet but no proxy of its own",
      change: (d) => {
        const account = d.resources.find((r) => r.id === ACCOUNT)!;
        const subnet = d.resources.find((r) => r.id === "subnet-0app00000000001")!;
        d.resources.push(
          {
            ...structuredClone(account),
            id: "444455556666",
            scope: "444455556666",
            attributes: { accountId: "444455556666" },
          } as typeof account,
          {
            ...structuredClone(subnet),
            id: "subnet-0other0000000001",
            scope: "444455556666",
          } as typeof subnet,
        );
      },
      errors: [{ messageId: "notFound", resource: "444455556666" }],
    },
  ],
  unknown: [
    {
      name: "interfaces unreadable",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.id !== ENI_PROXY);
        d.sources[0]!.gaps.push(gap("aws.ec2.network-interface", "DescribeNetworkInterfaces"));
      },
      resources: [ACCOUNT],
    },
  ],
});
