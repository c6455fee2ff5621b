// The compliant baseline every storage rule test starts from: one account whose S3 public access
// block has all four settings on, with EBS encryption by default on in ap-northeast-1.
import { emptySettings, type Gap, type ResourceType, type Snapshot } from "@itaku/core";
import { resourceBuilder } from "@itaku/rule-tester";

export const ACCOUNT = "111122223333";
export const REGION = "ap-northeast-1";
export const NOW = new Date("2026-11-20T00:00:00Z");
export const ACCOUNT_BLOCK = `arn:aws:s3:::account/${ACCOUNT}/public-access-block`;
export const EBS_DEFAULT = `arn:aws:ec2:${REGION}:${ACCOUNT}:ebs-encryption-by-default`;

const resource = resourceBuilder(ACCOUNT, REGION);

export const baseline: Snapshot = {
  schemaVersion: 1,
  collectedAt: "2026-11-19T00:00:00Z",
  origin: "live",
  sources: [{ provider: "aws", scope: ACCOUNT, regions: [REGION], gaps: [] }],
  resources: [
    resource("aws.account", ACCOUNT, ACCOUNT, { accountId: ACCOUNT }, { region: "global" }),
    resource(
      "aws.s3.account-public-access-block",
      ACCOUNT_BLOCK,
      `S3 public access block of ${ACCOUNT}`,
      {
        settings: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: true,
          restrictPublicBuckets: true,
        },
      },
      { region: "global" },
    ),
    resource("aws.ec2.ebs-encryption-by-default", EBS_DEFAULT, `EBS encryption by default ${REGION}`, {
      enabled: true,
    }),
  ],
};

export const settings = emptySettings;

export const gap = (resourceType: ResourceType, operation: string, region = REGION): Gap => ({
  source: "aws",
  scope: ACCOUNT,
  region,
  resourceType,
  operation,
  code: "AccessDenied",
});

export { resourceIn as draftOf } from "@itaku/rule-tester";
