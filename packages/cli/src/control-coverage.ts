// How many contract clauses a rule backs: for the technical clauses (what a scan could check at all)
// and for every control. A control is backed when at least one shipped rule or access-log detection names it.
import { type Control, controls, isTechnicalControl } from "@itaku/controls";
import type { CheckMeta } from "@itaku/core";

export interface CoverageRow {
  id: string;
  kind: Control["kind"];
  title: string;
  technical: boolean;
  rules: string[];
}

export interface CoverageTally {
  total: number;
  backed: number;
  /** backed / total, in whole per cent (rounded down, so 59.9 % never shows as 60 %). */
  percent: number;
}

export interface ControlCoverage {
  technical: CoverageTally;
  all: CoverageTally;
  controls: CoverageRow[];
}

export function controlCoverage(rules: readonly CheckMeta[]): ControlCoverage {
  const rows: CoverageRow[] = controls.map((control) => ({
    id: control.id,
    kind: control.kind,
    title: control.title.en,
    technical: isTechnicalControl(control),
    rules: rules.filter((rule) => rule.controls.includes(control.id)).map((rule) => rule.id),
  }));
  return {
    technical: tally(rows.filter((row) => row.technical)),
    all: tally(rows),
    controls: rows,
  };
}

function tally(rows: readonly CoverageRow[]): CoverageTally {
  const backed = rows.filter((row) => row.rules.length > 0).length;
  return { total: rows.length, backed, percent: Math.floor((backed * 100) / Math.max(rows.length, 1)) };
}
