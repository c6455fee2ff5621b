// collectAwsOrganization: every account of an AWS Organization, each read by collectAws through the
// member role assumed from the base (management) credentials, each with a status of its own. One
// account failing never stops the others; each account's snapshot is handed over as soon as it is
// read, so the caller can stream it out instead of holding the whole organisation in memory.
import { createHash } from "node:crypto";
import {
  type Account,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListParentsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from "@aws-sdk/client-organizations";
import {
  type AwsConfig,
  type Gap,
  InputError,
  type ResourceType,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type Source,
  type SourceStatus,
  SourceUnavailableError,
} from "@itaku/core";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import pLimit from "p-limit";
import { summarizeAwsError } from "./aws-errors";
import { AwsClients, credentialsFromSettings, RequestCounter } from "./client";
import {
  AWS_COLLECTORS,
  type CollectAwsOptions,
  collectAws,
  resolveAwsTarget,
  timeoutsOf,
  whoAmI,
} from "./collect";
import { assumedRoleCredentials } from "./credentials";
import { SourceDeadline, timedRequestHandler } from "./http-timeouts";
import { RequestBudget } from "./request-budget";

export const DEFAULT_MEMBER_ROLE = "OrganizationAccountAccessRole";
export const DEFAULT_ACCOUNT_CONCURRENCY = 8;
/**
 * The organisation's shared request rate when the config sets none, per account read at once: HTTP
 * requests a second. AWS limits requests per account, region and API, so a rate per account in flight
 * is what keeps each member within its own limits; a flat rate for the run would leave a higher
 * `concurrency` no faster (at 100/s in total, 500 accounts took their floor of 215 s whatever else).
 */
export const DEFAULT_REQUESTS_PER_SECOND_PER_ACCOUNT = 25;
/** Longest a timer may wait in Node (~24.8 days): the base session has no deadline of its own. */
const BASE_SESSION_DEADLINE_MS = 2 ** 31 - 1;

/** `--shard 2/4`: this machine reads the accounts whose hash falls in the second of four buckets. */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `I/N` (1 ≤ I ≤ N); undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/**
 * Whether an account belongs to a shard. The bucket comes from a hash of the account id alone, so
 * it stays put when accounts join or leave the organisation, and shards never overlap.
 */
export function inShard(accountId: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const bucket = createHash("sha256").update(accountId).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}

export interface OrganizationAccount {
  id: string;
  name?: string;
  email?: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE. */
  state: string;
  /** `Root/Workloads/Prod`; undefined when the OU could not be read. */
  ouPath?: string;
}

export interface CollectOrganizationOptions
  extends Omit<CollectAwsOptions, "credentials" | "counter" | "account" | "budget"> {
  shard?: Shard;
  /** Receives each account's snapshot as soon as it is read (in completion order). */
  onAccount(snapshot: Snapshot, account: OrganizationAccount): void | Promise<void>;
}

export interface OrganizationScan {
  organizationId: string;
  /** The account the base credentials belong to (management or delegated administrator). */
  callerAccountId: string;
  /** Accounts of this shard, by status. */
  statuses: Record<SourceStatus, number>;
  /** Requests of the organisation-level calls (ListAccounts, ListParents…), not of the accounts. */
  stats: Record<string, number>;
}

export async function collectAwsOrganization(
  config: AwsConfig | undefined,
  options: CollectOrganizationOptions,
): Promise<OrganizationScan> {
  const settings: AwsConfig = config ?? {};
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const progress = options.progress ?? (() => {});
  const configPath = options.configPath ?? "itaku.yaml";
  const target = resolveAwsTarget(settings, env, configPath);
  const org = settings.organization;
  const roleName = org?.roleName ?? DEFAULT_MEMBER_ROLE;

  // One budget for the whole organisation: every account's collectors and AssumeRole draw on it.
  const concurrency = org?.concurrency ?? DEFAULT_ACCOUNT_CONCURRENCY;
  const budget = new RequestBudget(
    org?.requestsPerSecond ?? concurrency * DEFAULT_REQUESTS_PER_SECOND_PER_ACCOUNT,
  );
  const { counter, timeouts, base, clients } = managementSession(settings, target, {
    ...options,
    env,
    budget,
  });

  try {
    const callerAccountId = await whoAmI(clients, target.homeRegion, settings);
    const organizations = clients.get(OrganizationsClient, "organizations", target.globalRegion);
    const { organizationId, accounts: wanted } = await readOrganizationAccounts(organizations, {
      callerAccountId,
      settings,
      configPath,
      progress,
      ...(options.shard ? { shard: options.shard } : {}),
    });
    const statuses: Record<SourceStatus, number> = { ok: 0, partial: 0, failed: 0, skipped: 0 };
    const resourceTypes = [
      "aws.account",
      ...new Set((options.collectors ?? AWS_COLLECTORS).flatMap((c) => c.resourceTypes)),
    ] as ResourceType[];
    const limit = pLimit(concurrency);
    let done = 0;

    await Promise.all(
      wanted.map((account) =>
        limit(async () => {
          const id = account.id;
          const metadata = organizationSourceAccount(account, organizationId);
          const empty = (status: SourceStatus, reason: string, gaps: Gap[]): Snapshot => ({
            schemaVersion: SNAPSHOT_SCHEMA_VERSION,
            collectedAt: now().toISOString(),
            origin: "live",
            sources: [{ provider: "aws", scope: id, regions: [], gaps, status, reason, account: metadata }],
            resources: [],
          });

          let snapshot: Snapshot;
          const skipReason = organizationSkipReason(account, org);
          if (skipReason) {
            snapshot = empty("skipped", skipReason, []);
          } else {
            const accountCounter = new RequestCounter();
            const roleArn = memberRoleArn(target.partitionInfo.name, id, roleName);
            // The caller's own account is read with the base credentials: the member role usually
            // does not exist in the management account.
            const credentials: AwsCredentialIdentityProvider =
              id === callerAccountId
                ? base
                : assumedRoleCredentials({
                    base,
                    roleArn,
                    ...(org?.externalId ? { externalId: org.externalId } : {}),
                    ...(settings.sessionName ? { sessionName: settings.sessionName } : {}),
                    region: target.homeRegion,
                    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
                    counter: accountCounter,
                    budget,
                    // Each account is a source of its own, with its own deadline.
                    requestHandler: timedRequestHandler(timeouts, new SourceDeadline(timeouts.deadlineMs)),
                  });
            try {
              await credentials();
              snapshot = await collectAws(
                { ...settings, roleArn: undefined, externalId: undefined, mfaSerial: undefined },
                {
                  ...options,
                  progress: (line) => progress(`${id}: ${line}`),
                  credentials,
                  counter: accountCounter,
                  budget,
                  account: metadata,
                },
              );
              const scope = snapshot.sources[0]?.scope;
              if (scope !== id) {
                snapshot = failed(empty, resourceTypes, id, "GetCallerIdentity", {
                  code: "WrongAccount",
                  message: `${roleArn} answered as account ${scope}`,
                });
              }
            } catch (error) {
              if (error instanceof InputError) throw error;
              const summary =
                error instanceof SourceUnavailableError
                  ? { code: "SourceUnavailable", message: error.detail }
                  : summarizeAwsError(error);
              snapshot = failed(empty, resourceTypes, id, "AssumeRole", {
                code: summary.code,
                message: `cannot assume ${roleArn}${org?.externalId ? " with the configured external id" : ""} (${summary.code}): ${summary.message}`,
              });
            }
          }
          const source = snapshot.sources[0]!;
          const status = source.status ?? "ok";
          statuses[status]++;
          done++;
          progress(
            `account ${done}/${wanted.length} ${id}${account.name ? ` (${account.name})` : ""}: ${status}${source.reason ? ` — ${source.reason}` : ""}`,
          );
          await options.onAccount(snapshot, account);
        }),
      ),
    );

    // Whether the shared budget bound the run (then raising aws.organization.requestsPerSecond, if
    // the accounts' API limits allow, makes it faster): the wait summed over every request.
    progress(
      `request budget: ${budget.taken} requests at most ${budget.requestsPerSecond}/s; waiting for it took ${(budget.waited / 1000).toFixed(1)} s, summed over requests`,
    );
    if (wanted.length > 0 && statuses.ok + statuses.partial === 0) {
      throw new SourceUnavailableError(
        "aws",
        `no account of organisation ${organizationId} could be read (${statuses.failed} failed, ${statuses.skipped} skipped)`,
      );
    }
    return {
      organizationId,
      callerAccountId,
      statuses,
      stats: {
        ...counter.toStats(),
        "requests.total": counter.total,
        requestsPerSecond: budget.requestsPerSecond,
        // Summed over requests: time spent waiting for the shared budget rather than for AWS.
        budgetWaitMs: budget.waited,
      },
    };
  } finally {
    clients.destroy();
  }
}

/** The member role of an account: `arn:aws:iam::ACCOUNT:role/ROLE`. */
export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** Why an account is not read (excluded by the config, suspended or closing); undefined to read it. */
export function organizationSkipReason(
  account: OrganizationAccount,
  org: AwsConfig["organization"],
): string | undefined {
  if (org?.excludeAccounts?.includes(account.id)) return "excluded by aws.organization.excludeAccounts";
  if (account.state !== "ACTIVE") return `account is ${account.state}`;
  return undefined;
}

/** An account's ListAccounts metadata as a source records it (`Source["account"]`). */
export function organizationSourceAccount(
  account: OrganizationAccount,
  organizationId: string,
): NonNullable<Source["account"]> {
  return {
    ...(account.name ? { name: account.name } : {}),
    ...(account.email ? { email: account.email } : {}),
    ...(account.ouPath ? { ouPath: account.ouPath } : {}),
    organizationId,
  };
}

export interface OrganizationListing {
  organizationId: string;
  /** The account the base credentials belong to (management or delegated administrator). */
  callerAccountId: string;
  /** The partition of the home region (`aws`, `aws-cn`…), for member role ARNs. */
  partition: string;
  /**
   * The accounts of the run: every account (only `aws.organization.accounts` when set, only the
   * shard's), sorted by id, suspended and excluded ones included — organizationSkipReason says which.
   */
  accounts: OrganizationAccount[];
  /** Requests of the listing (DescribeOrganization, ListAccounts, ListParents…). */
  stats: Record<string, number>;
}

export interface ListOrganizationOptions
  extends Pick<
    CollectAwsOptions,
    "env" | "progress" | "configPath" | "mfaCode" | "retry" | "requestHandler"
  > {
  shard?: Shard;
  /** The base credentials when the caller already holds them (one MFA prompt, one base session). */
  credentials?: AwsCredentialIdentityProvider;
}

/**
 * Lists the organisation's accounts with their metadata and nothing else: what `audit --org` needs to
 * scope an organisation trail and to know which member roles to assume. The same listing as
 * collectAwsOrganization's (same calls, same errors).
 */
export async function listOrganizationAccounts(
  config: AwsConfig | undefined,
  options: ListOrganizationOptions = {},
): Promise<OrganizationListing> {
  const settings: AwsConfig = config ?? {};
  const env = options.env ?? process.env;
  const configPath = options.configPath ?? "itaku.yaml";
  const target = resolveAwsTarget(settings, env, configPath);
  const { counter, clients } = managementSession(settings, target, { ...options, env });
  try {
    const callerAccountId = await whoAmI(clients, target.homeRegion, settings);
    const organizations = clients.get(OrganizationsClient, "organizations", target.globalRegion);
    const { organizationId, accounts } = await readOrganizationAccounts(organizations, {
      callerAccountId,
      settings,
      configPath,
      progress: options.progress ?? (() => {}),
      ...(options.shard ? { shard: options.shard } : {}),
    });
    return {
      organizationId,
      callerAccountId,
      partition: target.partitionInfo.name,
      accounts,
      stats: { ...counter.toStats(), "requests.total": counter.total },
    };
  } finally {
    clients.destroy();
  }
}

/**
 * The base (management or delegated administrator) session: its credentials — the caller's, or from
 * the settings — and the SDK clients that list the organisation, counted and timed like a scan's.
 */
function managementSession(
  settings: AwsConfig,
  target: ReturnType<typeof resolveAwsTarget>,
  options: Pick<CollectAwsOptions, "mfaCode" | "retry" | "requestHandler"> & {
    env: NodeJS.ProcessEnv;
    credentials?: AwsCredentialIdentityProvider;
    budget?: RequestBudget;
  },
) {
  const counter = new RequestCounter();
  const budget = options.budget;
  const timeouts = timeoutsOf(settings);
  const deadline = new SourceDeadline(timeouts.deadlineMs);
  const base =
    options.credentials ??
    credentialsFromSettings(settings, {
      mfaCode: options.mfaCode,
      region: target.homeRegion,
      endpoint: target.endpoint,
      env: options.env,
      counter,
      ...(budget ? { budget } : {}),
      timeouts,
      // The base session is renewed while members are read, long after the listing's deadline.
      deadline: new SourceDeadline(BASE_SESSION_DEADLINE_MS),
    });
  const clients = new AwsClients({
    credentials: base,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    counter,
    ...(budget ? { budget } : {}),
    timeouts,
    deadline,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
  });
  return { counter, timeouts, base, clients };
}

/**
 * The organisation's id and the accounts a run covers (aws.organization.accounts, the shard), sorted
 * by id, each with its OU path. An account named in the config but not in the organisation is bad input.
 */
async function readOrganizationAccounts(
  organizations: OrganizationsClient,
  run: {
    callerAccountId: string;
    settings: AwsConfig;
    configPath: string;
    progress: (line: string) => void;
    shard?: Shard;
  },
): Promise<{ organizationId: string; accounts: OrganizationAccount[] }> {
  const org = run.settings.organization;
  const organizationId = await readOrganization(organizations, run.callerAccountId);
  const accounts = await listAccounts(organizations, organizationId);
  run.progress(
    `AWS Organization ${organizationId}: ${accounts.length} accounts, from ${run.callerAccountId}`,
  );

  for (const [i, id] of (org?.accounts ?? []).entries()) {
    if (!accounts.some((a) => a.Id === id)) {
      throw new InputError(
        run.configPath,
        `aws.organization.accounts[${i}]`,
        `account ${id} is not in organisation ${organizationId}`,
      );
    }
  }
  const wanted = accounts
    .filter((a) => a.Id && (!org?.accounts || org.accounts.includes(a.Id)) && inShard(a.Id, run.shard))
    .sort((a, b) => (a.Id! < b.Id! ? -1 : 1));
  // OU paths first, while the organisation-level clients are within their deadline.
  const ouPathOf = ouPaths(organizations);
  const lookups = pLimit(8);
  const ouPathById = new Map(
    await Promise.all(wanted.map((a) => lookups(async () => [a.Id!, await ouPathOf(a.Id!)] as const))),
  );
  return {
    organizationId,
    accounts: wanted.map((entry) => {
      const ouPath = ouPathById.get(entry.Id!);
      return {
        id: entry.Id!,
        ...(entry.Name ? { name: entry.Name } : {}),
        ...(entry.Email ? { email: entry.Email } : {}),
        state: entry.State ?? entry.Status ?? "ACTIVE",
        ...(ouPath ? { ouPath } : {}),
      };
    }),
  };
}

/** A failed account: gaps on every type the scan reads, so every rule over it answers unknown. */
function failed(
  empty: (status: SourceStatus, reason: string, gaps: Gap[]) => Snapshot,
  resourceTypes: readonly ResourceType[],
  scope: string,
  operation: string,
  failure: { code: string; message: string },
): Snapshot {
  const gaps: Gap[] = resourceTypes.map((resourceType) => ({
    source: "aws",
    scope,
    region: "global",
    resourceType,
    operation,
    code: failure.code,
    message: failure.message,
  }));
  return empty("failed", failure.message, gaps);
}

async function readOrganization(organizations: OrganizationsClient, caller: string): Promise<string> {
  try {
    const out = await organizations.send(new DescribeOrganizationCommand({}));
    if (!out.Organization?.Id) throw new Error("DescribeOrganization returned no organisation id");
    return out.Organization.Id;
  } catch (error) {
    const { code, message } = summarizeAwsError(error);
    throw new SourceUnavailableError(
      "aws",
      `--org needs credentials of the organisation's management or a delegated administrator account; account ${caller} got organizations:DescribeOrganization ${code}: ${message}`,
    );
  }
}

async function listAccounts(organizations: OrganizationsClient, organizationId: string): Promise<Account[]> {
  const accounts: Account[] = [];
  try {
    for await (const page of paginateListAccounts({ client: organizations }, {}))
      accounts.push(...(page.Accounts ?? []));
  } catch (error) {
    const { code, message } = summarizeAwsError(error);
    throw new SourceUnavailableError(
      "aws",
      `cannot list the accounts of organisation ${organizationId} (organizations:ListAccounts ${code}): ${message}`,
    );
  }
  return accounts;
}

/**
 * `Root/Workloads/Prod` for an account, from ListParents up to the root. Each OU is looked up once
 * for the whole scan; an OU that cannot be read leaves the path undefined, never the scan stopped.
 */
function ouPaths(organizations: OrganizationsClient): (accountId: string) => Promise<string | undefined> {
  const pathOfParent = new Map<string, Promise<string | undefined>>();
  const parentOf = async (childId: string) =>
    (await organizations.send(new ListParentsCommand({ ChildId: childId }))).Parents?.[0];
  const pathOf = (parentId: string, type: string | undefined): Promise<string | undefined> => {
    let path = pathOfParent.get(parentId);
    if (!path) {
      path = (async () => {
        if (type === "ROOT") return "Root";
        const [unit, parent] = await Promise.all([
          organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parentId })),
          parentOf(parentId),
        ]);
        if (!parent?.Id) return undefined;
        const above = await pathOf(parent.Id, parent.Type);
        return above === undefined ? undefined : `${above}/${unit.OrganizationalUnit?.Name ?? parentId}`;
      })().catch(() => undefined);
      pathOfParent.set(parentId, path);
    }
    return path;
  };
  return async (accountId) => {
    try {
      const parent = await parentOf(accountId);
      return parent?.Id ? await pathOf(parent.Id, parent.Type) : undefined;
    } catch {
      return undefined;
    }
  };
}
