// The access log's second destination: CloudTrail also delivers to a CloudWatch Logs group, where the
// CIS metric filters watch it as it arrives (the S3 bucket stays the record that is kept and locked).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logWriterPolicy, serviceTrust } from "./policy-documents";

export interface TrailLogGroupArgs {
  namePrefix: string;
  accountId: pulumi.Input<string>;
  retentionDays: number;
  /** The KMS key the group is encrypted with. */
  logKeyArn: pulumi.Input<string>;
  tags: Record<string, string>;
}

export class TrailLogGroup extends pulumi.ComponentResource {
  readonly logGroup: aws.cloudwatch.LogGroup;
  /** The role CloudTrail assumes to write into the group. */
  readonly deliveryRole: aws.iam.Role;

  constructor(name: string, args: TrailLogGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:TrailLogGroup", name, {}, opts);
    const parent = { parent: this };
    this.logGroup = new aws.cloudwatch.LogGroup(
      name,
      {
        name: `/${args.namePrefix}/cloudtrail/access-log`,
        retentionInDays: args.retentionDays,
        kmsKeyId: args.logKeyArn,
        tags: args.tags,
      },
      parent,
    );
    this.deliveryRole = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: pulumi
          .output(args.accountId)
          .apply((account) => JSON.stringify(serviceTrust("cloudtrail.amazonaws.com", account))),
        description: "Delivers the CloudTrail access log to CloudWatch Logs",
        tags: args.tags,
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-write`,
      {
        role: this.deliveryRole.name,
        policy: this.logGroup.arn.apply((arn) => JSON.stringify(logWriterPolicy(arn))),
      },
      parent,
    );
    this.registerOutputs({ logGroupName: this.logGroup.name });
  }
}
