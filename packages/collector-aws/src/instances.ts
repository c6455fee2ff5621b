// EC2 instances of one region (terminated ones left out): where they run, for the rules that ask
// whether each instance in a confidential subnet is managed, patched and inventoried.
import { EC2Client, paginateDescribeInstances } from "@aws-sdk/client-ec2";
import type { ResourceOf } from "@itaku/core";
import type { AwsCollector } from "./collector";
import { tagMap } from "./ec2";

export const ec2InstanceCollector: AwsCollector = {
  name: "ec2-instances",
  scope: "regional",
  resourceTypes: ["aws.ec2.instance"],
  async run(ctx) {
    const client = ctx.client(EC2Client, "ec2");
    const found: ResourceOf<"aws.ec2.instance">[] = [];
    try {
      for await (const page of paginateDescribeInstances({ client, pageSize: 1000 }, {})) {
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            const state = instance.State?.Name ?? "unknown";
            if (!instance.InstanceId || state === "terminated") continue;
            const tags = tagMap(instance.Tags);
            found.push({
              type: "aws.ec2.instance",
              id: instance.InstanceId,
              name: tags?.Name ?? instance.InstanceId,
              scope: ctx.accountId,
              region: ctx.region,
              ...(tags ? { tags } : {}),
              attributes: {
                instanceId: instance.InstanceId,
                state,
                ...(instance.SubnetId ? { subnetId: instance.SubnetId } : {}),
                ...(instance.VpcId ? { vpcId: instance.VpcId } : {}),
                ...(instance.ImageId ? { imageId: instance.ImageId } : {}),
                ...(instance.Platform ? { platform: instance.Platform } : {}),
                ...(instance.LaunchTime ? { launchedAt: instance.LaunchTime.toISOString() } : {}),
              },
            });
          }
        }
      }
    } catch (error) {
      ctx.gap("aws.ec2.instance", "DescribeInstances", error);
      return;
    }
    for (const instance of found) ctx.emit(instance);
    ctx.progress(`EC2 ${ctx.region}: ${found.length} instance(s)`);
  },
};
