import { draftOf, TRAIL_ARN } from "./fixtures";
import rule from "./logging-cloudtrail-log-file-validation";
import { tester } from "./tester";

tester.run(rule, {
  valid: [{ name: "validation on" }],
  invalid: [
    {
      name: "validation off",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.logFileValidation = false;
      },
      errors: [{ messageId: "disabled", resource: TRAIL_ARN }],
    },
  ],
});
