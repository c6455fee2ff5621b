import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-leaver-activity";
import { apiCall, consoleLogin, identities, tester, workday } from "./fixtures";

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month (Tanaka's last act on his last day, Kobayashi from her first)" },
    {
      name: "dates are days in Tokyo: 00:30 JST on the first day is within, though still the day before in UTC",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("kobayashi"), "2026-10-18T15:30:00Z", "s3.amazonaws.com", "ListBuckets"),
        ),
    },
  ],
  invalid: [
    {
      name: "a leaver signs in after the end date",
      change: (d) => d.events.push(consoleLogin(identities.iamUser("tanaka"), workday(7))),
      errors: [{ messageId: "afterEnd", subject: "P005" }],
    },
    {
      name: "a leaver's SSO session after the end date",
      change: (d) =>
        d.events.push(
          apiCall(identities.sso("tanaka@vendor.example"), workday(8), "s3.amazonaws.com", "ListBuckets"),
        ),
      errors: [{ messageId: "afterEnd", subject: "P005" }],
    },
    {
      name: "a newcomer acts before the start date",
      change: (d) => d.events.push(consoleLogin(identities.iamUser("kobayashi"), workday(16))),
      errors: [{ messageId: "beforeStart", subject: "P009" }],
    },
  ],
  unknown: [
    {
      name: "without a roster nobody's dates are known",
      change: (d) => {
        d.roster = null;
      },
      subjects: ["2026-09-30T15:00:00.000Z/2026-10-31T15:00:00.000Z"],
    },
  ],
});
