// Test fixture for the reporters: a real engine Result from a tiny snapshot and two tiny rules, with
// every status, an active and an expired waiver, a gap, an attestation, a Japanese name and a hostile one.
import { controls } from "@itaku/controls";
import {
  type AccessSection,
  type AnyRule,
  defineRule,
  emptySettings,
  evaluate,
  type Resource,
  type Result,
  type Snapshot,
  snapshotSchema,
} from "@itaku/core";
import type { ReportContext } from "./report-context";

/** A resource name an attacker controls: markup, table pipes, backticks, CDATA end, quotes, controls, emoji, Japanese. */
export const HOSTILE =
  "<script>alert(1)</script>|pipe|`tick`]]>\"dq\"'sq'\nnewline\u0000nul\u001b[31mred\u202egnp.exe 🙂 山田 [link](https://evil.example) @octocat";

export const JAPANESE_NAME = "山田太郎";
export const ACCOUNT = "111122223333";

function iamUser(
  userName: string,
  extra: Record<string, unknown> = {},
  tags?: Record<string, string>,
): Resource {
  const arn = `arn:aws:iam::${ACCOUNT}:user/${userName}`;
  return {
    type: "aws.iam.user",
    id: arn,
    name: userName,
    scope: ACCOUNT,
    region: "global",
    ...(tags ? { tags } : {}),
    attributes: {
      arn,
      userName,
      path: "/",
      createdAt: "2025-04-01T00:00:00.000Z",
      groups: [],
      attachedPolicies: [],
      inlinePolicies: [],
      passwordEnabled: true,
      ...extra,
    },
  } as Resource;
}

export const mfaRule: AnyRule = defineRule({
  id: "test-user-mfa",
  title: { en: "Console users have MFA", ja: "コンソール利用者は多要素認証を使う" },
  description: {
    en: "A console password without MFA lets anyone who learns it log on.",
    ja: "MFA のないパスワードは漏れれば誰でもログオンできる。",
  },
  severity: "high",
  controls: ["NIC-1-4-4-2", "IPA-4.1-9"],
  resourceTypes: ["aws.iam.user"],
  appliesTo: ["live", "iac"],
  messages: { noMfa: "User {name} has a console password but no MFA" },
  remediation: {
    summary: "Enable a virtual MFA device for the user",
    cli: "aws iam enable-mfa-device --user-name <user> ...",
  },
  check(ctx) {
    for (const user of ctx.resources("aws.iam.user")) {
      const { attributes } = user;
      if (attributes.path.startsWith("/service/"))
        ctx.notApplicable(user, "Service user without a console password");
      else if (attributes.mfaActive === undefined)
        ctx.unknown(user, `MFA status of ${user.name} was not collected`);
      else if (!attributes.mfaActive) {
        ctx.fail(user, "noMfa", { name: user.name }, { mfaActive: false, owner: user.tags?.Owner ?? null });
      } else ctx.pass(user, { mfaActive: true });
    }
  },
});

export const genericNameRule: AnyRule = defineRule({
  id: "test-user-generic-name",
  title: { en: "Accounts are individual", ja: "アカウントは個人単位" },
  description: {
    en: "A shared account cannot be traced to a person.",
    ja: "共用アカウントは操作を個人に帰属できない。",
  },
  severity: "critical",
  controls: ["NIC-1-4-2-2", "IPA-4.1-1"],
  resourceTypes: ["aws.iam.user"],
  appliesTo: ["live", "iac"],
  messages: { generic: "Account {name} looks shared or generic" },
  remediation: { summary: "Give each person their own account", pulumi: "new aws.iam.User(personName);" },
  check(ctx) {
    for (const user of ctx.resources("aws.iam.user")) {
      if (/shared|ops|script/.test(user.name))
        ctx.fail(user, "generic", { name: user.name }, { name: user.name });
      else ctx.pass(user);
    }
  },
});

export const fixtureRules: readonly AnyRule[] = [genericNameRule, mfaRule];

export function fixtureSnapshot(): Snapshot {
  const snapshot = {
    schemaVersion: 1,
    collectedAt: "2026-11-19T23:00:00.000Z",
    origin: "live",
    sources: [
      {
        provider: "aws",
        scope: ACCOUNT,
        regions: ["ap-northeast-1"],
        gaps: [
          {
            source: "aws",
            scope: ACCOUNT,
            region: "ap-northeast-1",
            resourceType: "aws.s3.bucket",
            operation: "ListBuckets",
            code: "AccessDenied",
            message: `not authorized <b>${HOSTILE}</b>`,
          },
        ],
      },
    ],
    resources: [
      iamUser("alice", { mfaActive: true }),
      iamUser("bob", { mfaActive: false }),
      iamUser(JAPANESE_NAME, { mfaActive: false }),
      iamUser("shared-ops", { mfaActive: true }),
      iamUser("carol"),
      iamUser("svc-batch", { path: "/service/", passwordEnabled: false, mfaActive: false }),
      iamUser(HOSTILE, { mfaActive: false }, { Owner: HOSTILE }),
    ],
  };
  return snapshotSchema.parse(snapshot) as Snapshot;
}

export function fixtureResult(): Result {
  return evaluate({
    snapshot: fixtureSnapshot(),
    rules: fixtureRules,
    now: new Date("2026-11-20T00:00:00.000Z"),
    roster: null,
    settings: emptySettings(),
    waivers: [
      {
        rule: "test-user-generic-name",
        resource: "shared-ops",
        reason: "Moving to personal accounts <b>by</b> March | see ticket `OPS-1`",
        approvedBy: "甲 情報システム部 佐藤",
        expires: "2027-03-31",
      },
      {
        rule: "test-user-mfa",
        resource: "bob",
        reason: "MFA token on order",
        approvedBy: "yamada",
        expires: "2026-01-31",
      },
    ],
    attestations: [
      {
        control: "NIC-1-3",
        status: "implemented",
        note: "入退室は IC カードで管理",
        by: "yamada",
        at: "2026-11-01",
      },
    ],
    controls,
    toolVersion: "0.1.0",
  });
}

export function fixtureContext(overrides: Partial<ReportContext> = {}): ReportContext {
  return { rules: fixtureRules, controls, color: false, ...overrides };
}

const activity = {
  principals: ["yamada"],
  accounts: ["111122223333"],
  roles: [],
  activeDays: 12,
  events: 340,
  writeEvents: 21,
  offHoursEvents: 3,
  consoleLogins: { ok: 11, failed: 2, withMfa: 11 },
  sourceIps: [
    { address: "203.0.113.10", events: 330, new: false },
    { address: "198.51.100.23", events: 10, new: true },
  ],
  services: ["ec2.amazonaws.com", "s3.amazonaws.com"],
  firstEvent: "2026-10-01T01:00:00.000Z",
  lastEvent: "2026-10-30T09:00:00.000Z",
};

/** An audit Result's access review: one current person, one leaver, one principal nobody owns (hostile name). */
export const fixtureAccess: AccessSection = {
  period: { from: "2026-09-30T15:00:00.000Z", to: "2026-10-31T15:00:00.000Z", timeZone: "Asia/Tokyo" },
  baselineFrom: "2026-08-31T15:00:00.000Z",
  people: [
    { personId: "P001", name: "山田 太郎", role: "manager", startDate: "2024-04-01", ...activity },
    {
      personId: "P005",
      name: "田中 健太",
      role: "member",
      startDate: "2024-04-01",
      endDate: "2026-09-30",
      ...activity,
      activeDays: 0,
      events: 0,
      sourceIps: [],
    },
  ],
  unmatched: [
    {
      principal: `arn:aws:iam::111122223333:user/${HOSTILE}`,
      label: HOSTILE,
      kind: "iam-user",
      account: "111122223333",
      machine: false,
      ...activity,
    },
  ],
};

/**
 * An organisation audit's access review: a person active in two accounts, and `root` of each of two
 * accounts, which differ only by their account.
 */
export const fixtureOrgAccess: AccessSection = {
  ...fixtureAccess,
  people: [{ ...fixtureAccess.people[0]!, accounts: ["111122223333", "444455556666"] }],
  unmatched: ["111122223333", "444455556666"].map((account) => ({
    ...activity,
    principal: `arn:aws:iam::${account}:root`,
    label: "root",
    kind: "root",
    account,
    machine: false,
    accounts: [account],
    events: account === "111122223333" ? 7 : 9,
  })),
};
