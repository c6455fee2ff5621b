import rule from "./detection-instance-not-ssm-managed";
import { draftOf, gap, INSTANCE, OTHER_SUBNET } from "./fixtures";
import { tester } from "./tester";

const removeManaged = (d: Parameters<typeof draftOf>[0]) => {
  d.resources = d.resources.filter((r) => r.type !== "aws.ssm.managed-instance");
};

tester.run(rule, {
  valid: [
    { name: "managed and online" },
    {
      name: "unmanaged instance outside the confidential subnets, stopped one inside",
      change: (d) => {
        const instance = draftOf(d, "aws.ec2.instance", INSTANCE);
        const outside = { ...instance, id: "i-0dev0000000000001", name: "dev-1" };
        outside.attributes = { ...instance.attributes, instanceId: outside.id, subnetId: OTHER_SUBNET };
        const stopped = { ...instance, id: "i-0conf000000000002", name: "app-2" };
        stopped.attributes = { ...instance.attributes, instanceId: stopped.id, state: "stopped" };
        d.resources.push(outside, stopped);
      },
    },
  ],
  invalid: [
    {
      name: "no SSM agent",
      change: removeManaged,
      errors: [{ messageId: "unmanaged", resource: INSTANCE }],
    },
    {
      name: "agent lost",
      change: (d) => {
        draftOf(d, "aws.ssm.managed-instance", INSTANCE).attributes.pingStatus = "ConnectionLost";
      },
      errors: [{ messageId: "offline", resource: INSTANCE }],
    },
  ],
  unknown: [
    {
      name: "SSM instance list denied",
      change: (d) => {
        removeManaged(d);
        d.sources[0]!.gaps.push(gap("aws.ssm.managed-instance", "DescribeInstanceInformation"));
      },
      resources: [INSTANCE],
    },
  ],
});
