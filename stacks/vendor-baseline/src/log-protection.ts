// Protection of the logs themselves: a KMS key the contract's log groups (flow logs, proxy, the
// trail's CloudWatch copy) are encrypted with, so reading them takes a key permission too; and server
// access logging of the trail bucket into a bucket of its own, so reading or deleting the access log
// leaves a record (CIS AWS 3.6, 3.x).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport, type PolicyDocument } from "./policy-documents";
import { expiringLogBucket } from "./private-bucket";

/** The log key's policy: the account administers it; CloudWatch Logs uses it for this account's groups only. */
export function logKeyPolicy(partition: string, accountId: string, region: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersTheKey",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsEncryptsThisAccountsGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${accountId}:log-group:*`,
          },
        },
      },
    ],
  };
}

/** The access-log bucket's policy: S3's logging service writes, from the trail bucket of this account only. */
export function accessLogBucketPolicy(
  bucketArn: string,
  accountId: string,
  sourceBucketArn: string,
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "S3ServerAccessLogsFromTheTrailBucket",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: ["s3:PutObject"],
        Resource: `${bucketArn}/*`,
        Condition: {
          ArnLike: { "aws:SourceArn": sourceBucketArn },
          StringEquals: { "aws:SourceAccount": accountId },
        },
      },
      denyInsecureTransport(bucketArn),
    ],
  };
}

export interface LogEncryptionKeyArgs {
  namePrefix: string;
  accountId: pulumi.Input<string>;
  region: string;
  partition: pulumi.Input<string>;
  tags: Record<string, string>;
}

/** The KMS key of the contract's CloudWatch log groups; made before the groups that name it. */
export class LogEncryptionKey extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;

  constructor(name: string, args: LogEncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:LogEncryptionKey", name, {}, opts);
    const parent = { parent: this };
    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: "Encrypts the CloudWatch log groups of the contract's logs",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi
          .all([args.partition, args.accountId])
          .apply(([partition, account]) => JSON.stringify(logKeyPolicy(partition, account, args.region))),
        tags: args.tags,
      },
      parent,
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { name: `alias/${args.namePrefix}-logs`, targetKeyId: this.key.keyId },
      parent,
    );
    this.registerOutputs({ keyArn: this.key.arn });
  }
}

export interface TrailBucketAccessLoggingArgs {
  accountId: pulumi.Input<string>;
  trailBucket: aws.s3.Bucket;
  /** Days the access records are kept: as long as the trail's logs. */
  retentionDays: number;
  tags: Record<string, string>;
}

/**
 * Server access logging of the trail bucket into a bucket of its own. The target is encrypted with
 * SSE-S3 and has no Object Lock default retention: S3 delivers server access logs to no other kind.
 */
export class TrailBucketAccessLogging extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;

  constructor(name: string, args: TrailBucketAccessLoggingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:TrailBucketAccessLogging", name, {}, opts);
    const parent = { parent: this };
    this.bucket = expiringLogBucket(
      `${name}-bucket`,
      { purpose: "s3-access-records", retentionDays: args.retentionDays, tags: args.tags },
      parent,
    );
    const bucketParent = { parent: this.bucket };
    const policy = new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      {
        bucket: this.bucket.id,
        policy: pulumi
          .all([this.bucket.arn, args.accountId, args.trailBucket.arn])
          .apply(([arn, account, source]) => JSON.stringify(accessLogBucketPolicy(arn, account, source))),
      },
      bucketParent,
    );
    new aws.s3.BucketLogging(
      `${name}-trail-bucket`,
      { bucket: args.trailBucket.id, targetBucket: this.bucket.id, targetPrefix: "cloudtrail/" },
      { parent: this, dependsOn: [policy] },
    );
    this.registerOutputs({ bucketName: this.bucket.id });
  }
}
