import { confidentialVpcKeys, defineRule, gapsIn, groupBy, type ResourceOf, scopedKey } from "@itaku/core";

const flowLogTargetKey = (f: ResourceOf<"aws.ec2.flow-log">): string =>
  scopedKey(f.scope, f.attributes.resourceId);
const subnetVpcKey = (s: ResourceOf<"aws.ec2.subnet">): string => scopedKey(s.scope, s.attributes.vpcId);

export default defineRule({
  id: "logging-vpc-flow-logs",
  title: {
    en: "Confidential VPCs have flow logs of all traffic",
    ja: "機密情報を扱う VPC のフローログが全トラフィックを記録している",
  },
  description: {
    en: "Flow logs are the network's record of who talked to whom, accepted or rejected. Every VPC of the confidential environment (tagged, or holding a tagged subnet) needs an active flow log of traffic type ALL, on the VPC or on each of its subnets.",
    ja: "フローログは、誰がどこと通信したか（許可・拒否とも）のネットワーク上の記録です。機密環境の VPC（タグ付き、またはタグ付きサブネットを含むもの）には、VPC 全体または各サブネットに、トラフィックタイプ ALL の有効なフローログが必要です。",
  },
  severity: "high",
  controls: ["NIC-1-4-5-1"],
  resourceTypes: ["aws.ec2.vpc"],
  reads: ["aws.ec2.flow-log", "aws.ec2.subnet"],
  appliesTo: ["live", "iac"],
  messages: {
    missing: "Confidential VPC {vpc} has no flow log",
    notAll: "Confidential VPC {vpc} logs only {trafficTypes} traffic, not ALL",
  },
  remediation: {
    summary:
      "Create a flow log of traffic type ALL on the VPC, to a log group or bucket that keeps it long enough.",
    pulumi:
      'new aws.ec2.FlowLog("vpc", { vpcId: vpc.id, trafficType: "ALL", logDestination: group.arn, iamRoleArn: role.arn });',
    cli: "aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-group-name <group> --deliver-logs-permission-arn <role-arn>",
  },
  check(ctx) {
    const confidential = confidentialVpcKeys(ctx);
    const flowLogs = ctx
      .resources("aws.ec2.flow-log")
      .filter((f) => f.attributes.status === undefined || f.attributes.status === "ACTIVE");
    const flowLogsByTarget = groupBy(flowLogs, flowLogTargetKey);
    const subnetsByVpc = groupBy(ctx.resources("aws.ec2.subnet"), subnetVpcKey);
    for (const vpc of ctx.resources("aws.ec2.vpc")) {
      if (!confidential.has(scopedKey(vpc.scope, vpc.id))) {
        ctx.notApplicable(vpc, "Not part of the confidential environment");
        continue;
      }
      const own = flowLogsByTarget.get(scopedKey(vpc.scope, vpc.id)) ?? [];
      const all = own.filter((f) => f.attributes.trafficType === "ALL");
      if (all.length > 0) {
        ctx.pass(vpc, { flowLogs: all.map((f) => f.id) });
        continue;
      }
      const vpcSubnets = subnetsByVpc.get(scopedKey(vpc.scope, vpc.id)) ?? [];
      const subnetCovered = (subnetId: string) =>
        (flowLogsByTarget.get(scopedKey(vpc.scope, subnetId)) ?? []).some(
          (f) => f.attributes.trafficType === "ALL",
        );
      if (vpcSubnets.length > 0 && vpcSubnets.every((s) => subnetCovered(s.id))) {
        ctx.pass(vpc, { coveredBy: "subnet flow logs", subnets: vpcSubnets.map((s) => s.id) });
        continue;
      }
      const gaps = gapsIn(ctx, vpc, ["aws.ec2.flow-log"]);
      if (gaps.length > 0) ctx.unknown(vpc, "Flow logs could not be read", { gaps });
      else if (own.length > 0) {
        const types = [...new Set(own.map((f) => f.attributes.trafficType))].join(", ");
        ctx.fail(vpc, "notAll", { vpc: vpc.id, trafficTypes: types }, { flowLogs: own.map((f) => f.id) });
      } else ctx.fail(vpc, "missing", { vpc: vpc.id });
    }
  },
});
