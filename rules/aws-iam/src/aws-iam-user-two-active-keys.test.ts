import rule from "./aws-iam-user-two-active-keys";
import { findIn, userArn } from "./fixtures";
import { tester } from "./tester";

const secondKey = (active: boolean) => ({
  id: "access_key_2",
  active,
  createdAt: "2026-11-01T00:00:00Z",
  lastUsedAt: null,
});

tester.run(rule, {
  valid: [
    { name: "one key each at most" },
    {
      name: "a second key that is deactivated",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.accessKeys!.push(secondKey(false));
      },
    },
  ],
  invalid: [
    {
      name: "two active keys",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.accessKeys!.push(secondKey(true));
      },
      errors: [{ messageId: "twoActive", resource: userArn("yamada") }],
    },
  ],
  unknown: [
    {
      name: "keys not collected",
      change: (s) => {
        delete findIn(s, "aws.iam.user", userArn("sato")).attributes.accessKeys;
      },
      resources: [userArn("sato")],
    },
  ],
});
