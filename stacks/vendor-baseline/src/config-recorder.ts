// AWS Config: the account's inventory of its information systems — every supported resource, its
// configuration and its history — recorded continuously and delivered to a bucket of its own.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport, type PolicyDocument, serviceTrust } from "./policy-documents";
import { expiringLogBucket } from "./private-bucket";

export interface ConfigRecorderArgs {
  namePrefix: string;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  /** Days the delivered configuration history is kept. */
  retentionDays: number;
  tags: Record<string, string>;
}

/** What the recorder's role may do in the history bucket: check its ACL and write under AWSLogs/<account>/Config/. */
export function configDeliveryPolicy(bucketArn: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CheckBucket",
        Effect: "Allow",
        Action: ["s3:GetBucketAcl", "s3:ListBucket"],
        Resource: bucketArn,
      },
      {
        Sid: "DeliverHistory",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${accountId}/Config/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
    ],
  };
}

/** TLS only. */
export function configBucketPolicy(bucketArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [denyInsecureTransport(bucketArn)],
  };
}

export class ConfigRecorder extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly recorder: aws.cfg.Recorder;

  constructor(name: string, args: ConfigRecorderArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:ConfigRecorder", name, {}, opts);
    const parent = { parent: this };

    this.bucket = expiringLogBucket(
      `${name}-bucket`,
      { purpose: "config-history", retentionDays: args.retentionDays, tags: args.tags },
      parent,
    );
    const bucketParent = { parent: this.bucket };
    const bucketPolicy = new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      {
        bucket: this.bucket.id,
        policy: this.bucket.arn.apply((arn) => JSON.stringify(configBucketPolicy(arn))),
      },
      bucketParent,
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: pulumi
          .output(args.accountId)
          .apply((account) => JSON.stringify(serviceTrust("config.amazonaws.com", account))),
        description: "Lets AWS Config read the account's configuration and deliver its history",
        tags: args.tags,
      },
      parent,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-role-read`,
      {
        role: role.name,
        policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
      },
      parent,
    );
    const delivery = new aws.iam.RolePolicy(
      `${name}-role-deliver`,
      {
        role: role.name,
        policy: pulumi
          .all([this.bucket.arn, args.accountId])
          .apply(([arn, account]) => JSON.stringify(configDeliveryPolicy(arn, account))),
      },
      parent,
    );

    const recorderName = `${args.namePrefix}-config`;
    this.recorder = new aws.cfg.Recorder(
      `${name}-recorder`,
      {
        name: recorderName,
        roleArn: role.arn,
        // Global resources (IAM) are recorded here; a stack deployed to more regions records them once.
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
      parent,
    );
    const channel = new aws.cfg.DeliveryChannel(
      `${name}-channel`,
      {
        name: recorderName,
        s3BucketName: this.bucket.id,
        snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
      },
      { ...parent, dependsOn: [this.recorder, bucketPolicy, delivery] },
    );
    // A recorder is created stopped; this starts it once it can deliver.
    new aws.cfg.RecorderStatus(
      `${name}-recording`,
      { name: this.recorder.name, isEnabled: true },
      { ...parent, dependsOn: [channel] },
    );

    this.registerOutputs({ recorderName: this.recorder.name, bucketName: this.bucket.id });
  }
}
