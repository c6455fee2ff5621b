import { ACCOUNT_TYPES, defineRule, viewAccount } from "@itaku/core";

export default defineRule({
  id: "accounts-owner-missing",
  title: {
    en: "Every enabled account belongs to a person on the roster",
    ja: "有効なアカウントは従事者台帳の人員に紐づく",
  },
  description: {
    en: "An enabled IAM or AD user that no roster person lists is an account nobody answers for; only the contract's personnel may use the information.",
    ja: "台帳の誰にも紐づかない有効なアカウントは責任者不在であり、情報の利用者を業務従事者に限定できない。",
  },
  severity: "high",
  controls: ["NIC-1-2-2-1", "NIC-1-4-2-1", "IPA-C-3-2", "IPA-1.1-4"],
  resourceTypes: ACCOUNT_TYPES,
  reads: ["itaku.roster", "ad.domain"],
  appliesTo: ["live", "iac"],
  messages: {
    noOwner: "{kind} {name} is enabled but no roster person lists it",
    ownerNotStarted: "{kind} {name} belongs to {person}, whose start date {startDate} has not come yet",
  },
  remediation: {
    summary:
      "Add the account to its owner's row in the roster (aws_iam_users / ad_accounts), or disable it. Service accounts need a named owner or a waiver approved by the client.",
    cli: "aws iam delete-login-profile --user-name NAME   # then deactivate its access keys",
  },
  check(ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    for (const resource of [...ctx.resources("aws.iam.user"), ...ctx.resources("ad.user")]) {
      const view = viewAccount(ctx, resource);
      if (view.enabled === false) {
        ctx.notApplicable(resource, "The account is disabled");
        continue;
      }
      if (view.owners === undefined) {
        ctx.unknown(resource, "No roster was given, so owners cannot be checked");
        continue;
      }
      const kind = view.kind === "aws-iam-user" ? "IAM user" : "AD account";
      if (view.owners.length === 0) {
        if (view.enabled === undefined)
          ctx.unknown(resource, "Whether the account is enabled was not collected");
        else ctx.fail(resource, "noOwner", { kind, name: view.name });
        continue;
      }
      const started = view.owners.filter((p) => p.startDate <= today);
      if (started.length === 0) {
        const person = view.owners[0]!;
        ctx.fail(resource, "ownerNotStarted", {
          kind,
          name: view.name,
          person: person.personId,
          startDate: person.startDate,
        });
        continue;
      }
      ctx.pass(resource, { owners: view.owners.map((p) => p.personId) });
    }
  },
});
