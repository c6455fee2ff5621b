// AWS Config in one region: configuration recorders with their status, delivery channels with theirs.
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeDeliveryChannelStatusCommand,
  DescribeDeliveryChannelsCommand,
} from "@aws-sdk/client-config-service";
import type { ResourceOf } from "@itaku/core";
import type { AwsCollector } from "./collector";

type Status = ResourceOf<"aws.config.status">;

export const configServiceCollector: AwsCollector = {
  name: "config",
  scope: "regional",
  resourceTypes: ["aws.config.status"],
  async run(ctx) {
    const client = ctx.client(ConfigServiceClient, "config");
    const status: Status = {
      type: "aws.config.status",
      id: `config:${ctx.accountId}:${ctx.region}`,
      name: `AWS Config ${ctx.region}`,
      scope: ctx.accountId,
      region: ctx.region,
      attributes: {},
    };
    const read = <T>(operation: string, call: () => Promise<T>): Promise<T | undefined> =>
      call().catch((error: unknown) => {
        ctx.gap("aws.config.status", operation, error);
        return undefined;
      });
    const [recorders, recorderStatus, channels, channelStatus] = await Promise.all([
      read("DescribeConfigurationRecorders", () =>
        client.send(new DescribeConfigurationRecordersCommand({})),
      ),
      read("DescribeConfigurationRecorderStatus", () =>
        client.send(new DescribeConfigurationRecorderStatusCommand({})),
      ),
      read("DescribeDeliveryChannels", () => client.send(new DescribeDeliveryChannelsCommand({}))),
      read("DescribeDeliveryChannelStatus", () => client.send(new DescribeDeliveryChannelStatusCommand({}))),
    ]);
    if (recorders) {
      status.attributes.recorders = (recorders.ConfigurationRecorders ?? []).map((r) => {
        const name = r.name ?? "default";
        const state = recorderStatus?.ConfigurationRecordersStatus?.find((s) => s.name === name);
        return {
          name,
          allSupported: r.recordingGroup?.allSupported ?? false,
          includeGlobalResourceTypes: r.recordingGroup?.includeGlobalResourceTypes ?? false,
          ...(state?.recording !== undefined ? { recording: state.recording } : {}),
          ...(state?.lastStatus ? { lastStatus: state.lastStatus } : {}),
        };
      });
    }
    if (channels && channelStatus) {
      status.attributes.deliveryChannels = (channels.DeliveryChannels ?? []).map((c) => {
        const name = c.name ?? "default";
        const delivered = channelStatus.DeliveryChannelsStatus?.find((s) => s.name === name);
        const last = delivered?.configHistoryDeliveryInfo?.lastStatus;
        return {
          name,
          ...(c.s3BucketName ? { s3BucketName: c.s3BucketName } : {}),
          ...(last ? { lastDeliveryStatus: last } : {}),
        };
      });
    }
    ctx.emit(status);
    ctx.progress(`AWS Config ${ctx.region}: ${status.attributes.recorders?.length ?? "?"} recorder(s)`);
  },
};
