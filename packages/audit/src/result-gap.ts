// An audit source's gap in the Result's gap shape, the one `scan` reports.
import type { Gap } from "@itaku/core";
import type { AuditGap } from "./sources/types";

/** A source's gap in the Result's gap shape (shared with `scan`). */
export function resultGap(gap: AuditGap): Gap {
  const hours = gap.from || gap.to ? ` (${gap.from ?? "…"} – ${gap.to ?? "…"})` : "";
  return {
    source: "aws",
    scope: gap.account ?? "unknown",
    region: gap.region ?? "global",
    resourceType: "cloudtrail.event",
    operation: gap.location,
    code: gap.code,
    message: `${gap.message ?? gap.code}${hours}${gap.count !== undefined ? `, ${gap.count} record(s)` : ""}`,
  };
}
