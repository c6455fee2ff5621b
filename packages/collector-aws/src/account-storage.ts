// Account-level storage settings: the account's S3 public access block (S3 Control, once per account)
// and EBS encryption by default (per region). "Not configured" is a fact (null / false); any other
// failure is a gap, so the rules reading them answer unknown rather than pass.

import { EC2Client, GetEbsEncryptionByDefaultCommand } from "@aws-sdk/client-ec2";
import { GetPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import type { ResourceOf } from "@itaku/core";
import { hasCode } from "./aws-errors";
import type { AwsCollector } from "./collector";
import { publicAccessBlockSettings } from "./s3";

type AccountBlock = ResourceOf<"aws.s3.account-public-access-block">;
type EbsDefault = ResourceOf<"aws.ec2.ebs-encryption-by-default">;

export const s3AccountPublicAccessBlockCollector: AwsCollector = {
  name: "s3-account-public-access-block",
  scope: "global",
  resourceTypes: ["aws.s3.account-public-access-block"],
  async run(ctx) {
    const block: AccountBlock = {
      type: "aws.s3.account-public-access-block",
      id: `arn:${ctx.partition}:s3:::account/${ctx.accountId}/public-access-block`,
      name: `S3 public access block of ${ctx.accountId}`,
      scope: ctx.accountId,
      region: "global",
      attributes: {},
    };
    try {
      const client = ctx.client(S3ControlClient, "s3-control");
      const out = await client.send(new GetPublicAccessBlockCommand({ AccountId: ctx.accountId }));
      block.attributes.settings = publicAccessBlockSettings(out.PublicAccessBlockConfiguration);
    } catch (error) {
      if (hasCode(error, "NoSuchPublicAccessBlockConfiguration")) block.attributes.settings = null;
      else ctx.gap("aws.s3.account-public-access-block", "GetPublicAccessBlock", error);
    }
    ctx.emit(block);
  },
};

export const ebsEncryptionByDefaultCollector: AwsCollector = {
  name: "ebs-encryption-by-default",
  scope: "regional",
  resourceTypes: ["aws.ec2.ebs-encryption-by-default"],
  async run(ctx) {
    const setting: EbsDefault = {
      type: "aws.ec2.ebs-encryption-by-default",
      id: `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:ebs-encryption-by-default`,
      name: `EBS encryption by default ${ctx.region}`,
      scope: ctx.accountId,
      region: ctx.region,
      attributes: {},
    };
    try {
      const out = await ctx.client(EC2Client, "ec2").send(new GetEbsEncryptionByDefaultCommand({}));
      setting.attributes.enabled = out.EbsEncryptionByDefault === true;
    } catch (error) {
      ctx.gap("aws.ec2.ebs-encryption-by-default", "GetEbsEncryptionByDefault", error);
    }
    ctx.emit(setting);
  },
};
