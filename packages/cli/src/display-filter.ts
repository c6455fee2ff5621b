// Display filters (--severity, --rules, --exclude-rules, --controls, --status): what a report shows.
// Evaluation is unchanged: summary and control statuses still cover every finding, and the Result
// says which filters hid what (`view`), so every report can state it.
import { controls as catalog } from "@itaku/controls";
import {
  closest,
  FINDING_STATUSES,
  type FindingStatus,
  type Result,
  SEVERITIES,
  type Severity,
} from "@itaku/core";
import type { ParsedArgs } from "./command";
import { UsageError } from "./command";
import { allChecks } from "./registry";

export type DisplayFilters = NonNullable<Result["view"]>["filters"];

const list = (value: unknown): string[] | undefined =>
  typeof value === "string"
    ? value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "")
    : undefined;

function known(flag: string, ids: string[] | undefined, candidates: readonly string[], lister: string) {
  for (const id of ids ?? []) {
    if (!candidates.includes(id)) {
      const hint = closest(id, candidates);
      throw new UsageError(
        `${flag}: no such id "${id}"${hint ? ` (did you mean "${hint}"?)` : ""}; \`${lister}\` lists them`,
      );
    }
  }
  return ids;
}

/** The filters given on the command line, checked against the known rules, controls and levels. */
export function parseDisplayFilters(values: ParsedArgs["values"]): DisplayFilters {
  const ruleIds = allChecks.map((rule) => rule.id);
  const controlIds = catalog.map((control) => control.id);
  const severity = known(
    "--severity",
    list(values.severity)?.map((s) => s.toLowerCase()),
    SEVERITIES,
    "itaku --help",
  );
  const status = known(
    "--status",
    list(values.status)?.map((s) => s.toLowerCase()),
    FINDING_STATUSES,
    "itaku --help",
  );
  const filters: DisplayFilters = {
    severity: severity as Severity[] | undefined,
    rules: known("--rules", list(values.rules), ruleIds, "itaku rules"),
    excludeRules: known("--exclude-rules", list(values["exclude-rules"]), ruleIds, "itaku rules"),
    controls: known(
      "--controls",
      list(values.controls)?.map((id) => controlIds.find((c) => c.toLowerCase() === id.toLowerCase()) ?? id),
      controlIds,
      "itaku controls",
    ),
    status: status as FindingStatus[] | undefined,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as DisplayFilters;
}

/** The Result as shown: findings (and controls, for --controls) narrowed, `view` saying so. */
export function applyDisplayFilters(result: Result, filters: DisplayFilters): Result {
  if (Object.keys(filters).length === 0) return result;
  const findings = result.findings.filter(
    (f) =>
      (!filters.severity || filters.severity.includes(f.severity)) &&
      (!filters.rules || filters.rules.includes(f.ruleId)) &&
      !filters.excludeRules?.includes(f.ruleId) &&
      (!filters.controls || f.controls.some((c) => filters.controls?.includes(c))) &&
      (!filters.status || filters.status.includes(f.status)),
  );
  return {
    ...result,
    findings,
    controls: filters.controls
      ? result.controls.filter((c) => filters.controls?.includes(c.id))
      : result.controls,
    view: { filters, findingsShown: findings.length, findingsTotal: result.findings.length },
  };
}
