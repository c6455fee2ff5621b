import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-off-hours";
import { apiCall, consoleLogin, identities, tester, workday } from "./fixtures";

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month (the instance role's night job is a workload's)" },
    {
      name: "reads at night are not counted by default",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("yamada"), workday(9, 23), "ec2.amazonaws.com", "DescribeInstances"),
        ),
    },
    {
      name: "a late evening inside business hours (19:59 JST)",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("sato"), "2026-10-09T10:59:00Z", "ec2.amazonaws.com", "StopInstances", {
            readOnly: false,
          }),
        ),
    },
    {
      name: "one night call under a higher minimum",
      change: (d) => d.events.push(consoleLogin(identities.iamUser("yamada"), workday(9, 22))),
      options: { minEvents: 2 },
    },
  ],
  invalid: [
    {
      name: "a sign-in at 22:00 JST",
      change: (d) => d.events.push(consoleLogin(identities.iamUser("yamada"), workday(9, 22))),
      errors: [{ messageId: "offHours", subject: "P001" }],
    },
    {
      name: "a write on Sports Day (12 October 2026), a Monday",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("sato"), workday(12), "ec2.amazonaws.com", "StopInstances", {
            readOnly: false,
          }),
        ),
      errors: [{ messageId: "offHours", subject: "P002" }],
    },
    {
      name: "a Saturday write by an SSO session",
      change: (d) =>
        d.events.push(
          apiCall(identities.sso("suzuki@vendor.example"), workday(17), "s3.amazonaws.com", "PutObject", {
            readOnly: false,
          }),
        ),
      errors: [{ messageId: "offHours", subject: "P003" }],
    },
    {
      name: "reads count when asked to",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("yamada"), workday(9, 23), "ec2.amazonaws.com", "DescribeInstances"),
        ),
      options: { events: "all" },
      errors: [{ messageId: "offHours", subject: "P001" }],
    },
  ],
});
