// The monthly report with an audit Result: its access review (per person, then unmatched principals)
// and its detections, in both languages, with hostile principal names kept as text.
import { controls } from "@itaku/controls";
import { fixtureAccess as access, fixtureOrgAccess, fixtureResult } from "../fixtures";
import { renderMonthly } from "./index";

const input = {
  current: fixtureResult(),
  audit: { ...fixtureResult(), access },
  controls,
  generatedAt: new Date("2026-11-20T00:00:00Z"),
};

describe("the monthly report with --audit", () => {
  it("shows the access review per person and the principals nobody owns, in Japanese", () => {
    const text = renderMonthly(input, "ja", "markdown");
    expect(text).toContain("### 従事者ごとのアクセス状況");
    // Local days of the audit's zone, the exclusive end shown as the last day reviewed.
    expect(text).toContain(
      "点検期間: 2026年10月1日 – 2026年10月31日（Asia/Tokyo）。新規の接続元（\\*）は 2026年9月1日 以降の活動との比較。",
    );
    expect(text).toContain(
      "| P001 山田 太郎 | 責任者 | 12 | 340 | 21 | 11/2/11 | 3 | <code>203.0.113.10, 198.51.100.23\\*</code> |",
    );
    expect(text).toContain("| P005 田中 健太 | 従事者（2026年9月30日 離任） | 0 |");
    expect(text).toContain("### 台帳の誰にも対応しない主体");
    expect(text).toMatch(/### 検知事項 \(\d+\)/);
    expect(text).not.toContain("<script>");
  });

  it("names roles and principal kinds in the report's language, the hidden user name too", () => {
    const hidden = {
      ...access.unmatched[0]!,
      principal: "hidden:111122223333",
      label: "(hidden user name)",
      kind: "hidden",
    };
    const machine = {
      ...access.unmatched[0]!,
      principal: "arn:aws:sts::111122223333:assumed-role/app/i-0abc",
      label: "app",
      kind: "assumed-role",
      machine: true,
    };
    const newer = { ...access.unmatched[0]!, principal: "x", label: "x", kind: "kind-of-a-newer-audit" };
    const withKinds = {
      ...input,
      audit: {
        ...input.audit,
        access: { ...access, unmatched: [...access.unmatched, hidden, machine, newer] },
      },
    };
    const ja = renderMonthly(withKinds, "ja", "markdown");
    expect(ja).toContain("| IAM ユーザー |");
    expect(ja).toContain("| （ユーザー名は非表示） | 失敗したサインイン |");
    expect(ja).toContain("| app | ロールのセッション（ワークロード） |");
    expect(ja).toContain("| x | kind-of-a-newer-audit |");
    expect(ja).not.toMatch(/\| (manager|member|iam-user|hidden|assumed-role)[ ,(]/);
    const en = renderMonthly(withKinds, "en", "markdown");
    expect(en).toContain("| P005 田中 健太 | member, left 30 September 2026 |");
    expect(en).toContain("| (user name hidden) | failed sign-in |");
    expect(en).toContain("| app | role session (workload) |");
    expect(en).toContain("Reviewed 1 October 2026 – 31 October 2026 (Asia/Tokyo)");
  });

  it("adds the accounts column in an organisation audit, so each account's root is told apart", () => {
    const org = { ...input, audit: { ...input.audit, access: fixtureOrgAccess } };
    const ja = renderMonthly(org, "ja", "markdown");
    expect(ja).toContain("| 従事者・主体 | 役割・種別 | アカウント | 活動日数 |");
    expect(ja).toContain("| root | ルートユーザー | <code>111122223333</code> | 12 | 7 |");
    expect(ja).toContain("| root | ルートユーザー | <code>444455556666</code> | 12 | 9 |");
    expect(renderMonthly(org, "en", "markdown")).toContain(
      "| Person or principal | Role or kind | Accounts |",
    );
    expect(renderMonthly(input, "ja", "markdown")).not.toContain("アカウント |");
  });

  it("in English too, and says so when no audit was given", () => {
    expect(renderMonthly(input, "en", "markdown")).toContain("### Access per person");
    expect(renderMonthly({ ...input, audit: undefined }, "en", "markdown")).toContain(
      "No access-log audit result (--audit) was given.",
    );
  });
});

describe("the header's sources", () => {
  const athena = {
    provider: "aws-cloudtrail-athena",
    scope: "111122223333",
    regions: ["ap-northeast-1"],
    collectedAt: "2026-11-20T00:00:00Z",
    gaps: [],
    stats: { queries: 2, dataScannedBytes: 1_210_000_000, costUsd: 0.006, elapsedMs: 41_200 },
  };
  const withAthena = { ...input, audit: { ...input.audit, sources: [athena] } };

  it("list the audit's sources after the scan's, with what reading them took, in Japanese", () => {
    const text = renderMonthly(withAthena, "ja", "markdown");
    expect(text).toContain(
      "| アクセスログ | aws-cloudtrail-athena 111122223333 (ap-northeast-1) — 取得不能なし (クエリ 2 件、読み取り 1.21 GB、費用 約 $0.0060、41.2 秒) |",
    );
    expect(text.indexOf("| 点検対象 |")).toBeLessThan(text.indexOf("| アクセスログ |"));
  });

  it("and in English, a single query said so", () => {
    const one = {
      ...withAthena,
      audit: { ...withAthena.audit, sources: [{ ...athena, stats: { queries: 1 } }] },
    };
    expect(renderMonthly(one, "en", "markdown")).toContain(
      "| Access logs | aws-cloudtrail-athena 111122223333 (ap-northeast-1) — fully read (1 query) |",
    );
  });
});
