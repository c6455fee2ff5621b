import { DATA_BUCKET_ARN, draftOf, TRAIL_BUCKET_ARN } from "./fixtures";
import rule from "./logging-bucket-encrypted";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "SSE-KMS" },
    {
      name: "SSE-S3 is enough by default",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", DATA_BUCKET_ARN).attributes.encryption = { algorithm: "AES256" };
      },
    },
  ],
  invalid: [
    {
      name: "no default encryption",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes.encryption = null;
      },
      errors: [{ messageId: "notEncrypted", resource: TRAIL_BUCKET_ARN }],
    },
    {
      name: "SSE-S3 when KMS is required",
      options: { requireKms: true },
      change: (d) => {
        draftOf(d, "aws.s3.bucket", DATA_BUCKET_ARN).attributes.encryption = { algorithm: "AES256" };
      },
      errors: [{ messageId: "notKms", resource: DATA_BUCKET_ARN }],
    },
  ],
  unknown: [
    {
      name: "not collected",
      change: (d) => {
        draftOf(d, "aws.s3.bucket", DATA_BUCKET_ARN).attributes.encryption = undefined;
      },
      resources: [DATA_BUCKET_ARN],
    },
  ],
});
