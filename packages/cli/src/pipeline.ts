// What scan and evaluate share: config, roster and clock in; evaluation; reports out; the exit code.
import { once } from "node:events";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { controls as catalog } from "@itaku/controls";
import {
  type CheckMeta,
  defaultConfig,
  evaluate,
  type ItakuConfig,
  parseConfig,
  parseInstant,
  parseRoster,
  type Result,
  type Roster,
  ScopedEvaluation,
  SEVERITIES,
  type Severity,
  type Snapshot,
  severityRank,
} from "@itaku/core";
import { REPORT_FORMATS, type ReportFormat, renderReportChunks } from "@itaku/reports";
import { version } from "../package.json";
import { type CommandEnv, type ParsedArgs, UsageError } from "./command";
import { applyDisplayFilters, type DisplayFilters, parseDisplayFilters } from "./display-filter";
import { readTextFile, writeFileAtomically } from "./io";
import { allChecks, allRules } from "./registry";

export const FORMATS: readonly ReportFormat[] = REPORT_FORMATS;

export function loadConfig(path: string | undefined, env: CommandEnv): ItakuConfig {
  const discovered = path ?? (existsSync(resolve(env.cwd, "itaku.yaml")) ? "itaku.yaml" : undefined);
  if (!discovered) return defaultConfig();
  const absolute = resolve(env.cwd, discovered);
  return parseConfig(readTextFile(absolute, "config"), absolute, allChecks);
}

export function loadRoster(
  config: ItakuConfig,
  rosterFlag: string | undefined,
  env: CommandEnv,
): Roster | null {
  const path = rosterFlag ? resolve(env.cwd, rosterFlag) : config.roster?.path;
  if (!path) return null;
  const text = readTextFile(path, "roster", {
    encoding: config.roster?.encoding,
    encodingSetting: `\`roster: { path: …, encoding: cp932 }\` in itaku.yaml`,
  });
  const roster = parseRoster(text, path);
  const reviewedAt = roster.reviewedAt ?? (rosterFlag ? undefined : config.roster?.reviewedAt);
  return { ...roster, reviewedAt };
}

export function resolveNow(flag: string | undefined, fallback: Date): Date {
  if (flag === undefined) return fallback;
  const now = parseInstant(flag);
  if (!now)
    throw new UsageError(
      `--now "${flag}" is not a date or ISO-8601 timestamp (e.g. 2026-11-20 or 2026-11-20T09:00:00Z)`,
    );
  return now;
}

export interface OutputPlan {
  format: ReportFormat;
  reports: { format: ReportFormat; path: string }[];
  failOn: Severity | "none";
  failOnUnknown: boolean;
  /** What the reports show; the exit code follows what is shown. */
  filters: DisplayFilters;
}

export function planOutput(values: ParsedArgs["values"], env: CommandEnv): OutputPlan {
  const format = ((values.format as string | undefined) ?? "table").toLowerCase();
  if (!FORMATS.includes(format as ReportFormat)) {
    throw new UsageError(`--format "${format}" is not one of ${FORMATS.join(", ")}`);
  }
  const reports = ((values.report as string[] | undefined) ?? []).map((spec) => {
    const eq = spec.indexOf("=");
    const reportFormat = spec.slice(0, eq).toLowerCase();
    if (eq <= 0 || eq === spec.length - 1 || !FORMATS.includes(reportFormat as ReportFormat)) {
      throw new UsageError(`--report "${spec}" must be FORMAT=PATH with FORMAT one of ${FORMATS.join(", ")}`);
    }
    return { format: reportFormat as ReportFormat, path: resolve(env.cwd, spec.slice(eq + 1)) };
  });
  const failOn = ((values["fail-on"] as string | undefined) ?? "low").toLowerCase();
  if (failOn !== "none" && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on "${failOn}" is not one of critical, high, medium, low, none`);
  }
  return {
    format: format as ReportFormat,
    reports,
    failOn: failOn as Severity | "none",
    failOnUnknown: Boolean(values["fail-on-unknown"]),
    filters: parseDisplayFilters(values),
  };
}

export function evaluateSnapshot(
  snapshot: Snapshot,
  config: ItakuConfig,
  roster: Roster | null,
  now: Date,
): Result {
  return evaluate({ snapshot, ...evaluationInput(config, roster, now) });
}

/** An evaluation fed part by part (an organisation's accounts as they are read). */
export function scopedEvaluation(config: ItakuConfig, roster: Roster | null, now: Date): ScopedEvaluation {
  return new ScopedEvaluation(evaluationInput(config, roster, now));
}

function evaluationInput(config: ItakuConfig, roster: Roster | null, now: Date) {
  return {
    rules: allRules.filter((rule) => !config.disabledRules.has(rule.id)),
    ruleOptions: config.ruleOptions,
    now,
    roster,
    settings: config.settings,
    waivers: config.waivers,
    attestations: config.attestations,
    controls: catalog,
    toolVersion: version,
  };
}

/** Renders every requested report, then the chosen format to stdout, and returns the exit code. */
export async function emitReports(
  evaluated: Result,
  plan: OutputPlan,
  env: CommandEnv,
  checks: readonly CheckMeta[] = allRules,
): Promise<number> {
  const result = applyDisplayFilters(evaluated, plan.filters);
  const colorAllowed = !env.env.NO_COLOR && env.env.FORCE_COLOR !== "0";
  const columns = (env.stdout as { columns?: number }).columns;
  const context = (toTerminal: boolean) => ({
    rules: checks,
    controls: catalog,
    color: toTerminal && colorAllowed && Boolean(env.stdout.isTTY),
    // A terminal's width when there is one; in logs and files nothing is cut, messages included.
    ...(toTerminal ? { width: env.stdout.isTTY && columns ? columns : Number.MAX_SAFE_INTEGER } : {}),
  });
  // Reports come in pieces so a very large result never has to fit in one string.
  for (const report of plan.reports) {
    writeFileAtomically(report.path, renderReportChunks(report.format, result, context(false)));
  }
  for (const piece of renderReportChunks(plan.format, result, context(true))) {
    // Wait for a pipe to drain rather than queue gigabytes of output in memory (or hit ENOBUFS).
    if (!env.stdout.write(piece)) await once(env.stdout, "drain");
  }
  return exitCodeFor(result, plan);
}

/**
 * 1 when a shown finding fails at or above --fail-on; with --fail-on-unknown also when anything shown is
 * unknown, whatever its severity (an unknown says the check did not run, so its severity says nothing
 * about what it would have found), or an account could not be read. --fail-on none turns off only the
 * severity gate: `--fail-on none --fail-on-unknown` fails on an incomplete scan alone.
 */
export function exitCodeFor(result: Result, plan: Pick<OutputPlan, "failOn" | "failOnUnknown">): number {
  if (plan.failOnUnknown) {
    // An account that could not be read at all is unknown as a whole, whatever its findings say.
    if (result.sources.some((s) => s.status === "failed")) return 1;
    if (result.findings.some((f) => f.status === "unknown")) return 1;
  }
  if (plan.failOn === "none") return 0;
  const threshold = severityRank[plan.failOn];
  return result.findings.some((f) => f.status === "fail" && severityRank[f.severity] >= threshold) ? 1 : 0;
}
