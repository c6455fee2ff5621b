import { ACCOUNT_TYPES, daysBetween, defineRule, hasLeft, viewAccount } from "@itaku/core";

export default defineRule({
  id: "accounts-leaver-enabled",
  title: { en: "Leavers' accounts are disabled", ja: "退職・異動者のアカウントは停止されている" },
  description: {
    en: "An account of a roster person whose end date has passed must already be disabled: the contract requires unneeded accounts to be stopped immediately.",
    ja: "台帳の終了日を過ぎた人員のアカウントは既に停止されていなければならない（不要となったアカウントは直ちに停止）。",
  },
  severity: "critical",
  controls: ["NIC-1-4-2-4", "IPA-4.1-6"],
  resourceTypes: ACCOUNT_TYPES,
  reads: ["itaku.roster", "ad.domain"],
  appliesTo: ["live", "iac"],
  messages: {
    stillEnabled: "{kind} {name} of {person} is still enabled, {days} days after their end date {endDate}",
  },
  remediation: {
    summary:
      "Disable the account now (remove the console password and deactivate keys; disable the AD account), then delete it after the retention your procedure sets.",
    cli: "aws iam delete-login-profile --user-name NAME && aws iam update-access-key --user-name NAME --access-key-id KEY --status Inactive",
  },
  check(ctx) {
    for (const resource of [...ctx.resources("aws.iam.user"), ...ctx.resources("ad.user")]) {
      const view = viewAccount(ctx, resource);
      if (view.owners === undefined) {
        ctx.unknown(resource, "No roster was given, so leavers cannot be checked");
        continue;
      }
      const leavers = view.owners.filter((p) => hasLeft(p, ctx.now));
      // An account still listed under a current person is that person's; it is not a leaver's account.
      const current = view.owners.filter((p) => !hasLeft(p, ctx.now));
      if (leavers.length === 0 || current.length > 0) {
        ctx.pass(resource);
        continue;
      }
      if (view.enabled === false) {
        ctx.pass(resource, { disabled: true });
        continue;
      }
      if (view.enabled === undefined) {
        ctx.unknown(resource, "Whether the account is enabled was not collected");
        continue;
      }
      const person = leavers[0]!;
      const days = daysBetween(`${person.endDate}T00:00:00Z`, ctx.now);
      ctx.fail(
        resource,
        "stillEnabled",
        {
          kind: view.kind === "aws-iam-user" ? "IAM user" : "AD account",
          name: view.name,
          person: `${person.personId} (${person.name})`,
          days,
          endDate: person.endDate!,
        },
        { person: person.personId, endDate: person.endDate },
      );
    }
  },
});
