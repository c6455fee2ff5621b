import { defineRule } from "@itaku/core";

export default defineRule({
  id: "detection-config-recorder",
  title: {
    en: "AWS Config records every resource and delivers its history",
    ja: "AWS Config がすべてのリソースを記録し履歴を配信している",
  },
  description: {
    en: "The contract asks for a maintained inventory of the information systems. AWS Config's recorder is the account's inventory: every resource, its configuration and its history. A region with no recorder, a stopped one, one limited to some resource types, or a delivery channel that fails has no complete inventory. On infrastructure code, a recorder counts as recording only when the program also turns it on (a recorder status resource); delivery failures are seen live.",
    ja: "契約は業務に関連する情報システムの目録を維持・管理することを求めています。AWS Config のレコーダーはアカウントの目録（すべてのリソース、その設定と変更履歴）です。レコーダーが無い・停止している・一部のリソース種別に限られている、または配信チャネルが失敗しているリージョンには完全な目録がありません。インフラのコードでは、プログラムがレコーダーを開始する（レコーダーステータスのリソース）場合にのみ記録中とみなします。配信の失敗はライブのスキャンで確認します。",
  },
  severity: "medium",
  controls: ["NIC-1-4-1-1"],
  resourceTypes: ["aws.config.status"],
  appliesTo: ["live", "iac"],
  messages: {
    noRecorder: "AWS Config has no configuration recorder in {region}",
    notRecording: "AWS Config recorder {recorder} in {region} is not recording",
    partial: "AWS Config recorder {recorder} in {region} records only some resource types",
    noDelivery: "AWS Config in {region} has no delivery channel",
    deliveryFailing: "AWS Config delivery channel {channel} in {region} last failed to deliver",
  },
  remediation: {
    summary:
      "Record all supported resource types (global ones in one region) and deliver to a bucket; fix delivery failures (usually the bucket policy).",
    pulumi:
      'new aws.cfg.Recorder("all", { roleArn: role.arn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }); new aws.cfg.DeliveryChannel("all", { s3BucketName: bucket.id }); new aws.cfg.RecorderStatus("all", { isEnabled: true });',
    cli: "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role> --recording-group allSupported=true,includeGlobalResourceTypes=true && aws configservice start-configuration-recorder --configuration-recorder-name default",
  },
  check(ctx) {
    for (const config of ctx.resources("aws.config.status")) {
      const { recorders, deliveryChannels } = config.attributes;
      const region = config.region;
      if (recorders === undefined) {
        ctx.unknown(config, "The configuration recorders were not read in this region");
        continue;
      }
      const recorder = recorders[0];
      if (!recorder) {
        ctx.fail(config, "noRecorder", { region });
        continue;
      }
      if (recorder.recording === false) {
        ctx.fail(config, "notRecording", { region, recorder: recorder.name });
      } else if (!recorder.allSupported) {
        ctx.fail(config, "partial", { region, recorder: recorder.name });
      } else if (deliveryChannels === undefined || recorder.recording === undefined) {
        ctx.unknown(config, "The recorder status or delivery channels were not read");
      } else if (deliveryChannels.length === 0) {
        ctx.fail(config, "noDelivery", { region });
      } else {
        const failing = deliveryChannels.find((c) => c.lastDeliveryStatus === "FAILURE");
        if (failing) ctx.fail(config, "deliveryFailing", { region, channel: failing.name });
        else ctx.pass(config, { recorder: recorder.name, channels: deliveryChannels.map((c) => c.name) });
      }
    }
  },
});
