import { draftOf, TRAIL_ARN } from "./fixtures";
import rule from "./logging-cloudtrail-trail-logging";
import { tester } from "./tester";

tester.run(rule, {
  valid: [{ name: "logging trail" }],
  invalid: [
    {
      name: "stopped trail",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.logging = false;
      },
      errors: [{ messageId: "stopped", resource: TRAIL_ARN }],
    },
  ],
  unknown: [
    {
      name: "status not collected",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.logging = undefined;
      },
      resources: [TRAIL_ARN],
    },
  ],
});
