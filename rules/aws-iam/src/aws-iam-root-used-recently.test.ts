import rule from "./aws-iam-root-used-recently";
import { ACCOUNT, addGap, findIn, ROOT_ARN } from "./fixtures";
import { tester } from "./tester";

const root = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.root", ROOT_ARN).attributes;

tester.run(rule, {
  valid: [
    { name: "root last signed in 263 days ago" },
    {
      name: "root never signed in",
      change: (s) => {
        root(s).passwordLastUsedAt = null;
      },
    },
    {
      name: "a longer window is not reached either",
      options: { windowDays: 200 },
    },
  ],
  invalid: [
    {
      name: "root signed in last week",
      change: (s) => {
        root(s).passwordLastUsedAt = "2026-11-13T08:00:00Z";
      },
      errors: [{ messageId: "passwordUsed", resource: ACCOUNT }],
    },
    {
      name: "a root key was used yesterday",
      change: (s) => {
        root(s).accessKeys = [
          {
            id: "access_key_1",
            active: true,
            createdAt: "2020-01-01T00:00:00Z",
            lastUsedAt: "2026-11-19T00:00:00Z",
          },
        ];
      },
      errors: [{ messageId: "keyUsed", resource: ACCOUNT }],
    },
    {
      name: "a one-year window catches the March sign-in",
      options: { windowDays: 365 },
      errors: [{ messageId: "passwordUsed", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "root could not be read",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.type !== "aws.iam.root");
        addGap(s, "aws.iam.root", "GetCredentialReport");
      },
      resources: [ACCOUNT],
    },
  ],
});
