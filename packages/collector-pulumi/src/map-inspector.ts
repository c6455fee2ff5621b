// Amazon Inspector enablers a program declares: which resource types each region's account scans. A
// program that declares none leaves Inspector to the account: nothing is mapped and no rule judges it.
import type { ResourceOf } from "@itaku/core";
import { type NormalizeContext, opaqueWhy } from "./context";
import { isOpaque, list, strings } from "./values";

export const INSPECTOR = { enabler: "aws:inspector2/enabler:Enabler" } as const;

/** The resource types BatchGetAccountStatus reports, each DISABLED until an enabler names it. */
const SCANNED_TYPES = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"] as const;

export function mapInspector(ctx: NormalizeContext): void {
  const byRegion = new Map<string, ResourceOf<"aws.inspector2.status">>();
  for (const record of ctx.of(INSPECTOR.enabler)) {
    const props = ctx.p(record);
    // Known account ids that leave this account out enable Inspector for others (a delegated administrator).
    const accounts = list(props, "accountIds");
    if (accounts && !accounts.some(isOpaque) && !strings(props, "accountIds").includes(ctx.accountId))
      continue;
    const region = ctx.regionOf(record);
    let status = byRegion.get(region);
    if (!status) {
      status = {
        type: "aws.inspector2.status",
        id: `inspector2:${ctx.accountId}:${region}`,
        name: `Inspector ${region}`,
        scope: ctx.accountId,
        region,
        urn: record.urn,
        attributes: {
          status: "ENABLED",
          scans: SCANNED_TYPES.map((resourceType) => ({ resourceType, status: "DISABLED" })),
        },
      };
      byRegion.set(region, status);
      ctx.add(status, record);
    }
    if (isOpaque(props.resourceTypes)) {
      ctx.gap("aws.inspector2.status", record, "resourceTypes", opaqueWhy(props.resourceTypes));
      continue;
    }
    // Several enablers in one region add up; the pushed resource shares this attributes object.
    const named = new Set(strings(props, "resourceTypes"));
    for (const scan of status.attributes.scans ?? [])
      if (named.has(scan.resourceType)) scan.status = "ENABLED";
  }
}
