import { ACCOUNT_BLOCK, draftOf } from "./fixtures";
import rule from "./storage-s3-account-public-access-block";
import { tester } from "./tester";

const block = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.s3.account-public-access-block", ACCOUNT_BLOCK).attributes;

tester.run(rule, {
  valid: [{ name: "all four settings on" }],
  invalid: [
    {
      name: "no block on the account",
      change: (d) => {
        block(d).settings = null;
      },
      errors: [{ messageId: "noBlock", resource: ACCOUNT_BLOCK }],
    },
    {
      name: "public policies still allowed",
      change: (d) => {
        block(d).settings!.blockPublicPolicy = false;
        block(d).settings!.restrictPublicBuckets = false;
      },
      errors: [{ messageId: "partialBlock", resource: ACCOUNT_BLOCK }],
    },
  ],
  unknown: [
    {
      name: "block not read",
      change: (d) => {
        block(d).settings = undefined;
      },
      resources: [ACCOUNT_BLOCK],
    },
  ],
});
