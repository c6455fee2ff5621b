import { defineDetection, type Identity } from "@itaku/core";
import { z } from "zod";
import {
  addOnce,
  count,
  iso,
  mergeLists,
  mergeTallies,
  subjectOf,
  type Tally,
  tallyEvidence,
  worstPerSubject,
} from "./tally";

type Change = "credentialsCreated" | "adminPolicyAttached" | "trustWidened";
const PRIORITY: readonly Change[] = ["trustWidened", "adminPolicyAttached", "credentialsCreated"];

interface State {
  /** `${change}\u0000${actor}` → changes. */
  changes: Map<string, Tally>;
  /** Same key → what was changed (`CreateAccessKey alice`). */
  targets: Map<string, string[]>;
}

type Params = Record<string, unknown>;
const CREDENTIALS = new Set(["CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile"]);
const ATTACH = new Set(["AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy"]);
const INLINE = new Set(["PutUserPolicy", "PutRolePolicy", "PutGroupPolicy"]);

/** Parses a policy document as CloudTrail records it (a JSON string, sometimes URL-encoded). */
function policyDocument(value: unknown): Params | undefined {
  if (typeof value !== "string")
    return typeof value === "object" && value !== null ? (value as Params) : undefined;
  for (const text of [value, safeDecode(value)]) {
    try {
      return JSON.parse(text) as Params;
    } catch {}
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** An Allow statement granting every action. */
const grantsEverything = (doc: Params | undefined): boolean =>
  list(doc?.Statement).some(
    (s) => (s as Params).Effect === "Allow" && list((s as Params).Action).includes("*"),
  );

/** Accounts (or `*`) a trust policy lets assume the role. */
function trustedAccounts(doc: Params | undefined): string[] {
  const accounts: string[] = [];
  for (const statement of list(doc?.Statement)) {
    if ((statement as Params).Effect !== "Allow") continue;
    const principal = (statement as Params).Principal;
    const aws = principal === "*" ? ["*"] : list((principal as Params | undefined)?.AWS);
    for (const entry of aws) {
      const text = String(entry);
      accounts.push(text === "*" ? "*" : (/(?:^|::)(\d{12})(?::|$)/.exec(text)?.[1] ?? text));
    }
  }
  return accounts;
}

export default defineDetection({
  id: "access-privilege-change",
  title: {
    en: "Privilege changes by people who are not roster admins",
    ja: "台帳の管理者以外による権限変更",
  },
  description: {
    en: "Flags IAM changes that grant access — users, access keys and console passwords created, administrator policies attached, role trust opened to everyone or to accounts that are neither audited nor approved subcontractors — made by anyone who is not a current manager or admin of the roster.",
    ja: "アクセスを与える IAM の変更（ユーザー・アクセスキー・コンソールパスワードの作成、管理者ポリシーの付与、全員または監査対象でも承認済み再委託先でもないアカウントへのロール信頼の拡大）を、台帳の現任の manager・admin 以外が行った場合に検出します。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-3", "NIC-1-4-2-1", "NIC-1-4-2-3"],
  needs: { roster: true },
  options: z
    .object({
      adminRoles: z.array(z.enum(["manager", "admin", "member", "auditor"])).default(["manager", "admin"]),
      adminPolicies: z.array(z.string()).default(["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"]),
    })
    .strict(),
  optionDocs: {
    adminRoles: "Roster roles allowed to change privileges",
    adminPolicies: "Managed policy names that count as administrator access",
  },
  messages: {
    credentialsCreated: "{actor}, who is not a roster admin, created credentials {count} time(s): {targets}",
    adminPolicyAttached:
      "{actor}, who is not a roster admin, granted administrator access {count} time(s): {targets}",
    trustWidened: "{actor} opened role trust to {targets}",
  },
  remediation: {
    summary:
      "Review and undo the change unless an admin approves it; keep IAM write permissions to the roster's admins (a permissions boundary or an SCP), and list partner accounts under subcontractors before trusting them.",
  },
  init: (): State => ({ changes: new Map(), targets: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || event.errorCode || event.eventSource !== "iam.amazonaws.com") return;
    const name = event.eventName;
    if (
      !CREDENTIALS.has(name) &&
      !ATTACH.has(name) &&
      !INLINE.has(name) &&
      name !== "UpdateAssumeRolePolicy" &&
      name !== "CreateRole"
    )
      return;
    if (identity.machine || identity.kind === "service") return;
    const params = (event.requestParameters ?? {}) as Params;
    const target = String(params.userName ?? params.roleName ?? params.groupName ?? "");
    let change: Change | undefined;
    let detail = `${name} ${target}`;
    if (name === "UpdateAssumeRolePolicy" || name === "CreateRole") {
      const approved = new Set([
        event.recipientAccountId ?? "",
        ...ctx.ownAccounts,
        ...ctx.subcontractors.flatMap((s) => s.awsAccountIds),
      ]);
      const foreign = trustedAccounts(
        policyDocument(params.policyDocument ?? params.assumeRolePolicyDocument),
      ).filter((account) => !approved.has(account));
      if (foreign.length > 0) {
        change = "trustWidened";
        detail = `${target} ← ${foreign.join(", ")}`;
      }
    } else if (!allowedActor(identity, ctx.clock.localDate, ctx.options.adminRoles)) {
      if (CREDENTIALS.has(name)) change = "credentialsCreated";
      else if (ATTACH.has(name)) {
        const policy =
          String(params.policyArn ?? "")
            .split("/")
            .pop() ?? "";
        if (ctx.options.adminPolicies.includes(policy)) {
          change = "adminPolicyAttached";
          detail = `${policy} → ${target}`;
        }
      } else if (grantsEverything(policyDocument(params.policyDocument))) {
        change = "adminPolicyAttached";
        detail = `${name} ${target} (Action "*")`;
      }
    }
    if (!change) return;
    const key = `${change}\u0000${identity.person?.personId ?? identity.key}`;
    count(
      state.changes,
      key,
      () => subjectOf(identity, event.recipientAccountId),
      ctx.clock.ms,
      event.eventID,
    );
    addOnce(state.targets, key, detail);
  },
  merge(into, from) {
    mergeTallies(into.changes, from.changes);
    mergeLists(into.targets, from.targets);
    return into;
  },
  report(state, ctx) {
    for (const { key, kind: change, tally } of worstPerSubject(
      state.changes,
      PRIORITY,
      (_key, t) => t.subject.id,
    )) {
      const targets = [...state.targets.get(key)!].sort();
      ctx.fail(
        tally.subject,
        change,
        {
          actor: tally.subject.name,
          count: tally.count,
          targets: targets.slice(0, 5).join("; ") + (targets.length > 5 ? "; …" : ""),
        },
        { ...tallyEvidence(tally), targets, first: iso(tally.first) },
      );
    }
  },
});

function allowedActor(identity: Identity, date: string, roles: readonly string[]): boolean {
  const person = identity.person;
  if (!person || !roles.includes(person.role)) return false;
  return person.startDate <= date && (!person.endDate || date <= person.endDate);
}
