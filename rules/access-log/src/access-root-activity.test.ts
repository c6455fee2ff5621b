import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-root-activity";
import { ACCOUNT, apiCall, consoleLogin, identities, tester, workday } from "./fixtures";

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month" },
    {
      name: "an AWS service event attributed to root is not root activity",
      change: (d) =>
        d.events.push(
          apiCall(identities.root(), workday(9), "health.amazonaws.com", "AWSHealthEvent", {
            eventType: "AwsServiceEvent",
          }),
        ),
    },
    {
      name: "root in the look-back is not this period's",
      change: (d) => d.events.push(consoleLogin(identities.root(), "2026-09-10T01:00:00Z")),
    },
  ],
  invalid: [
    {
      name: "root signs in to the console",
      change: (d) => d.events.push(consoleLogin(identities.root(), workday(9))),
      errors: [{ messageId: "rootConsoleLogin", subject: ACCOUNT }],
    },
    {
      name: "root calls an API with keys",
      change: (d) =>
        d.events.push(
          apiCall(identities.root(), workday(9), "iam.amazonaws.com", "CreateAccessKey", { readOnly: false }),
        ),
      errors: [{ messageId: "rootActivity", subject: ACCOUNT }],
    },
  ],
});
