// What AD rules need to know about the domain an object lives in: its names (for roster lookups),
// the lastLogonTimestamp replication lag, and the well-known privileged groups.
import { daysBetween, groupBy, type ResourceOf, type RuleContext } from "@itaku/core";

/** AD's default msDS-LogonTimeSyncInterval when the attribute is unset. */
export const DEFAULT_LOGON_SYNC_DAYS = 14;

export const PRIVILEGED_GROUP_NAMES: Record<number, string> = {
  512: "Domain Admins",
  518: "Schema Admins",
  519: "Enterprise Admins",
  544: "Administrators",
  548: "Account Operators",
  549: "Server Operators",
  550: "Print Operators",
  551: "Backup Operators",
};
export const OPERATOR_RIDS = [548, 549, 550, 551] as const;
export const GUEST_RID = 501;

type AdResource = ResourceOf<"ad.user"> | ResourceOf<"ad.group"> | ResourceOf<"ad.computer">;

export function domainOf(
  ctx: RuleContext<string>,
  resource: AdResource,
): ResourceOf<"ad.domain"> | undefined {
  return ctx.inScope("ad.domain", resource.scope)[0];
}

const privilegedRidKey = (group: ResourceOf<"ad.group">): string | undefined =>
  group.attributes.privilegedRid === undefined
    ? undefined
    : `${group.scope}/${group.attributes.privilegedRid}`;

/** The group names to show for privileged RIDs: the directory's own (localized) names where collected. */
export function privilegedGroupNames(
  ctx: RuleContext<string>,
  scope: string,
  rids: readonly number[],
): string[] {
  const byRid = groupBy(ctx.resources("ad.group"), privilegedRidKey);
  return rids.map((rid) => {
    const group = byRid.get(`${scope}/${rid}`)?.[0];
    return group?.name ?? PRIVILEGED_GROUP_NAMES[rid] ?? `RID ${rid}`;
  });
}

export type Activity =
  | { kind: "active"; days: number; cutoffDays: number }
  | { kind: "inactive"; days: number; cutoffDays: number }
  | { kind: "never-recent"; createdDays: number; cutoffDays: number }
  | { kind: "never-old"; createdDays: number; cutoffDays: number }
  | { kind: "unknown"; reason: string };

/**
 * Judges logon activity from lastLogonTimestamp, which replicates only every msDS-LogonTimeSyncInterval
 * days: a logon is "too old" only past `maxDays` plus that lag. An account that never logged on is
 * judged by its age alone (the attribute is written at the first logon).
 */
export function judgeActivity(
  ctx: RuleContext<string>,
  user: ResourceOf<"ad.user"> | ResourceOf<"ad.computer">,
  maxDays: number,
): Activity {
  const { lastLogonTimestamp, createdAt } = user.attributes;
  if (lastLogonTimestamp === undefined)
    return { kind: "unknown", reason: "lastLogonTimestamp was not collected" };
  const syncDays = domainOf(ctx, user)?.attributes.logonTimeSyncIntervalDays ?? DEFAULT_LOGON_SYNC_DAYS;
  if (lastLogonTimestamp === null) {
    const createdDays = daysBetween(createdAt, ctx.now);
    return { kind: createdDays > maxDays ? "never-old" : "never-recent", createdDays, cutoffDays: maxDays };
  }
  const days = daysBetween(lastLogonTimestamp, ctx.now);
  const cutoffDays = maxDays + syncDays;
  return { kind: days > cutoffDays ? "inactive" : "active", days, cutoffDays };
}
