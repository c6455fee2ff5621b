// `audit --org`: one Result source per account of the organisation, with its status and ListAccounts
// metadata — the shape `scan --org` gives its accounts — from what the event sources read of it.
import { describeGaps } from "@itaku/collector-aws";
import type { Result, SourceStatus } from "@itaku/core";
import { resultGap } from "./result-gap";
import type { AuditGap, SourceReport } from "./sources/types";

type ResultSource = Result["sources"][number];

export interface OrganizationAuditAccount {
  id: string;
  /** The account's ListAccounts metadata (name, email, OU path, organisation). */
  account: NonNullable<ResultSource["account"]>;
  /** Why it is not audited (excluded, suspended): its events are not read, nor judged. */
  skipped?: string;
  /** Why nothing of it could be read (its member role was refused), with the gap that says so. */
  failed?: AuditGap;
}

export interface OrganizationSources {
  /** One source per account, then the archives and tables read (with the gaps of no account of theirs). */
  sources: ResultSource[];
  /** Gaps to add to the detections' coverage: accounts failed or found in no source. */
  gaps: AuditGap[];
  statuses: Record<SourceStatus, number>;
}

/**
 * Each account's status: skipped as listed; failed when its role was refused or no source holds any
 * of its events; partial when a source has gaps of it; ok otherwise.
 */
export function organizationSources(
  accounts: readonly OrganizationAuditAccount[],
  reports: readonly SourceReport[],
): OrganizationSources {
  const members = new Set(accounts.map((a) => a.id));
  const statuses: Record<SourceStatus, number> = { ok: 0, partial: 0, failed: 0, skipped: 0 };
  const gaps: AuditGap[] = [];
  const sources: ResultSource[] = [];
  const add = (source: ResultSource & { status: SourceStatus }) => {
    statuses[source.status]++;
    sources.push(source);
  };
  for (const entry of accounts) {
    const own = { provider: "aws", scope: entry.id, account: entry.account };
    if (entry.skipped) {
      add({ ...own, regions: [], gaps: [], status: "skipped", reason: entry.skipped });
      continue;
    }
    const reading = reports.filter((r) => r.accounts.includes(entry.id));
    const failure: AuditGap | undefined =
      entry.failed ??
      (reading.length === 0
        ? {
            code: "AccountNotRead",
            location: reports.map((r) => r.location).join(", ") || "no source",
            account: entry.id,
            message: `no CloudTrail event of this account in ${reports.map((r) => r.location).join(", ") || "any source"} over the read window (does the organisation trail log it?)`,
          }
        : undefined);
    if (failure) {
      gaps.push(failure);
      add({
        ...own,
        regions: [],
        gaps: [resultGap(failure)],
        status: "failed",
        reason: failure.message ?? failure.code,
      });
      continue;
    }
    const accountGaps = reports.flatMap((r) => r.gaps.filter((g) => g.account === entry.id)).map(resultGap);
    // LookupEvents reads one account: its requests and pages are the account's own.
    const stats = reading.find((r) => r.kind === "lookup-events")?.stats;
    add({
      ...own,
      regions: [...new Set(reading.flatMap((r) => r.regions))].sort(),
      gaps: accountGaps,
      status: accountGaps.length > 0 ? "partial" : "ok",
      ...(accountGaps.length > 0 ? { reason: describeGaps(accountGaps) } : {}),
      ...(stats && Object.keys(stats).length > 0 ? { stats } : {}),
    });
  }
  // The archives and tables: their reading statistics, and the gaps that are no member's.
  for (const report of reports) {
    if (report.kind === "lookup-events" && report.accounts.every((a) => members.has(a))) continue;
    sources.push({
      provider: `cloudtrail-${report.kind}`,
      scope: report.location,
      regions: [...report.regions].sort(),
      gaps: report.gaps.filter((g) => !g.account || !members.has(g.account)).map(resultGap),
      ...(report.stats && Object.keys(report.stats).length > 0 ? { stats: report.stats } : {}),
    });
  }
  return { sources, gaps, statuses };
}
