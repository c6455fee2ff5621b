import rule from "./aws-iam-access-key-unused";
import { addGap, findIn, userArn } from "./fixtures";
import { tester } from "./tester";

const yamadaKey = (s: Parameters<typeof findIn>[0]) =>
  findIn(s, "aws.iam.user", userArn("yamada")).attributes.accessKeys![0]!;

tester.run(rule, {
  valid: [
    { name: "yamada's key was used yesterday" },
    {
      name: "a key created three days ago and not used yet is in its grace period",
      change: (s) => {
        Object.assign(yamadaKey(s), { createdAt: "2026-11-17T00:00:00Z", lastUsedAt: null });
      },
    },
    {
      name: "an unused key that is deactivated does not count",
      change: (s) => {
        Object.assign(yamadaKey(s), { active: false, lastUsedAt: null });
      },
    },
  ],
  invalid: [
    {
      name: "an active key unused since May",
      change: (s) => {
        yamadaKey(s).lastUsedAt = "2026-05-01T00:00:00Z";
      },
      errors: [{ messageId: "unused", resource: userArn("yamada") }],
    },
    {
      name: "an active key never used since October",
      change: (s) => {
        yamadaKey(s).lastUsedAt = null;
      },
      errors: [{ messageId: "neverUsed", resource: userArn("yamada") }],
    },
    {
      name: "no grace period at all",
      change: (s) => {
        Object.assign(yamadaKey(s), { createdAt: "2026-11-17T00:00:00Z", lastUsedAt: null });
      },
      options: { newKeyGraceDays: 0 },
      errors: [{ messageId: "neverUsed", resource: userArn("yamada") }],
    },
  ],
  unknown: [
    {
      name: "keys not collected",
      change: (s) => {
        delete findIn(s, "aws.iam.user", userArn("yamada")).attributes.accessKeys;
      },
      resources: [userArn("yamada")],
    },
    {
      name: "credential report failed",
      change: (s) => {
        addGap(s, "aws.iam.user", "GetCredentialReport", "ReportInProgress");
      },
      resources: [userArn("yamada")],
    },
  ],
});
