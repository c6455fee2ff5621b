// The audit's remote sources: LookupEvents (the credentials' account, management events of the last
// 90 days) and Athena (the detections pushed down to an organisation's CloudTrail table). Loaded only
// when asked for, so a local audit does not load the Athena and CloudTrail clients.
import type { EventSource } from "@itaku/audit";
import { type AuditSettings, InputError, type ItakuConfig, SourceUnavailableError } from "@itaku/core";
import { assertMfaAnswerable, mfaCodePrompt } from "../aws-flags";
import type { CommandEnv } from "../command";
import type { Progress } from "../progress";
import type { OrganizationAudit } from "./audit-org";

export interface RemoteSourceWish {
  lookupEvents: boolean;
  athena?: { table: string; workgroup?: string; outputLocation?: string };
  accounts?: string[];
  regions?: string[];
  now: Date;
  audit: AuditSettings;
  progress: Progress;
  /** `--org`: the listed organisation and the base credentials its member roles are assumed from. */
  organization?: { audit: OrganizationAudit; base: Awaited<ReturnType<typeof baseCredentials>> };
}

/** The region calls go to: the config's first region, else AWS_REGION, else us-east-1. */
export function homeRegion(config: ItakuConfig, env: CommandEnv): string {
  return config.aws?.regions && config.aws.regions !== "all-enabled"
    ? config.aws.regions[0]!
    : (env.env.AWS_REGION ?? "us-east-1");
}

/**
 * The credentials `scan` would use: the config's `aws:` section with the credential flags over it
 * (--profile, --role-arn, --mfa-serial…). One provider, shared by every client that is given it.
 */
export async function baseCredentials(config: ItakuConfig, env: CommandEnv, region: string) {
  const aws = await import("@itaku/collector-aws");
  if (config.aws) assertMfaAnswerable(config.aws, env);
  return aws.resolveCredentials({
    profile: config.aws?.profile,
    roleArn: config.aws?.roleArn,
    externalId: config.aws?.externalId,
    sessionName: config.aws?.sessionName,
    mfaSerial: config.aws?.mfaSerial,
    mfaCode: mfaCodePrompt(env),
    region,
    endpoint: endpointOf(config, env),
    env: env.env,
  });
}

/**
 * `--org`: the base credentials (the management or delegated administrator account) and the
 * organisation listed with them. Exit 3 when every account is suspended or excluded.
 */
export async function openOrganizationForAudit(config: ItakuConfig, env: CommandEnv, progress: Progress) {
  const { listOrganizationForAudit } = await import("./audit-org");
  const base = await baseCredentials(config, env, homeRegion(config, env));
  const audit = await listOrganizationForAudit(config.aws ?? {}, base, config, env, progress);
  if (audit.audited.length === 0)
    throw new SourceUnavailableError(
      "aws",
      `no account of organisation ${audit.organizationId} to audit: all ${audit.accounts.length} are suspended or excluded`,
    );
  return { audit, base };
}

const endpointOf = (config: ItakuConfig, env: CommandEnv): string | undefined =>
  config.aws?.endpoint ?? (env.env.AWS_ENDPOINT_URL || undefined);

/** One account's SDK clients, with `credentials` or else those `scan` would use (baseCredentials). */
export async function awsClientsFor(
  config: ItakuConfig,
  env: CommandEnv,
  region: string,
  credentials?: Awaited<ReturnType<typeof baseCredentials>>,
) {
  const aws = await import("@itaku/collector-aws");
  const endpoint = endpointOf(config, env);
  return new aws.AwsClients({
    credentials: credentials ?? (await baseCredentials(config, env, region)),
    ...(endpoint ? { endpoint } : {}),
    counter: new aws.RequestCounter(),
  });
}

export async function openRemoteSources(
  wish: RemoteSourceWish,
  config: ItakuConfig,
  env: CommandEnv,
): Promise<EventSource[]> {
  const audit = await import("@itaku/audit/remote-entry");
  const region = homeRegion(config, env);
  const clients = await awsClientsFor(config, env, region, wish.organization?.base);
  const sources: EventSource[] = [];
  const defaultRegions =
    wish.regions ??
    (config.aws?.regions && config.aws.regions !== "all-enabled" ? config.aws.regions : [region]);
  if (wish.lookupEvents && wish.organization) {
    const org = wish.organization.audit;
    const endpoint = endpointOf(config, env);
    sources.push(
      ...(await audit.organizationLookupEventsSources({
        accounts: org.accounts,
        callerAccountId: org.callerAccountId,
        partition: org.partition,
        aws: config.aws ?? {},
        base: wish.organization.base,
        region,
        ...(endpoint ? { endpoint } : {}),
        regions: defaultRegions,
        now: wish.now,
        onProgress: (account, p) =>
          wish.progress.step(
            `LookupEvents ${account} ${p.region}: ${p.pages} pages, ${p.events} events, about ${Math.ceil(p.secondsLeft)} s left at 2 requests/s`,
          ),
      })),
    );
  } else if (wish.lookupEvents) {
    // LookupEvents reads the account the credentials belong to: one --accounts names it, else STS does.
    if (wish.accounts && wish.accounts.length > 1)
      throw new InputError(
        "--accounts",
        undefined,
        "LookupEvents reads one account (the credentials'): name at most one",
      );
    const aws = await import("@itaku/collector-aws");
    const account = wish.accounts?.[0] ?? (await aws.whoAmI(clients, region, config.aws ?? {}));
    sources.push(
      new audit.LookupEventsSource({
        clients,
        account,
        defaultRegions,
        now: wish.now,
        onProgress: (p) =>
          wish.progress.step(
            `LookupEvents ${p.region}: ${p.pages} pages, ${p.events} events, about ${Math.ceil(p.secondsLeft)} s left at 2 requests/s`,
          ),
      }),
    );
  }
  if (wish.athena) {
    const settings = { clients, region, ...wish.athena };
    // Built once here so a bad table name is bad input before anything runs.
    const { location, kind } = new audit.AthenaSource({ ...settings, bucket: "minute" });
    sources.push({
      kind,
      location,
      async read(options) {
        // The aggregates' time bucket: hours when the time zone and business hours allow, over the read window.
        const bucket = audit.timeBucketFor(
          wish.audit,
          options.window.from.toISOString(),
          options.window.to.toISOString(),
        );
        try {
          const result = await new audit.AthenaSource({ ...settings, bucket }).read(options);
          const cost = result.report.stats?.costUsd ?? 0;
          wish.progress.step(`Athena scanned ${result.report.bytes} bytes (about $${cost.toFixed(4)})`);
          return result as never;
        } catch (error) {
          // A failed, cancelled or timed-out query: the table could not be audited at all.
          if (error instanceof audit.AthenaQueryError)
            throw new SourceUnavailableError(location, (error as Error).message);
          // Ctrl-C: the running query was stopped at Athena (runAthenaQuery did); say so, exit 3.
          if (options.signal?.aborted)
            throw new SourceUnavailableError(
              location,
              `${(options.signal.reason as Error)?.message ?? "interrupted"}; the running query was stopped`,
            );
          throw error;
        }
      },
    });
  }
  return sources;
}
