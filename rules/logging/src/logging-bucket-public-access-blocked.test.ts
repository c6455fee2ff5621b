import { ACCOUNT_BLOCK, DATA_BUCKET_ARN, draftOf, TRAIL_BUCKET_ARN } from "./fixtures";
import rule from "./logging-bucket-public-access-blocked";
import { tester } from "./tester";

const ALL_ON = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};
const accountBlock = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.s3.account-public-access-block", ACCOUNT_BLOCK).attributes;

tester.run(rule, {
  valid: [
    { name: "all four settings on" },
    {
      name: "no block on the bucket, all four on the account",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes.publicAccessBlock = null;
        accountBlock(d).settings = { ...ALL_ON };
      },
    },
    {
      name: "the bucket and the account each hold two",
      change: (d) => {
        Object.assign(draftOf(d, "aws.s3.bucket", DATA_BUCKET_ARN).attributes.publicAccessBlock!, {
          blockPublicPolicy: false,
          restrictPublicBuckets: false,
        });
        accountBlock(d).settings = { ...ALL_ON, blockPublicAcls: false, ignorePublicAcls: false };
      },
    },
    {
      name: "the bucket holds all four, the account's block not read",
      change: (d) => {
        accountBlock(d).settings = undefined;
      },
    },
  ],
  invalid: [
    {
      name: "no block on the trail bucket",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes.publicAccessBlock = null;
      },
      errors: [{ messageId: "noBlock", resource: TRAIL_BUCKET_ARN }],
    },
    {
      name: "public policies allowed on the confidential bucket",
      change: (d) => {
        const block = draftOf(d, "aws.s3.bucket", DATA_BUCKET_ARN).attributes.publicAccessBlock!;
        block.blockPublicPolicy = false;
        block.restrictPublicBuckets = false;
      },
      errors: [{ messageId: "partialBlock", resource: DATA_BUCKET_ARN }],
    },
    {
      name: "the account's block leaves the same setting off",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", DATA_BUCKET_ARN).attributes.publicAccessBlock!.blockPublicPolicy = false;
        accountBlock(d).settings = { ...ALL_ON, blockPublicPolicy: false };
      },
      errors: [{ messageId: "partialBlock", resource: DATA_BUCKET_ARN }],
    },
  ],
  unknown: [
    {
      name: "not collected",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes.publicAccessBlock = undefined;
      },
      resources: [TRAIL_BUCKET_ARN],
    },
    {
      name: "no block on the bucket and the account's not read",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes.publicAccessBlock = null;
        accountBlock(d).settings = undefined;
      },
      resources: [TRAIL_BUCKET_ARN],
    },
  ],
});
