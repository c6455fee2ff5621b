import rule from "./aws-iam-password-policy";
import { ACCOUNT, addGap, findIn, PASSWORD_POLICY_ID } from "./fixtures";
import { tester } from "./tester";

const policy = (s: Parameters<typeof findIn>[0]) =>
  findIn(s, "aws.iam.password-policy", PASSWORD_POLICY_ID).attributes;

tester.run(rule, {
  valid: [
    { name: "the policy meets every minimum" },
    {
      name: "no expiry required when the option is off",
      change: (s) => {
        delete policy(s).maxAgeDays;
      },
      options: { maxAgeDays: null },
    },
  ],
  invalid: [
    {
      name: "no password policy at all",
      change: (s) => {
        findIn(s, "aws.iam.password-policy", PASSWORD_POLICY_ID).attributes = { present: false };
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
    {
      name: "8 characters",
      change: (s) => {
        policy(s).minimumLength = 8;
      },
      errors: [{ messageId: "weak", resource: ACCOUNT }],
    },
    {
      name: "passwords never expire",
      change: (s) => {
        delete policy(s).maxAgeDays;
      },
      errors: [{ messageId: "weak", resource: ACCOUNT }],
    },
    {
      name: "symbols not required",
      change: (s) => {
        policy(s).requireSymbols = false;
      },
      errors: [{ messageId: "weak", resource: ACCOUNT }],
    },
    {
      name: "remembers only 3 passwords",
      change: (s) => {
        policy(s).reusePrevention = 3;
      },
      errors: [{ messageId: "weak", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "GetAccountPasswordPolicy was denied",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.type !== "aws.iam.password-policy");
        addGap(s, "aws.iam.password-policy", "GetAccountPasswordPolicy");
      },
      resources: [ACCOUNT],
    },
    {
      name: "the minimum length was not collected",
      change: (s) => {
        delete policy(s).minimumLength;
      },
      resources: [ACCOUNT],
    },
  ],
});
