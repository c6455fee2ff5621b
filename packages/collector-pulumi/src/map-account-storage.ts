// Account-level storage settings a program declares: the account's S3 public access block and EBS
// encryption by default. Each keeps its URN, so a finding names the resource the engineer changes.
// A program that declares neither leaves them to the account: nothing is mapped and no rule judges it.
import type { NormalizeContext } from "./context";
import { bool, str } from "./values";

export const ACCOUNT_STORAGE = {
  accountPublicAccessBlock: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
  ebsEncryptionByDefault: "aws:ebs/encryptionByDefault:EncryptionByDefault",
  ebsDefaultKmsKey: "aws:ebs/defaultKmsKey:DefaultKmsKey",
} as const;

export function mapAccountStorage(ctx: NormalizeContext): void {
  for (const record of ctx.of(ACCOUNT_STORAGE.accountPublicAccessBlock)) {
    const props = ctx.p(record);
    ctx.add(
      {
        type: "aws.s3.account-public-access-block",
        id: `arn:${ctx.partition}:s3:::account/${ctx.accountId}/public-access-block`,
        name: record.name,
        scope: ctx.accountId,
        region: "global",
        urn: record.urn,
        // The provider's documented default for each setting left out is false.
        attributes: {
          settings: {
            blockPublicAcls: bool(props, "blockPublicAcls") ?? false,
            ignorePublicAcls: bool(props, "ignorePublicAcls") ?? false,
            blockPublicPolicy: bool(props, "blockPublicPolicy") ?? false,
            restrictPublicBuckets: bool(props, "restrictPublicBuckets") ?? false,
          },
        },
      },
      record,
    );
  }
  const keys = ctx.of(ACCOUNT_STORAGE.ebsDefaultKmsKey);
  for (const record of ctx.of(ACCOUNT_STORAGE.ebsEncryptionByDefault)) {
    const region = ctx.regionOf(record);
    const key = keys.find((k) => ctx.regionOf(k) === region);
    const keyArn = key && str(ctx.p(key), "keyArn");
    ctx.add(
      {
        type: "aws.ec2.ebs-encryption-by-default",
        id: ctx.arn("ec2", region, "ebs-encryption-by-default"),
        name: record.name,
        scope: ctx.accountId,
        region,
        urn: record.urn,
        // `enabled` defaults to true in the provider: declaring the resource turns encryption on.
        attributes: {
          enabled: bool(ctx.p(record), "enabled") ?? true,
          ...(keyArn ? { kmsKeyId: keyArn } : {}),
        },
      },
      record,
    );
  }
}
