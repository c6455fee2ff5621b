import { RuleTester } from "@itaku/rule-tester";
import { baseline, NOW, roster } from "./fixtures";
import briefing from "./roster-briefing-current";
import current from "./roster-current";
import singleManager from "./roster-single-manager";

const tester = new RuleTester({ baseline, roster, now: NOW });

tester.run(current, {
  valid: [{ name: "reviewed three weeks ago" }],
  invalid: [
    {
      name: "reviewed too long ago",
      change: (_s, r) => {
        r!.reviewedAt = "2026-01-31";
      },
      errors: [{ messageId: "stale", resource: "roster" }],
    },
    {
      name: "no review date",
      change: (_s, r) => {
        r!.reviewedAt = undefined;
      },
      errors: [{ messageId: "noReviewDate", resource: "roster" }],
    },
    { name: "no roster at all", withoutRoster: true, errors: [{ messageId: "missing", resource: "roster" }] },
    {
      name: "nobody on it",
      change: (_s, r) => {
        r!.people = [];
      },
      errors: [{ messageId: "empty", resource: "roster" }],
    },
  ],
});

tester.run(singleManager, {
  valid: [{ name: "one manager" }],
  invalid: [
    {
      name: "the manager left",
      change: (_s, r) => {
        r!.people[0]!.endDate = "2026-10-01";
      },
      errors: [{ messageId: "none", resource: "roster" }],
    },
    {
      name: "two managers",
      change: (_s, r) => {
        r!.people[1]!.role = "manager";
      },
      errors: [{ messageId: "several", resource: "roster" }],
    },
  ],
});

tester.run(briefing, {
  valid: [{ name: "everyone briefed this year" }],
  invalid: [
    {
      name: "a briefing older than a year",
      change: (_s, r) => {
        r!.people[1]!.briefedAt = "2025-06-01";
      },
      errors: [{ messageId: "notBriefed", resource: "roster" }],
    },
    {
      name: "never briefed",
      change: (_s, r) => {
        r!.people[0]!.briefedAt = undefined;
      },
      errors: [{ messageId: "notBriefed", resource: "roster" }],
    },
  ],
});
