// S3 server access logging of the buckets map-logging mapped: a BucketLogging resource (or a bucket's
// own deprecated `loggings` list) names the target bucket and prefix; a bucket with neither logs nothing.
import type { ResourceOf } from "@itaku/core";
import type { NormalizeContext } from "./context";
import { LOGGING } from "./map-logging";
import type { PulumiRecord } from "./records";
import { isOpaque, objects, type Props, str } from "./values";

export const BUCKET_LOGGING = [
  "aws:s3/bucketLogging:BucketLogging",
  "aws:s3/bucketLoggingV2:BucketLoggingV2",
] as const;

type AccessLogging = ResourceOf<"aws.s3.bucket">["attributes"]["accessLogging"];

/** Runs after mapLogging: sets `accessLogging` on each bucket it added. */
export function mapBucketLogging(ctx: NormalizeContext): void {
  const bucketName = (record: PulumiRecord) =>
    str(ctx.p(record), "bucket") ?? str(ctx.p(record), "id") ?? record.name;
  const target = (holder: PulumiRecord, props: Props): AccessLogging => {
    const ref = ctx.ref(holder, "targetBucket", LOGGING.bucket, props.targetBucket);
    const targetBucket = ref?.record
      ? bucketName(ref.record)
      : (ref?.value ?? (isOpaque(props.targetBucket) ? "(known after deployment)" : undefined));
    return targetBucket ? { targetBucket, targetPrefix: str(props, "targetPrefix") ?? "" } : null;
  };

  const declared = new Map<PulumiRecord, AccessLogging>();
  for (const record of ctx.of(...BUCKET_LOGGING)) {
    const bucket = ctx.ref(record, "bucket", LOGGING.bucket);
    if (bucket?.record) declared.set(bucket.record, target(record, ctx.p(record)));
    else ctx.gap("aws.s3.bucket", record, "bucket", "unresolved");
  }
  for (const resource of ctx.resources) {
    if (resource.type !== "aws.s3.bucket" || !resource.urn) continue;
    const record = ctx.byUrn.get(resource.urn);
    if (!record) continue;
    const inline = objects(ctx.p(record), "loggings")[0];
    resource.attributes.accessLogging = declared.get(record) ?? (inline ? target(record, inline) : null);
  }
}
