import rule from "./aws-iam-access-key-rotation";
import { findIn, userArn } from "./fixtures";
import { tester } from "./tester";

const yamada = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.user", userArn("yamada")).attributes;

tester.run(rule, {
  valid: [
    { name: "yamada's key is 50 days old" },
    {
      name: "an old key that is deactivated",
      change: (s) => {
        yamada(s).accessKeys = [
          { id: "access_key_1", active: false, createdAt: "2023-01-01T00:00:00Z", lastUsedAt: null },
        ];
      },
    },
  ],
  invalid: [
    {
      name: "a key created in 2025",
      change: (s) => {
        yamada(s).accessKeys![0]!.createdAt = "2025-08-01T00:00:00Z";
      },
      errors: [{ messageId: "old", resource: userArn("yamada") }],
    },
    {
      name: "a 30-day rotation period",
      options: { maxAgeDays: 30 },
      errors: [{ messageId: "old", resource: userArn("yamada") }],
    },
  ],
  unknown: [
    {
      name: "keys not collected",
      change: (s) => {
        delete yamada(s).accessKeys;
      },
      resources: [userArn("yamada")],
    },
  ],
});
