// Account-wide storage settings: the account's S3 public access block (it overrides every bucket's own,
// so a bucket made tomorrow without one still cannot go public) and EBS encryption by default in the
// region (every new volume and snapshot copy encrypted, whoever creates it).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export class AccountStorageSettings extends pulumi.ComponentResource {
  readonly publicAccessBlock: aws.s3.AccountPublicAccessBlock;
  readonly ebsEncryptionByDefault: aws.ebs.EncryptionByDefault;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:index:AccountStorageSettings", name, {}, opts);
    const parent = { parent: this };
    this.publicAccessBlock = new aws.s3.AccountPublicAccessBlock(
      `${name}-s3-public-access-block`,
      { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      parent,
    );
    this.ebsEncryptionByDefault = new aws.ebs.EncryptionByDefault(
      `${name}-ebs-encryption-by-default`,
      { enabled: true },
      parent,
    );
    this.registerOutputs({});
  }
}
