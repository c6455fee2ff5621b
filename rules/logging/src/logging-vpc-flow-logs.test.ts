import { draftOf, FLOW_LOG, gap, SUBNET, VPC } from "./fixtures";
import rule from "./logging-vpc-flow-logs";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "VPC flow log of ALL traffic; the default VPC is not confidential" },
    {
      name: "every subnet has an ALL flow log",
      change: (d) => {
        draftOf(d, "aws.ec2.flow-log", FLOW_LOG).attributes.resourceId = SUBNET;
      },
    },
  ],
  invalid: [
    {
      name: "no flow log",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.flow-log");
      },
      errors: [{ messageId: "missing", resource: VPC }],
    },
    {
      name: "rejected traffic only",
      change: (d) => {
        draftOf(d, "aws.ec2.flow-log", FLOW_LOG).attributes.trafficType = "REJECT";
      },
      errors: [{ messageId: "notAll", resource: VPC }],
    },
    {
      name: "no boundary configured: every VPC is held to it",
      change: (_d, _r, s) => {
        s.confidential.subnetTags = {};
      },
      errors: [{ messageId: "missing", resource: "vpc-0default000000001" }],
    },
    {
      name: "a VPC tagged confidential",
      change: (d, _r, s) => {
        s.confidential.vpcTags = { Env: "prod" };
        draftOf(d, "aws.ec2.vpc", "vpc-0default000000001").tags = { Env: "prod" };
      },
      errors: [{ messageId: "missing", resource: "vpc-0default000000001" }],
    },
  ],
  unknown: [
    {
      name: "flow logs could not be read",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.flow-log");
        d.sources[0]!.gaps.push(gap("aws.ec2.flow-log", "DescribeFlowLogs"));
      },
      resources: [VPC],
    },
  ],
});
