import rule from "./aws-iam-admin-mfa-enforced";
import { ADMIN_POLICY_ARN, findIn, groupArn, REQUIRE_MFA, userArn } from "./fixtures";
import { tester } from "./tester";

const admins = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.group", groupArn("admins")).attributes;
const yamada = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.user", userArn("yamada")).attributes;

tester.run(rule, {
  valid: [
    { name: "the admins' group holds the MFA guard" },
    {
      name: "a guard with Bool, an explicit Action * and an array value",
      change: (s) => {
        admins(s).inlinePolicies = [
          {
            name: "require-mfa",
            document: {
              Statement: {
                Effect: "Deny",
                Action: "*",
                Resource: "*",
                Condition: { Bool: { "aws:MultiFactorAuthPresent": ["false"] } },
              },
            },
          },
        ];
      },
    },
  ],
  invalid: [
    {
      name: "the admins' group lost its guard",
      change: (s) => {
        admins(s).inlinePolicies = [];
      },
      errors: [{ messageId: "notEnforced", resource: userArn("sato") }],
    },
    {
      name: "a user given AdministratorAccess directly, outside the guarded group",
      change: (s) => {
        yamada(s).attachedPolicies.push({ arn: ADMIN_POLICY_ARN, name: "AdministratorAccess" });
      },
      errors: [{ messageId: "notEnforced", resource: userArn("yamada") }],
    },
    {
      name: "a Deny without MFA that covers only some actions is no guard",
      change: (s) => {
        const [statement] = (REQUIRE_MFA.Statement as object[]) ?? [];
        admins(s).inlinePolicies = [
          {
            name: "partial",
            document: {
              Statement: [{ ...(statement as object), NotAction: undefined, Action: "s3:*" } as never],
            },
          },
        ];
      },
      errors: [{ messageId: "notEnforced", resource: userArn("sato") }],
    },
  ],
  unknown: [
    {
      name: "an attached policy of an admin was not collected",
      change: (s) => {
        admins(s).inlinePolicies = [];
        admins(s).attachedPolicies.push({ arn: "arn:aws:iam::111122223333:policy/gone", name: "gone" });
      },
      resources: [userArn("sato")],
    },
  ],
});
