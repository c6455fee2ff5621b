// GuardDuty in one region: the detector (a region has at most one) and its protection plans.
import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from "@aws-sdk/client-guardduty";
import type { ResourceOf } from "@itaku/core";
import type { AwsCollector } from "./collector";

type Status = ResourceOf<"aws.guardduty.status">;

export const guardDutyCollector: AwsCollector = {
  name: "guardduty",
  scope: "regional",
  resourceTypes: ["aws.guardduty.status"],
  async run(ctx) {
    const client = ctx.client(GuardDutyClient, "guardduty");
    const status: Status = {
      type: "aws.guardduty.status",
      id: `guardduty:${ctx.accountId}:${ctx.region}`,
      name: `GuardDuty ${ctx.region}`,
      scope: ctx.accountId,
      region: ctx.region,
      attributes: {},
    };
    const ids: string[] = [];
    try {
      for await (const page of paginateListDetectors({ client, pageSize: 50 }, {}))
        ids.push(...(page.DetectorIds ?? []));
    } catch (error) {
      ctx.gap("aws.guardduty.status", "ListDetectors", error);
      ctx.emit(status);
      return;
    }
    const detectorId = ids.sort()[0];
    status.attributes.detectorId = detectorId ?? null;
    if (detectorId) {
      try {
        const detector = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
        status.attributes.status = detector.Status ?? "DISABLED";
        const features = (detector.Features ?? [])
          .filter((f) => f.Name && f.Status)
          .map((f) => ({ name: f.Name!, status: f.Status! }));
        // Detectors created before protection plans were "features" report S3 protection as a data source.
        if (!features.some((f) => f.name === "S3_DATA_EVENTS") && detector.DataSources?.S3Logs?.Status) {
          features.push({ name: "S3_DATA_EVENTS", status: detector.DataSources.S3Logs.Status });
        }
        status.attributes.features = features.sort((a, b) => (a.name < b.name ? -1 : 1));
      } catch (error) {
        ctx.gap("aws.guardduty.status", "GetDetector", error);
      }
    }
    ctx.emit(status);
    ctx.progress(`GuardDuty ${ctx.region}: ${detectorId ? status.attributes.status : "no detector"}`);
  },
};
