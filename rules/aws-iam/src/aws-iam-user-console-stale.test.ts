import rule from "./aws-iam-user-console-stale";
import { addGap, findIn, iamUser, userArn } from "./fixtures";
import { tester } from "./tester";

const sato = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.user", userArn("sato")).attributes;

tester.run(rule, {
  valid: [
    { name: "both users signed in this week" },
    {
      name: "a new password not used yet is within the period",
      change: (s) => {
        sato(s).passwordLastUsedAt = null;
        sato(s).passwordLastChangedAt = "2026-10-01T00:00:00Z";
      },
    },
    {
      name: "users without a password are not judged",
      change: (s) => {
        s.resources.push(iamUser("svc-batch", { passwordEnabled: false, passwordLastUsedAt: null }));
      },
    },
  ],
  invalid: [
    {
      name: "a password unused since spring",
      change: (s) => {
        sato(s).passwordLastUsedAt = "2026-04-30T00:00:00Z";
      },
      errors: [{ messageId: "unused", resource: userArn("sato") }],
    },
    {
      name: "a password never used since it was set in June",
      change: (s) => {
        sato(s).passwordLastUsedAt = null;
      },
      errors: [{ messageId: "neverUsed", resource: userArn("sato") }],
    },
    {
      name: "evaluated in March, the November sign-ins are stale",
      now: new Date("2027-03-01T00:00:00Z"),
      errors: [
        { messageId: "unused", resource: userArn("yamada") },
        { messageId: "unused", resource: userArn("sato") },
      ],
    },
  ],
  unknown: [
    {
      name: "last use not collected",
      change: (s) => {
        delete sato(s).passwordLastUsedAt;
      },
      resources: [userArn("sato")],
    },
    {
      name: "the credential report failed",
      change: (s) => {
        addGap(s, "aws.iam.user", "GetCredentialReport");
      },
      resources: [userArn("yamada"), userArn("sato")],
    },
  ],
});
