// A bucket's public access block with all four settings on: what every bucket of the baseline gets;
// and the plain log bucket built on it (SSE-S3, objects expired after a number of days).
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export function blockAllPublicAccess(name: string, bucket: aws.s3.Bucket): aws.s3.BucketPublicAccessBlock {
  return new aws.s3.BucketPublicAccessBlock(
    name,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
    { parent: bucket },
  );
}

export interface ExpiringLogBucketArgs {
  /** The `Purpose` tag. */
  purpose: string;
  /** Days an object is kept; the lifecycle rule is named `expire-<purpose>`. */
  retentionDays: number;
  tags: Record<string, string>;
}

/**
 * A private bucket for a service's own delivery (Config history, S3 access records): public access
 * blocked, SSE-S3 (the only encryption some services deliver to), objects expired after retentionDays.
 */
export function expiringLogBucket(
  name: string,
  args: ExpiringLogBucketArgs,
  opts: pulumi.CustomResourceOptions,
): aws.s3.Bucket {
  const bucket = new aws.s3.Bucket(
    name,
    { forceDestroy: false, tags: { ...args.tags, Purpose: args.purpose } },
    opts,
  );
  blockAllPublicAccess(`${name}-pab`, bucket);
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-sse`,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    { parent: bucket },
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: `expire-${args.purpose}`,
          status: "Enabled",
          filter: {},
          expiration: { days: args.retentionDays },
        },
      ],
    },
    { parent: bucket },
  );
  return bucket;
}
