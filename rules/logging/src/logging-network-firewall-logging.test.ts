import { draftOf, FIREWALL_ARN } from "./fixtures";
import rule from "./logging-network-firewall-logging";
import { tester } from "./tester";

const fw = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.network-firewall.firewall", FIREWALL_ARN).attributes;

tester.run(rule, {
  valid: [{ name: "ALERT and FLOW to CloudWatch" }],
  invalid: [
    {
      name: "alerts only",
      change: (d) => {
        fw(d).logging = fw(d).logging!.filter((l) => l.logType === "ALERT");
      },
      errors: [{ messageId: "missing", resource: FIREWALL_ARN }],
    },
    {
      name: "no logging",
      change: (d) => {
        fw(d).logging = [];
      },
      errors: [{ messageId: "missing", resource: FIREWALL_ARN }],
    },
  ],
  unknown: [
    {
      name: "logging configuration not collected",
      change: (d) => {
        fw(d).logging = undefined;
      },
      resources: [FIREWALL_ARN],
    },
  ],
});
