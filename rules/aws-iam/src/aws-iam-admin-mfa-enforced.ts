import { defineRule, type PolicyStatement, type ResourceOf, type RuleContext } from "@itaku/core";
import { asList, grantsAdmin, policiesOf, statementsOf } from "./policies";

/**
 * A Deny that applies whenever the session has no MFA: `aws:MultiFactorAuthPresent` false under Bool
 * or BoolIfExists, over every action (`*`) or everything but a few (`NotAction`, the usual form that
 * still lets a user enrol a device).
 */
function deniesWithoutMfa(statement: PolicyStatement): boolean {
  if (statement.Effect !== "Deny") return false;
  const coversEverything = statement.NotAction !== undefined || asList(statement.Action).includes("*");
  if (!coversEverything) return false;
  return Object.entries(statement.Condition ?? {}).some(
    ([operator, conditions]) =>
      /^Bool(IfExists)?$/i.test(operator) &&
      Object.entries(conditions).some(
        ([key, value]) =>
          key.toLowerCase() === "aws:multifactorauthpresent" &&
          (Array.isArray(value) ? value : [value]).some((v) => String(v).toLowerCase() === "false"),
      ),
  );
}

/**
 * Without a guard policy, live: the console needs an MFA device and no access key may be active
 * (a key is never asked for MFA). Unknown when the credential report was not read.
 */
function judgeCredentials(
  ctx: RuleContext<"consoleWithoutMfa" | "keysWithoutMfa" | "notEnforced">,
  user: ResourceOf<"aws.iam.user">,
  admin: string[],
): void {
  const { passwordEnabled, mfaActive, accessKeys } = user.attributes;
  const via = admin.join(", ");
  const name = user.attributes.userName;
  if (
    passwordEnabled === undefined ||
    accessKeys === undefined ||
    (passwordEnabled && mfaActive === undefined)
  ) {
    ctx.unknown(
      user,
      "Holds administrator access without an MFA guard policy; its MFA device and access keys were not collected",
      { admin },
    );
    return;
  }
  const activeKeys = accessKeys.filter((key) => key.active).length;
  if (passwordEnabled && !mfaActive) ctx.fail(user, "consoleWithoutMfa", { user: name, via }, { admin });
  else if (activeKeys > 0)
    ctx.fail(user, "keysWithoutMfa", { user: name, via, keys: activeKeys }, { admin, activeKeys });
  else ctx.pass(user, { admin, console: passwordEnabled, mfaDevice: mfaActive ?? false, activeKeys: 0 });
}

export default defineRule({
  id: "aws-iam-admin-mfa-enforced",
  title: {
    en: "Administrators cannot act without MFA",
    ja: "管理者権限は多要素認証なしでは使えない",
  },
  description: {
    en: "A stolen password or access key alone must not be enough to use administrator access. Live, an administrator passes with an MFA device for console sign-in and no active access key, or with a policy that denies its actions when the session has no MFA (`aws:MultiFactorAuthPresent`), which covers keys too. In infrastructure code, where devices cannot be seen, the policy is what is checked.",
    ja: "管理者権限を持つIAMユーザーには、MFAなしのセッションでの操作を拒否するポリシーも付与されていること。パスワードの漏えいだけで特権が使われることを防ぐ。MFAデバイスの登録状況と異なり、デプロイ前のコードからも確認できる。",
  },
  severity: "high",
  controls: ["NIC-1-4-4-2", "IPA-4.1-9", "NIC-1-4-2-1"],
  resourceTypes: ["aws.iam.user"],
  reads: ["aws.iam.group", "aws.iam.policy"],
  appliesTo: ["live", "iac"],
  messages: {
    notEnforced:
      "IAM user {user} holds administrator access ({via}) but no policy it holds denies actions without MFA",
    consoleWithoutMfa:
      "IAM user {user} holds administrator access ({via}) and signs in to the console without an MFA device; no policy it holds denies actions without MFA",
    keysWithoutMfa:
      "IAM user {user} holds administrator access ({via}) with {keys} active access key(s), and no policy it holds denies their use without MFA",
  },
  remediation: {
    summary:
      "Attach to the administrators' group a policy that denies every action except MFA enrolment when aws:MultiFactorAuthPresent is false.",
    pulumi:
      'new aws.iam.GroupPolicy("require-mfa", { group: admins.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }] }) });',
  },
  check(ctx) {
    for (const user of ctx.resources("aws.iam.user")) {
      const { held, missing } = policiesOf(ctx, user, { throughGroups: true });
      const admin = held.filter((p) => grantsAdmin(p.document)).map((p) => p.label);
      if (admin.length === 0) {
        if (missing.length > 0)
          ctx.unknown(user, `Policies not collected: ${missing.join(", ")}`, { missing });
        else ctx.notApplicable(user, "The user holds no administrator access");
        continue;
      }
      const guards = held.filter((p) => statementsOf(p.document).some(deniesWithoutMfa)).map((p) => p.label);
      if (guards.length > 0) ctx.pass(user, { admin, mfaGuard: guards });
      else if (ctx.origin === "live" && missing.length === 0) judgeCredentials(ctx, user, admin);
      else if (missing.length > 0) {
        ctx.unknown(
          user,
          `Holds administrator access; policies not collected may guard it: ${missing.join(", ")}`,
          {
            admin,
            missing,
          },
        );
      } else
        ctx.fail(user, "notEnforced", { user: user.attributes.userName, via: admin.join(", ") }, { admin });
    }
  },
});
