// A bucket's public access block with all four settings on: what every bucket of the baseline gets.
import * as aws from "@pulumi/aws";

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
