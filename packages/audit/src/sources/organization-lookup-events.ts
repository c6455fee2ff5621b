// LookupEvents across an organisation: it answers for the account of the credentials only, so each
// audited account is read through its member role, assumed from the base (management) credentials as
// `scan --org` assumes it — the caller's own account with the base credentials.
import {
  AwsClients,
  assumedRoleCredentials,
  DEFAULT_MEMBER_ROLE,
  memberRoleArn,
  RequestCounter,
  summarizeAwsError,
} from "@itaku/collector-aws";
import type { AwsConfig } from "@itaku/core";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import pLimit from "p-limit";
import type { OrganizationAuditAccount } from "../organization-sources";
import { type LookupEventsProgress, LookupEventsSource } from "./lookup-events";
import type { EventSource, ReadOptions, SourceResult } from "./types";

export interface OrganizationLookupEventsOptions {
  /** The listed accounts; those not skipped are read, and a refused role sets `failed` on its entry. */
  accounts: OrganizationAuditAccount[];
  callerAccountId: string;
  /** The partition of member role ARNs (`aws`, `aws-cn`…). */
  partition: string;
  /** The `aws:` settings: organization.roleName / externalId / concurrency, sessionName. */
  aws: AwsConfig;
  base: AwsCredentialIdentityProvider;
  /** Region and endpoint of STS and CloudTrail. */
  region: string;
  endpoint?: string;
  /** Regions read in each account. */
  regions: readonly string[];
  now: Date;
  onProgress?: (account: string, progress: LookupEventsProgress) => void;
}

/** One LookupEvents source per account whose role could be assumed; the others are marked failed. */
export async function organizationLookupEventsSources(
  options: OrganizationLookupEventsOptions,
): Promise<EventSource[]> {
  const org = options.aws.organization;
  const roleName = org?.roleName ?? DEFAULT_MEMBER_ROLE;
  const limit = pLimit(org?.concurrency ?? 8);
  const opened = await Promise.all(
    options.accounts
      .filter((entry) => !entry.skipped)
      .map((entry) =>
        limit(async (): Promise<EventSource | undefined> => {
          const roleArn = memberRoleArn(options.partition, entry.id, roleName);
          const credentials =
            entry.id === options.callerAccountId
              ? options.base
              : assumedRoleCredentials({
                  base: options.base,
                  roleArn,
                  ...(org?.externalId ? { externalId: org.externalId } : {}),
                  ...(options.aws.sessionName ? { sessionName: options.aws.sessionName } : {}),
                  region: options.region,
                  ...(options.endpoint ? { endpoint: options.endpoint } : {}),
                });
          try {
            // Assumed once here: a refused role fails this account before anything is read.
            await credentials();
          } catch (error) {
            const { code, message } = summarizeAwsError(error);
            entry.failed = {
              code: /AccessDenied/.test(code) ? "AccessDenied" : "AccountNotRead",
              location: `sts:AssumeRole ${roleArn}`,
              account: entry.id,
              message: `cannot assume ${roleArn}${org?.externalId ? " with the configured external id" : ""} (${code}): ${message}`,
            };
            return undefined;
          }
          const onProgress = options.onProgress;
          const clients = new AwsClients({
            credentials,
            ...(options.endpoint ? { endpoint: options.endpoint } : {}),
            counter: new RequestCounter(),
          });
          const source = new LookupEventsSource({
            clients,
            account: entry.id,
            defaultRegions: options.regions,
            now: options.now,
            ...(onProgress ? { onProgress: (p: LookupEventsProgress) => onProgress(entry.id, p) } : {}),
          });
          // Each account's clients (and their sockets) are let go once its history is read.
          const reading: EventSource = {
            kind: source.kind,
            location: source.location,
            async read<Init, State>(wanted: ReadOptions<Init>): Promise<SourceResult<State>> {
              try {
                return await source.read<Init, State>(wanted);
              } finally {
                clients.destroy();
              }
            },
          };
          return reading;
        }),
      ),
  );
  return opened.filter((source): source is EventSource => source !== undefined);
}
