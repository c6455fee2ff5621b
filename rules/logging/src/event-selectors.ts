// Which management events a trail records, from basic or advanced event selectors.
import type { ResourceOf } from "@itaku/core";

export interface ManagementCoverage {
  read: boolean;
  write: boolean;
}

/** undefined when the trail's selectors were not collected. */
export function managementCoverage(
  trail: ResourceOf<"aws.cloudtrail.trail">,
): ManagementCoverage | undefined {
  const { eventSelectors, advancedEventSelectors } = trail.attributes;
  // A trail has either kind; advanced selectors, when present, replace the basic ones.
  if (advancedEventSelectors && advancedEventSelectors.length > 0) {
    const coverage = { read: false, write: false };
    for (const selector of advancedEventSelectors) {
      const fields = new Map(selector.fieldSelectors.map((f) => [f.field, f]));
      const category = fields.get("eventCategory");
      if (!category?.equals?.includes("Management")) continue;
      // Excluding some event sources (say, KMS or RDS Data API noise) still records sign-ins and
      // changes; a selector that keeps only some sources or names does not record the account's activity.
      const narrowing = selector.fieldSelectors.some(
        (f) =>
          f.field !== "eventCategory" &&
          f.field !== "readOnly" &&
          (f.equals !== undefined || f.startsWith !== undefined || f.endsWith !== undefined),
      );
      if (narrowing) continue;
      const readOnly = fields.get("readOnly");
      const only = readOnly?.equals?.length === 1 ? readOnly.equals[0] : undefined;
      if (only === "true") coverage.read = true;
      else if (only === "false") coverage.write = true;
      else {
        coverage.read = true;
        coverage.write = true;
      }
    }
    return coverage;
  }
  if (eventSelectors === undefined) return undefined;
  const coverage = { read: false, write: false };
  for (const selector of eventSelectors) {
    if (!selector.includeManagementEvents) continue;
    if (selector.readWriteType !== "WriteOnly") coverage.read = true;
    if (selector.readWriteType !== "ReadOnly") coverage.write = true;
  }
  return coverage;
}
