import { DATA_BUCKET_ARN, draftOf, TRAIL_BUCKET_ARN } from "./fixtures";
import rule from "./logging-bucket-public-access-blocked";
import { tester } from "./tester";

tester.run(rule, {
  valid: [{ name: "all four settings on" }],
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
  ],
  unknown: [
    {
      name: "not collected",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes.publicAccessBlock = undefined;
      },
      resources: [TRAIL_BUCKET_ARN],
    },
  ],
});
