import { ACCOUNT_TYPES, defineRule, viewAccount } from "@itaku/core";
import { z } from "zod";

/** Names that mean "whoever needs it", not a person: role, team and placeholder words. */
const DEFAULT_GENERIC_NAMES = [
  "admin",
  "administrator",
  "root",
  "shared",
  "share",
  "common",
  "test",
  "tester",
  "testuser",
  "demo",
  "temp",
  "tmp",
  "guest",
  "user",
  "ops",
  "operator",
  "operations",
  "devops",
  "dev",
  "developer",
  "infra",
  "support",
  "helpdesk",
  "service",
  "team",
  "staff",
  "backup",
  "batch",
  "kanri",
  "kyoyu",
];

export default defineRule({
  id: "accounts-shared-generic",
  title: {
    en: "Accounts are individual, not shared or generic",
    ja: "アカウントは個人単位に付与する（共用・汎用アカウントがない）",
  },
  description: {
    en: "An account listed under several roster people, or owned by nobody in the roster and named like a role or team (admin, shared, test, ops…), is used by more than one person, so its actions cannot be traced to an individual. An account the roster gives exactly one owner is that person's, whatever its name.",
    ja: "台帳で複数人に紐づくアカウント、または台帳に所有者がいない admin・shared・test・ops 等の汎用名のアカウントは共用されており、操作を個人に帰属できない。台帳で所有者が一人だけのアカウントは、名前にかかわらずその人のものとする。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-2", "IPA-4.1-1"],
  resourceTypes: ACCOUNT_TYPES,
  reads: ["itaku.roster", "ad.domain"],
  appliesTo: ["live", "iac"],
  options: z
    .object({
      genericNames: z.array(z.string().min(1)).default(DEFAULT_GENERIC_NAMES),
      extraGenericNames: z.array(z.string().min(1)).default([]),
      allowNames: z.array(z.string().min(1)).default(["krbtgt"]),
    })
    .strict(),
  optionDocs: {
    genericNames:
      "Words that make an account generic when they form the name or one of its parts (split on - _ . and digits).",
    extraGenericNames: "More generic words (team names, say) added to genericNames.",
    allowNames: "Exact account names never reported (built-in accounts the directory needs).",
  },
  messages: {
    genericName: '{kind} {name} is named like a shared account ("{word}")',
    severalOwners: "{kind} {name} is listed under {count} roster people: {people}",
  },
  remediation: {
    summary:
      "Give each person an account of their own and remove the shared one; where a shared account is unavoidable (a break-glass account), record a waiver approved by the client.",
  },
  check(ctx, options) {
    const generic = new Set(
      [...options.genericNames, ...options.extraGenericNames].map((w) => w.toLowerCase()),
    );
    const allowed = new Set(options.allowNames.map((n) => n.toLowerCase()));
    for (const resource of [...ctx.resources("aws.iam.user"), ...ctx.resources("ad.user")]) {
      const view = viewAccount(ctx, resource);
      const kind = view.kind === "aws-iam-user" ? "IAM user" : "AD account";
      const name = view.name.toLowerCase();
      if (allowed.has(name)) {
        ctx.pass(resource, { allowed: true });
        continue;
      }
      if (view.owners && view.owners.length > 1) {
        ctx.fail(
          resource,
          "severalOwners",
          {
            kind,
            name: view.name,
            count: view.owners.length,
            people: view.owners.map((p) => p.personId).join(", "),
          },
          { owners: view.owners.map((p) => p.personId) },
        );
        continue;
      }
      // One named owner beats any name: `user-00042` owned by one person is that person's account.
      if (view.owners?.length === 1) {
        ctx.pass(resource, { owner: view.owners[0]!.personId });
        continue;
      }
      // Nobody owns it (or no roster says): the name is all there is to go by.
      const word = genericWordIn(name, generic);
      if (word) ctx.fail(resource, "genericName", { kind, name: view.name, word });
      else if (view.owners === undefined)
        ctx.unknown(resource, "No roster was given, so shared use cannot be checked");
      else ctx.pass(resource);
    }
  },
});

/** The generic word the name is, or is made of (`shared-ops`, `test01`, `admin_tokyo`). */
function genericWordIn(name: string, generic: ReadonlySet<string>): string | undefined {
  if (generic.has(name)) return name;
  const parts = name.split(/[-_.\s\d]+/).filter(Boolean);
  return parts.find((part) => generic.has(part));
}
