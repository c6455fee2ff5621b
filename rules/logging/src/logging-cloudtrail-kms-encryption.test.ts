import { draftOf, TRAIL_ARN } from "./fixtures";
import rule from "./logging-cloudtrail-kms-encryption";
import { tester } from "./tester";

tester.run(rule, {
  valid: [{ name: "KMS key set" }],
  invalid: [
    {
      name: "no KMS key",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.kmsKeyId = undefined;
      },
      errors: [{ messageId: "notEncrypted", resource: TRAIL_ARN }],
    },
  ],
});
