import type { AnyRule } from "@itaku/core";
import accountsLeaverEnabled from "./accounts-leaver-enabled";
import accountsOwnerMissing from "./accounts-owner-missing";
import accountsSharedGeneric from "./accounts-shared-generic";
import rosterBriefingCurrent from "./roster-briefing-current";
import rosterCurrent from "./roster-current";
import rosterSingleManager from "./roster-single-manager";

/** The rules of this package, one per file; the file name equals the rule id. */
export const rules: AnyRule[] = [
  accountsLeaverEnabled,
  accountsOwnerMissing,
  accountsSharedGeneric,
  rosterBriefingCurrent,
  rosterCurrent,
  rosterSingleManager,
];
