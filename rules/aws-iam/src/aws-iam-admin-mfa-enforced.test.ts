import rule from "./aws-iam-admin-mfa-enforced";
import { ADMIN_POLICY_ARN, findIn, groupArn, REQUIRE_MFA, userArn } from "./fixtures";
import { tester } from "./tester";

const admins = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.group", groupArn("admins")).attributes;
const yamada = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.user", userArn("yamada")).attributes;
const sato = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.user", userArn("sato")).attributes;
const activeKey = {
  id: "access_key_1",
  active: true,
  createdAt: "2026-10-01T00:00:00Z",
  lastUsedAt: "2026-11-19T12:00:00Z",
};

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
    {
      name: "no guard, but the admin signs in with an MFA device and has no access key",
      change: (s) => {
        admins(s).inlinePolicies = [];
      },
    },
    {
      name: "no guard, an admin with no console password and no access key",
      change: (s) => {
        admins(s).inlinePolicies = [];
        Object.assign(sato(s), { passwordEnabled: false, mfaActive: false });
      },
    },
    {
      name: "an admin with access keys, under the guard",
      change: (s) => {
        sato(s).accessKeys!.push(activeKey);
      },
    },
    {
      name: "no guard, an inactive key only",
      change: (s) => {
        admins(s).inlinePolicies = [];
        sato(s).accessKeys!.push({ ...activeKey, active: false });
      },
    },
  ],
  invalid: [
    {
      name: "no guard and no MFA device on the console",
      change: (s) => {
        admins(s).inlinePolicies = [];
        sato(s).mfaActive = false;
      },
      errors: [{ messageId: "consoleWithoutMfa", resource: userArn("sato") }],
    },
    {
      name: "no guard, MFA on the console, but an active access key",
      change: (s) => {
        admins(s).inlinePolicies = [];
        sato(s).accessKeys!.push(activeKey);
      },
      errors: [{ messageId: "keysWithoutMfa", resource: userArn("sato") }],
    },
    {
      name: "infrastructure code, where devices cannot be seen: the admins' group lost its guard",
      change: (s) => {
        s.origin = "iac";
        admins(s).inlinePolicies = [];
      },
      errors: [{ messageId: "notEnforced", resource: userArn("sato") }],
    },
    {
      name: "a user given AdministratorAccess directly, outside the guarded group",
      change: (s) => {
        yamada(s).attachedPolicies.push({ arn: ADMIN_POLICY_ARN, name: "AdministratorAccess" });
      },
      errors: [{ messageId: "keysWithoutMfa", resource: userArn("yamada") }],
    },
    {
      name: "a Deny without MFA that covers only some actions is no guard (console without a device)",
      change: (s) => {
        sato(s).mfaActive = false;
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
      errors: [{ messageId: "consoleWithoutMfa", resource: userArn("sato") }],
    },
  ],
  unknown: [
    {
      name: "no guard, and the credential report was not read",
      change: (s) => {
        admins(s).inlinePolicies = [];
        Object.assign(sato(s), { passwordEnabled: undefined, mfaActive: undefined, accessKeys: undefined });
      },
      resources: [userArn("sato")],
    },
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
