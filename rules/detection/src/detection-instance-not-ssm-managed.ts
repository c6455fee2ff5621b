import { confidentialSubnetKeys, defineRule, groupBy, type ResourceOf, scopedKey } from "@itaku/core";

export default defineRule({
  id: "detection-instance-not-ssm-managed",
  title: {
    en: "Instances in the confidential subnets are managed by Systems Manager",
    ja: "機密サブネットのインスタンスが Systems Manager の管理下にある",
  },
  description: {
    en: "The contract asks for a maintained inventory of the information systems. An EC2 instance in a confidential subnet that no Systems Manager agent reports from is outside the inventory: nobody sees its software, its patches or its anti-virus. Its agent must be registered and online. Judged on live scans only: whether an agent registered and is online is known only from the running instances.",
    ja: "契約は情報システムの目録を維持・管理することを求めています。機密サブネットにあり Systems Manager エージェントが報告していない EC2 インスタンスは目録の外にあり、ソフトウェア・パッチ・ウイルス対策の状況を誰も把握できません。エージェントが登録され、オンラインである必要があります。ライブのスキャンでのみ判定します。エージェントが登録されオンラインかは稼働中のインスタンスからしか分かりません。",
  },
  severity: "medium",
  controls: ["NIC-1-4-1-1"],
  resourceTypes: ["aws.ec2.instance"],
  reads: ["aws.ssm.managed-instance", "aws.ec2.subnet"],
  appliesTo: ["live"],
  messages: {
    unmanaged: "Instance {instance} in confidential subnet {subnet} is not managed by Systems Manager",
    offline: "Systems Manager agent of instance {instance} is {ping}",
  },
  remediation: {
    summary:
      "Install and run the SSM agent, give the instance a profile with AmazonSSMManagedInstanceCore (or turn on Default Host Management Configuration), and let it reach SSM through VPC endpoints.",
    pulumi:
      'new aws.iam.RolePolicyAttachment("ssm", { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" });',
    cli: "aws ssm describe-instance-information --filters Key=InstanceIds,Values=<instance>",
  },
  check(ctx) {
    const confidential = confidentialSubnetKeys(ctx);
    for (const instance of ctx.resources("aws.ec2.instance")) {
      const { subnetId, state } = instance.attributes;
      if (state !== "running") {
        ctx.notApplicable(instance, `The instance is ${state}`);
        continue;
      }
      if (!subnetId || !confidential.has(scopedKey(instance.scope, subnetId))) {
        ctx.notApplicable(instance, "The instance is not in a confidential subnet");
        continue;
      }
      const managed = groupBy(ctx.resources("aws.ssm.managed-instance"), managedInstanceKey).get(
        `${instance.scope}\u0000${instance.region}\u0000${instance.id}`,
      )?.[0];
      if (!managed) {
        // Gaps on the SSM inventory are checked by the engine for passes only; a fail needs them checked here.
        if (ctx.gaps(instance, "aws.ssm.managed-instance").length > 0)
          ctx.unknown(instance, "Systems Manager's instance list was not read in this region");
        else ctx.fail(instance, "unmanaged", { instance: instance.id, subnet: subnetId });
      } else if (managed.attributes.pingStatus !== "Online") {
        ctx.fail(instance, "offline", { instance: instance.id, ping: managed.attributes.pingStatus });
      } else
        ctx.pass(instance, {
          pingStatus: managed.attributes.pingStatus,
          lastPingAt: managed.attributes.lastPingAt,
        });
    }
  },
});

// By account, region and instance: searching the account's managed instances for every instance
// grows with instances × managed instances.
const managedInstanceKey = (m: ResourceOf<"aws.ssm.managed-instance">): string =>
  `${m.scope}\u0000${m.region}\u0000${m.attributes.instanceId}`;
