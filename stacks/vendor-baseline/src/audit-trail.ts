// The access-log record: a multi-region CloudTrail trail with log-file validation, encrypted with its
// own KMS key, into a bucket with versioning, Object Lock retention, lifecycle, public access blocked
// and a TLS-only policy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { trailBucketPolicy, trailKeyPolicy } from "./policy-documents";
import { blockAllPublicAccess } from "./private-bucket";

export interface AuditTrailArgs {
  namePrefix: string;
  accountId: pulumi.Input<string>;
  region: string;
  partition: pulumi.Input<string>;
  /** Days the logs are kept: the Object Lock default retention and the lifecycle expiration. */
  retentionDays: number;
  objectLockMode: "GOVERNANCE" | "COMPLIANCE";
  /** Days a superseded version lingers after the lifecycle expires it. */
  noncurrentVersionDays: number;
  tags: Record<string, string>;
  /** A CloudWatch Logs group the trail also delivers to, and the role it writes with. */
  cloudWatchLogs?: { logGroupArn: pulumi.Input<string>; roleArn: pulumi.Input<string> };
}

export class AuditTrail extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly bucket: aws.s3.Bucket;
  readonly trail: aws.cloudtrail.Trail;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:AuditTrail", name, {}, opts);
    const parent = { parent: this };
    const trailName = `${args.namePrefix}-access-log`;
    // Known before creation, so the key and bucket policies can name the trail.
    const trailArn = pulumi.interpolate`arn:${args.partition}:cloudtrail:${args.region}:${args.accountId}:trail/${trailName}`;

    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: "Encrypts the CloudTrail access log",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi
          .all([args.partition, args.accountId, trailArn])
          .apply(([partition, account, arn]) => JSON.stringify(trailKeyPolicy(partition, account, arn))),
        tags: args.tags,
      },
      parent,
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { name: `alias/${trailName}`, targetKeyId: this.key.keyId },
      parent,
    );

    this.bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { objectLockEnabled: true, forceDestroy: false, tags: { ...args.tags, Purpose: "cloudtrail" } },
      parent,
    );
    const bucketParent = { parent: this.bucket };
    blockAllPublicAccess(`${name}-bucket-pab`, this.bucket);
    const versioning = new aws.s3.BucketVersioning(
      `${name}-bucket-versioning`,
      { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } },
      bucketParent,
    );
    new aws.s3.BucketObjectLockConfiguration(
      `${name}-bucket-lock`,
      {
        bucket: this.bucket.id,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: args.objectLockMode, days: args.retentionDays } },
      },
      { ...bucketParent, dependsOn: [versioning] },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-bucket-lifecycle`,
      {
        bucket: this.bucket.id,
        rules: [
          {
            id: "expire-access-logs",
            status: "Enabled",
            filter: {},
            expiration: { days: args.retentionDays },
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
          },
        ],
      },
      { ...bucketParent, dependsOn: [versioning] },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-bucket-sse`,
      {
        bucket: this.bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn },
            bucketKeyEnabled: true,
          },
        ],
      },
      bucketParent,
    );
    const policy = new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      {
        bucket: this.bucket.id,
        policy: pulumi
          .all([args.accountId, this.bucket.arn, trailArn])
          .apply(([account, bucketArn, arn]) => JSON.stringify(trailBucketPolicy(account, bucketArn, arn))),
      },
      bucketParent,
    );

    this.trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trailName,
        s3BucketName: this.bucket.id,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: this.key.arn,
        eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
        cloudWatchLogsGroupArn:
          args.cloudWatchLogs && pulumi.interpolate`${args.cloudWatchLogs.logGroupArn}:*`,
        cloudWatchLogsRoleArn: args.cloudWatchLogs?.roleArn,
        tags: args.tags,
      },
      { ...parent, dependsOn: [policy, this.key] },
    );

    this.registerOutputs({ trailArn: this.trail.arn, bucketName: this.bucket.id });
  }
}
