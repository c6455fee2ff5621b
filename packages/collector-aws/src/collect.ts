// collectAws: reads one AWS account into a Snapshot. It resolves credentials and regions, checks who
// it is, then runs every collector below — global ones once, regional ones once per region.
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { partition } from "@aws-sdk/core/client";
import {
  type AwsConfig,
  type Gap,
  InputError,
  type Resource,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type Source,
  SourceUnavailableError,
} from "@itaku/core";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { ebsEncryptionByDefaultCollector, s3AccountPublicAccessBlockCollector } from "./account-storage";
import { alarmsCollector } from "./alarms";
import {
  type AwsErrorSummary,
  CREDENTIAL_REJECTED_CODES,
  hasCode,
  isTransportError,
  oneLine,
  summarizeAwsError,
} from "./aws-errors";
import { runBounded } from "./bounded";
import {
  AwsClients,
  credentialsFromSettings,
  DEFAULT_RETRY,
  RequestCounter,
  type RetrySettings,
} from "./client";
import { cloudTrailCollector } from "./cloudtrail";
import type { AwsCollector, AwsCollectorContext } from "./collector";
import { configServiceCollector } from "./config-service";
import { assumedIdentity } from "./credentials";
import { ec2Collector } from "./ec2";
import { guardDutyCollector } from "./guardduty";
import { type AwsTimeouts, DEFAULT_TIMEOUTS, SourceDeadline } from "./http-timeouts";
import { iamCollector } from "./iam/collect-iam";
import type { CredentialReportTiming } from "./iam/credential-report";
import { identityCenterCollector } from "./identity-center";
import { inspector2Collector } from "./inspector2";
import { ec2InstanceCollector } from "./instances";
import { logsCollector } from "./logs";
import { networkAclCollector } from "./network-acls";
import { networkFirewallCollector } from "./network-firewall";
import type { RequestBudget } from "./request-budget";
import { s3Collector } from "./s3";
import { securityHubCollector } from "./security-hub";
import { ssmCollector } from "./ssm";

export interface CollectAwsOptions {
  progress?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** The config file, named in errors about `aws:` settings. */
  configPath?: string;
  /** Tuning and test hooks; the defaults suit real AWS. */
  retry?: RetrySettings;
  credentialReport?: CredentialReportTiming;
  requestHandler?: unknown;
  /** Which collectors run (default: all of AWS_COLLECTORS); tests narrow it to one. */
  collectors?: readonly AwsCollector[];
  /** Asks for the MFA code of `aws.mfaSerial` (or a profile's mfa_serial); the CLI prompts on a TTY. */
  mfaCode?: (serial: string) => Promise<string>;
  /** The account's credentials, already resolved (an organisation scan assumes each member's role). */
  credentials?: AwsCredentialIdentityProvider;
  /** Counts this account's requests; AssumeRole too when the credentials were built with it. */
  counter?: RequestCounter;
  /** The run's request-rate budget, shared with the other accounts of an organisation scan. */
  budget?: RequestBudget;
  /** Organizations metadata for the source record. */
  account?: Source["account"];
}

/**
 * Every collector of the AWS source. To add one, write `src/<service>.ts` exporting an AwsCollector
 * (scope "regional" runs once per region) and add it to this list; add the commands it sends to
 * READ_ALLOW_LIST in read-only.ts, or the guard refuses them.
 */
export const AWS_COLLECTORS: AwsCollector[] = [
  iamCollector,
  cloudTrailCollector,
  logsCollector,
  alarmsCollector,
  ec2Collector,
  networkAclCollector,
  networkFirewallCollector,
  s3Collector,
  s3AccountPublicAccessBlockCollector,
  ebsEncryptionByDefaultCollector,
  ec2InstanceCollector,
  ssmCollector,
  guardDutyCollector,
  securityHubCollector,
  configServiceCollector,
  inspector2Collector,
  identityCenterCollector,
];

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export async function collectAws(
  config: AwsConfig | undefined,
  options: CollectAwsOptions = {},
): Promise<Snapshot> {
  const settings: AwsConfig = config ?? {};
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const progress = options.progress ?? (() => {});
  const configPath = options.configPath ?? "itaku.yaml";
  const started = performance.now();

  const { configuredRegions, homeRegion, partitionInfo, globalRegion, endpoint } = resolveAwsTarget(
    settings,
    env,
    configPath,
  );

  const timeouts = timeoutsOf(settings);
  const deadline = new SourceDeadline(timeouts.deadlineMs);
  const counter = options.counter ?? new RequestCounter();
  const credentials =
    options.credentials ??
    credentialsFromSettings(settings, {
      mfaCode: options.mfaCode,
      region: homeRegion,
      endpoint,
      env,
      counter,
      ...(options.budget ? { budget: options.budget } : {}),
      timeouts,
      deadline,
    });
  const clients = new AwsClients({
    credentials,
    ...(endpoint ? { endpoint } : {}),
    counter,
    ...(options.budget ? { budget: options.budget } : {}),
    retry: options.retry ?? retriesOf(settings),
    timeouts,
    deadline,
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
  });

  try {
    const { accountId, arn: callerArn } = await callerIdentity(clients, homeRegion, settings, credentials);
    progress(`AWS account ${accountId}${settings.roleArn ? ` through ${settings.roleArn}` : ""}`);
    const gaps: Gap[] = [];
    const resources: Resource[] = [];
    const regions = await resolveRegions(configuredRegions, clients, homeRegion, (failure) => {
      for (const collector of (options.collectors ?? AWS_COLLECTORS).filter((c) => c.scope === "regional")) {
        for (const resourceType of collector.resourceTypes) {
          gaps.push({
            source: "aws",
            scope: accountId,
            region: "global",
            resourceType,
            operation: "DescribeRegions",
            ...failure,
          });
        }
      }
    });
    resources.push({
      type: "aws.account",
      id: accountId,
      name: accountId,
      scope: accountId,
      region: "global",
      attributes: { accountId },
    });

    const contextFor = (region: string): AwsCollectorContext => ({
      accountId,
      partition: partitionInfo.name,
      region,
      regions,
      config: settings,
      now,
      ...(options.credentialReport ? { credentialReport: options.credentialReport } : {}),
      client: (ClientClass, service) =>
        clients.get(ClientClass, service, region === "global" ? globalRegion : region),
      emit: (resource) => resources.push(resource),
      gap: (resourceType, operation, failure) => {
        const summary = isSummary(failure) ? failure : summarizeAwsError(failure);
        gaps.push({
          source: "aws",
          scope: accountId,
          region,
          resourceType,
          operation,
          code: summary.code,
          message: summary.message,
        });
      },
      progress,
    });
    const runs: (() => Promise<void>)[] = [];
    for (const collector of options.collectors ?? AWS_COLLECTORS) {
      const places = collector.scope === "global" ? ["global"] : regions;
      for (const region of places) {
        runs.push(async () => {
          const ctx = contextFor(region);
          try {
            await collector.run(ctx);
          } catch (error) {
            // A collector handles what it expects; anything else still must not turn into a pass.
            for (const type of collector.resourceTypes) ctx.gap(type, collector.name, error);
          }
        });
      }
    }
    await runBounded(runs, settings.maxConcurrency ?? 4);

    resources.sort((a, b) => compare(a.type, b.type) || compare(a.id, b.id));
    gaps.sort(
      (a, b) =>
        compare(a.resourceType, b.resourceType) ||
        compare(a.region, b.region) ||
        compare(a.operation, b.operation),
    );
    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      collectedAt: now().toISOString(),
      origin: "live",
      sources: [
        {
          provider: "aws",
          scope: accountId,
          regions: [...regions].sort(),
          gaps,
          status: gaps.length > 0 ? "partial" : "ok",
          ...(gaps.length > 0 ? { reason: describeGaps(gaps) } : {}),
          ...(options.account ? { account: options.account } : {}),
          ...(callerArn ? { collectedBy: callerArn } : {}),
          stats: {
            ...counter.toStats(),
            "requests.total": counter.total,
            durationMs: Math.round(performance.now() - started),
          },
        },
      ],
      resources,
    };
  } finally {
    clients.destroy();
  }
}

export function timeoutsOf(settings: AwsConfig): AwsTimeouts {
  const seconds = settings.timeouts ?? {};
  const ms = (value: number | undefined, fallback: number) => (value === undefined ? fallback : value * 1000);
  return {
    connectMs: ms(seconds.connectSeconds, DEFAULT_TIMEOUTS.connectMs),
    requestMs: ms(seconds.requestSeconds, DEFAULT_TIMEOUTS.requestMs),
    deadlineMs: ms(seconds.deadlineSeconds, DEFAULT_TIMEOUTS.deadlineMs),
  };
}

function retriesOf(settings: AwsConfig): RetrySettings {
  const otherMaxAttempts = settings.retries?.maxAttempts ?? DEFAULT_RETRY.otherMaxAttempts;
  const maxAttempts = settings.retries?.throttlingMaxAttempts ?? DEFAULT_RETRY.maxAttempts;
  // The SDK's own ceiling must let both kinds of failure use their attempts.
  return { ...DEFAULT_RETRY, otherMaxAttempts, maxAttempts: Math.max(maxAttempts, otherMaxAttempts) };
}

/** One line on what a partial reading misses: `3 gaps (iam:GetCredentialReport AccessDenied, …)`. */
export function describeGaps(gaps: readonly Gap[]): string {
  const kinds = [...new Set(gaps.map((g) => `${g.operation} ${g.code}`))].sort();
  const shown = kinds.slice(0, 3).join(", ");
  return `${gaps.length} gap${gaps.length === 1 ? "" : "s"} (${shown}${kinds.length > 3 ? ", …" : ""})`;
}

/** Validated regions, home region, partition and endpoint of the `aws:` settings (bad ones: InputError). */
export function resolveAwsTarget(settings: AwsConfig, env: NodeJS.ProcessEnv, configPath: string) {
  const configuredRegions = Array.isArray(settings.regions) ? settings.regions : undefined;
  for (const [i, region] of (configuredRegions ?? []).entries()) {
    if (!isKnownRegion(region)) {
      throw new InputError(
        configPath,
        `aws.regions[${i}]`,
        `unknown AWS region "${region}" (for example ap-northeast-1)`,
      );
    }
  }
  if (settings.roleArn !== undefined && !ROLE_ARN.test(settings.roleArn)) {
    throw new InputError(
      configPath,
      "aws.roleArn",
      `"${settings.roleArn}" is not a role ARN (arn:aws:iam::<account>:role/<name>)`,
    );
  }
  const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!configuredRegions && envRegion && !isKnownRegion(envRegion)) {
    throw new InputError("AWS_REGION", undefined, `unknown AWS region "${envRegion}"`);
  }
  const homeRegion = configuredRegions?.[0] ?? envRegion ?? "us-east-1";
  const partitionInfo = partition(homeRegion) as { name: string; implicitGlobalRegion?: string };
  const globalRegion = partitionInfo.implicitGlobalRegion ?? "us-east-1";
  const endpoint = settings.endpoint ?? (env.AWS_ENDPOINT_URL || undefined);
  if (endpoint !== undefined && !URL.canParse(endpoint)) {
    throw new InputError(
      settings.endpoint ? configPath : "AWS_ENDPOINT_URL",
      settings.endpoint ? "aws.endpoint" : undefined,
      `"${endpoint}" is not a URL`,
    );
  }
  return { configuredRegions, homeRegion, partitionInfo, globalRegion, endpoint };
}

/** Known to the SDK's partition data: a typo such as ap-northeast-9 is caught before any request. */
export function isKnownRegion(region: string): boolean {
  return (partition(region) as { description?: string }).description !== undefined;
}

/** sts:GetCallerIdentity needs no permission, so its failure means the credentials themselves fail. */
export async function whoAmI(clients: AwsClients, region: string, settings: AwsConfig): Promise<string> {
  return (await callerIdentity(clients, region, settings)).accountId;
}

/**
 * The account and the ARN of the identity the credentials stand for (a snapshot's `collectedBy`). A
 * role's session is known from AssumeRole's answer (one request fewer per account); any other
 * credentials are asked about with sts:GetCallerIdentity.
 */
export async function callerIdentity(
  clients: AwsClients,
  region: string,
  settings: AwsConfig,
  credentials?: AwsCredentialIdentityProvider,
): Promise<{ accountId: string; arn?: string }> {
  try {
    // The provider is shared: the session AssumeRole named is the one every client signs with.
    const session = credentials && (await assumedIdentity(credentials));
    if (session) return session;
    const identity = await clients.get(STSClient, "sts", region).send(new GetCallerIdentityCommand({}));
    if (!identity.Account)
      throw new SourceUnavailableError("aws", "sts:GetCallerIdentity returned no account id");
    return { accountId: identity.Account, ...(identity.Arn ? { arn: identity.Arn } : {}) };
  } catch (error) {
    if (error instanceof SourceUnavailableError) throw error;
    throw new SourceUnavailableError("aws", describeCredentialFailure(error, settings));
  }
}

function describeCredentialFailure(error: unknown, settings: AwsConfig): string {
  const { code, message } = summarizeAwsError(error);
  const from = settings.profile ? `profile "${settings.profile}"` : "the standard credential chain";
  if (isTransportError(error)) return `cannot reach AWS (${code}): ${message}`;
  if ((error as { name?: string }).name === "CredentialsProviderError") {
    return `no usable AWS credentials from ${from}: ${oneLine(message)}`;
  }
  if (settings.roleArn && hasCode(error, "AccessDenied", "AccessDeniedException")) {
    return `cannot assume ${settings.roleArn}${settings.externalId ? " with the configured external id" : ""} (${code}): ${message}`;
  }
  if (hasCode(error, ...CREDENTIAL_REJECTED_CODES))
    return `AWS rejected the credentials from ${from} (${code}): ${message}`;
  return `sts:GetCallerIdentity failed (${code}): ${message}`;
}

async function resolveRegions(
  configured: readonly string[] | undefined,
  clients: AwsClients,
  homeRegion: string,
  onFailure: (failure: AwsErrorSummary) => void,
): Promise<string[]> {
  if (configured) return [...new Set(configured)];
  try {
    const out = await clients
      .get(EC2Client, "ec2", homeRegion)
      .send(new DescribeRegionsCommand({ AllRegions: false }));
    const regions = (out.Regions ?? []).map((r) => r.RegionName).filter((r): r is string => Boolean(r));
    return regions.length > 0 ? [...new Set(regions)].sort() : [homeRegion];
  } catch (error) {
    onFailure(summarizeAwsError(error));
    return [homeRegion];
  }
}

const isSummary = (value: unknown): value is AwsErrorSummary =>
  typeof value === "object" &&
  value !== null &&
  !(value instanceof Error) &&
  "code" in value &&
  "message" in value;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
