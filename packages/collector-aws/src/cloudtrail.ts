// CloudTrail trails, counted once: a multi-region trail appears in every region (its "shadow"
// copies), so each region keeps only the trails whose home it is — or, for a home region outside
// the scan, the first scanned region keeps it. Status and event selectors (basic or advanced) per trail.
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from "@aws-sdk/client-cloudtrail";
import type { ResourceOf } from "@itaku/core";
import { runBounded } from "./bounded";
import type { AwsCollector, AwsCollectorContext } from "./collector";
import { noteLogGroupPurpose } from "./logs";
import { readBucketFor } from "./s3";

type TrailAttributes = ResourceOf<"aws.cloudtrail.trail">["attributes"];

export const cloudTrailCollector: AwsCollector = {
  name: "cloudtrail",
  scope: "regional",
  resourceTypes: ["aws.cloudtrail.trail"],
  async run(ctx) {
    const cloudtrail = ctx.client(CloudTrailClient, "cloudtrail");
    let trails: Trail[];
    try {
      const out = await cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
      trails = out.trailList ?? [];
    } catch (error) {
      ctx.gap("aws.cloudtrail.trail", "DescribeTrails", error);
      return;
    }
    const firstScanned = [...ctx.regions].sort()[0];
    const owned = trails.filter(
      (t) =>
        t.TrailARN &&
        (t.HomeRegion === ctx.region ||
          (t.IsMultiRegionTrail === true &&
            !ctx.regions.includes(t.HomeRegion ?? "") &&
            ctx.region === firstScanned)),
    );
    const resources = await runBounded(
      owned.map((trail) => () => readTrail(ctx, cloudtrail, trail)),
      ctx.config.maxConcurrency ?? 4,
    );
    for (const resource of resources) ctx.emit(resource);
    ctx.progress(
      `CloudTrail ${ctx.region}: ${owned.length} trail(s) homed here, ${trails.length - owned.length} shadow(s) skipped`,
    );
  },
};

async function readTrail(
  ctx: AwsCollectorContext,
  cloudtrail: CloudTrailClient,
  trail: Trail,
): Promise<ResourceOf<"aws.cloudtrail.trail">> {
  const arn = trail.TrailARN!;
  const [status, selectors] = await Promise.all([
    cloudtrail.send(new GetTrailStatusCommand({ Name: arn })).then(
      (out): { logging?: boolean } => ({ logging: out.IsLogging }),
      (error: unknown): { logging?: boolean } => {
        ctx.gap("aws.cloudtrail.trail", "GetTrailStatus", error);
        return {};
      },
    ),
    cloudtrail.send(new GetEventSelectorsCommand({ TrailName: arn })).then(
      (out) => eventSelectorsOf(out.EventSelectors, out.AdvancedEventSelectors),
      (error: unknown) => {
        ctx.gap("aws.cloudtrail.trail", "GetEventSelectors", error);
        return {};
      },
    ),
  ]);
  if (trail.S3BucketName) await readBucketFor(ctx, trail.S3BucketName, "cloudtrail");
  const logGroup =
    trail.CloudWatchLogsLogGroupArn &&
    /^arn:[^:]+:logs:([^:]+):\d{12}:log-group:(.+?)(:\*)?$/.exec(trail.CloudWatchLogsLogGroupArn);
  if (logGroup) noteLogGroupPurpose(ctx, logGroup[1]!, logGroup[2]!, "cloudtrail");
  const attributes: TrailAttributes = {
    arn,
    name: trail.Name ?? arn,
    homeRegion: trail.HomeRegion ?? ctx.region,
    multiRegion: trail.IsMultiRegionTrail === true,
    ...(trail.IsOrganizationTrail !== undefined ? { organizationTrail: trail.IsOrganizationTrail } : {}),
    ...(status.logging !== undefined ? { logging: status.logging } : {}),
    logFileValidation: trail.LogFileValidationEnabled === true,
    ...(trail.KmsKeyId ? { kmsKeyId: trail.KmsKeyId } : {}),
    ...(trail.S3BucketName ? { s3BucketName: trail.S3BucketName } : {}),
    ...(trail.S3KeyPrefix ? { s3KeyPrefix: trail.S3KeyPrefix } : {}),
    ...(trail.CloudWatchLogsLogGroupArn
      ? { cloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn }
      : {}),
    ...selectors,
  };
  return {
    type: "aws.cloudtrail.trail",
    id: arn,
    name: attributes.name,
    scope: ctx.accountId,
    region: attributes.homeRegion,
    attributes,
  };
}

type Selectors = Pick<TrailAttributes, "eventSelectors" | "advancedEventSelectors">;

export function eventSelectorsOf(
  basic: { ReadWriteType?: string; IncludeManagementEvents?: boolean }[] | undefined,
  advanced:
    | {
        Name?: string;
        FieldSelectors?: {
          Field?: string;
          Equals?: string[];
          NotEquals?: string[];
          StartsWith?: string[];
          NotStartsWith?: string[];
          EndsWith?: string[];
          NotEndsWith?: string[];
        }[];
      }[]
    | undefined,
): Selectors {
  if (advanced && advanced.length > 0) {
    return {
      advancedEventSelectors: advanced.map((selector) => ({
        ...(selector.Name ? { name: selector.Name } : {}),
        fieldSelectors: (selector.FieldSelectors ?? []).map((f) => ({
          field: f.Field ?? "",
          ...(f.Equals ? { equals: f.Equals } : {}),
          ...(f.NotEquals ? { notEquals: f.NotEquals } : {}),
          ...(f.StartsWith ? { startsWith: f.StartsWith } : {}),
          ...(f.NotStartsWith ? { notStartsWith: f.NotStartsWith } : {}),
          ...(f.EndsWith ? { endsWith: f.EndsWith } : {}),
          ...(f.NotEndsWith ? { notEndsWith: f.NotEndsWith } : {}),
        })),
      })),
    };
  }
  return {
    eventSelectors: (basic ?? []).map((s) => ({
      readWriteType:
        s.ReadWriteType === "ReadOnly" || s.ReadWriteType === "WriteOnly" ? s.ReadWriteType : "All",
      // CloudTrail's documented default when the field is left out.
      includeManagementEvents: s.IncludeManagementEvents ?? true,
    })),
  };
}
