// `itaku audit --org` and `audit query --org`: the organisation's accounts, listed from the management
// account as `scan --org` lists them, scope the audit. An organisation trail (S3, Athena) is read once,
// filtered to the active accounts; LookupEvents, which answers for one account only, is read in each
// account through its member role (organizationLookupEventsSources). Each account becomes a source of
// the Result with its status, as in `scan --org`.
import type { OrganizationAuditAccount } from "@itaku/audit";
import type { ListOrganizationOptions } from "@itaku/collector-aws";
import type { AwsConfig, ItakuConfig } from "@itaku/core";
import type { CommandEnv } from "../command";
import type { Progress } from "../progress";

export interface OrganizationAudit {
  organizationId: string;
  callerAccountId: string;
  partition: string;
  /** Every account listed, skipped ones included (the LookupEvents sources set `failed`). */
  accounts: OrganizationAuditAccount[];
  /** The accounts whose events are read and judged (active, not excluded). */
  audited: string[];
  /** Every account of the organisation: calls between them are not from "external" accounts. */
  members: string[];
}

/** Lists the organisation with the base credentials; suspended and excluded accounts are skipped. */
export async function listOrganizationForAudit(
  aws: AwsConfig,
  base: NonNullable<ListOrganizationOptions["credentials"]>,
  config: ItakuConfig,
  env: CommandEnv,
  progress: Progress,
): Promise<OrganizationAudit> {
  const collector = await import("@itaku/collector-aws");
  const listing = await collector.listOrganizationAccounts(aws, {
    credentials: base,
    env: env.env,
    configPath: config.path ?? "itaku.yaml",
    progress: (line) => progress.step(line),
  });
  const accounts = listing.accounts.map((account): OrganizationAuditAccount => {
    const skipped = collector.organizationSkipReason(account, aws.organization);
    return {
      id: account.id,
      account: collector.organizationSourceAccount(account, listing.organizationId),
      ...(skipped ? { skipped } : {}),
    };
  });
  return {
    organizationId: listing.organizationId,
    callerAccountId: listing.callerAccountId,
    partition: listing.partition,
    accounts,
    audited: accounts.filter((a) => !a.skipped).map((a) => a.id),
    members: listing.accounts.map((a) => a.id),
  };
}
