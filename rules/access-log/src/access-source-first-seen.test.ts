import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-source-first-seen";
import { apiCall, consoleLogin, HOME_IP, identities, tester, workday } from "./fixtures";

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month: known office addresses" },
    {
      name: "an outside address already used in the look-back",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("yamada"), "2026-09-20T01:00:00Z", "ec2.amazonaws.com", "DescribeVpcs", {
            sourceIPAddress: HOME_IP,
          }),
          apiCall(identities.iamUser("yamada"), workday(9), "ec2.amazonaws.com", "DescribeVpcs", {
            sourceIPAddress: HOME_IP,
          }),
        ),
    },
    {
      name: "a failed sign-in from a new address is not the person acting",
      change: (d) =>
        d.events.push(consoleLogin(identities.iamUser("sato"), workday(9), { ok: false, ip: HOME_IP })),
    },
    {
      name: "a service name as source is no address",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("yamada"), workday(9), "kms.amazonaws.com", "Decrypt", {
            sourceIPAddress: "AWS Internal",
          }),
        ),
    },
  ],
  invalid: [
    {
      name: "a new address in the period",
      change: (d) => d.events.push(consoleLogin(identities.iamUser("sato"), workday(9), { ip: HOME_IP })),
      errors: [{ messageId: "newSource", subject: "P002" }],
    },
    {
      name: "office addresses count as new when asked to (a newcomer's included)",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("sato"), workday(9), "s3.amazonaws.com", "ListBuckets", {
            sourceIPAddress: "203.0.113.99",
          }),
        ),
      options: { ignoreAllowed: false },
      errors: [
        { messageId: "newSource", subject: "P002" },
        { messageId: "newSource", subject: "P009" },
      ],
    },
  ],
  unknown: [
    {
      name: "a gap in the look-back leaves first-seen unknown",
      change: (d) => {
        d.coverage.gaps = [
          {
            code: "AccessDenied",
            location: "s3://trail/AWSLogs/111122223333/CloudTrail/ap-northeast-1/2026/09/10/",
            from: "2026-09-10T00:00:00Z",
            to: "2026-09-11T00:00:00Z",
          },
        ];
      },
      subjects: ["2026-09-30T15:00:00.000Z/2026-10-31T15:00:00.000Z"],
    },
  ],
  notApplicable: [
    {
      name: "a source that cannot reach back (LookupEvents past 90 days)",
      change: (d) => {
        d.coverage.baseline = false;
      },
    },
  ],
});
