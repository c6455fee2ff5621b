// AWS SDK v3 clients for one account: one client per service and region, built in one place, where
// the named middleware every request goes through is added — the read-only guard and the request
// counter — next to the SDK's own retry middleware (configured for throttling storms), with the
// connection and request timeouts and the source's deadline on every request.
import { fromIni, fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HandlerExecutionContext,
  MetadataBearer,
  MiddlewareStack,
  RetryErrorInfo,
  StandardRetryToken,
} from "@smithy/types";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import { assumedRoleCredentials, sharedCredentials } from "./credentials";
import {
  type AwsTimeouts,
  DEFAULT_TIMEOUTS,
  DeadlineExceededError,
  SourceDeadline,
  timedRequestHandler,
} from "./http-timeouts";
import { type AwsServicePrefix, allowedCommand } from "./read-only";
import type { RequestBudget } from "./request-budget";
import { RequestCounter } from "./request-counter";

// Re-exported: callers build counters beside the clients they count.
export { RequestCounter };

// The SDK warns on every run under Node 20 about its own future support window; that notice is for
// the people who upgrade the SDK, not for users reading the scanner's stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Raised by the guard before a command that is not on the read allow-list leaves the process. */
export class ReadOnlyViolationError extends Error {
  override readonly name = "ReadOnlyViolationError";
  constructor(readonly operation: string) {
    super(`refused ${operation}: the scanner only sends the read commands listed in read-only.ts`);
  }
}

export interface RetrySettings {
  /** Attempts per call when AWS throttles, the first included. */
  maxAttempts: number;
  /** Attempts for other retryable failures (connection refused, 5xx): a dead endpoint fails fast. */
  otherMaxAttempts: number;
  /** Delay before the first retry; doubles each retry, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  maxAttempts: 8,
  otherMaxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
};

/**
 * The SDK's standard retries with the scanner's backoff: throttling storms are ridden out over up
 * to `maxAttempts`; other transient failures get `otherMaxAttempts`, so an unreachable endpoint is
 * reported in seconds.
 */
export class ScannerRetryStrategy extends ConfiguredRetryStrategy {
  constructor(
    private readonly settings: RetrySettings,
    private readonly deadline?: SourceDeadline,
  ) {
    super(settings.maxAttempts, (attempt) => backoffDelay(settings, attempt));
  }

  override async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo,
  ): Promise<StandardRetryToken> {
    if (errorInfo.errorType !== "THROTTLING" && token.getRetryCount() + 1 >= this.settings.otherMaxAttempts) {
      throw new Error("No retry token available");
    }
    const next = await super.refreshRetryTokenForRetry(token, errorInfo);
    // A retry that could only start after the deadline is not worth the wait.
    if (this.deadline?.wouldPass(next.getRetryDelay())) throw new Error("No retry token available");
    return next;
  }
}

export interface AwsClientSettings {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Endpoint override for every service (a local AWS API server in tests). */
  endpoint?: string;
  counter: RequestCounter;
  /** The run's shared request-rate budget (with --org, shared by every account); none: no limit. */
  budget?: RequestBudget;
  retry?: RetrySettings;
  timeouts?: AwsTimeouts;
  /** Shared by every client of the source; made from `timeouts.deadlineMs` when absent. */
  deadline?: SourceDeadline;
  /** Tests answer requests with a fake HTTP handler to exercise the real middleware stack. */
  requestHandler?: unknown;
}

/** What the collector needs from an SDK client class; every `@aws-sdk/client-*` class fits. */
export interface SdkClient {
  // Input types differ per client: a service whose every input has a required field (Identity Store)
  // is not assignable to `object` here, so the stack's input stays open.
  // biome-ignore lint/suspicious/noExplicitAny: the guard reads only the command name, never the input
  middlewareStack: MiddlewareStack<any, MetadataBearer>;
  destroy(): void;
}
export type SdkClientClass<C extends SdkClient> = new (config: {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  endpoint?: string;
  retryStrategy: ConfiguredRetryStrategy;
  maxAttempts?: number;
  /** Ignore AWS_ENDPOINT_URL and the config file's endpoint_url (set for clients sent to the endpoint by middleware). */
  ignoreConfiguredEndpointUrls?: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: each SDK client types its request handler differently
  requestHandler?: any;
}) => C;

/** The clients of one account: `get(IAMClient, "iam", region)` returns the same client each time. */
export class AwsClients {
  private readonly clients = new Map<string, SdkClient>();
  readonly timeouts: AwsTimeouts;
  readonly deadline: SourceDeadline;

  constructor(private readonly settings: AwsClientSettings) {
    this.timeouts = settings.timeouts ?? DEFAULT_TIMEOUTS;
    this.deadline = settings.deadline ?? new SourceDeadline(this.timeouts.deadlineMs);
  }

  get counter(): RequestCounter {
    return this.settings.counter;
  }

  get<C extends SdkClient>(ClientClass: SdkClientClass<C>, service: AwsServicePrefix, region: string): C {
    const key = `${service}\u0000${region}`;
    const cached = this.clients.get(key);
    if (cached) return cached as C;
    const retry = this.settings.retry ?? DEFAULT_RETRY;
    const { endpoint } = this.settings;
    const redirect = endpoint !== undefined && ACCOUNT_HOST_SERVICES.has(service);
    const client = new ClientClass({
      region,
      credentials: this.settings.credentials,
      ...(endpoint && !redirect ? { endpoint } : {}),
      ...(redirect ? { ignoreConfiguredEndpointUrls: true } : {}),
      retryStrategy: new ScannerRetryStrategy(retry, this.deadline),
      maxAttempts: retry.maxAttempts,
      requestHandler: timedRequestHandler(this.timeouts, this.deadline, this.settings.requestHandler),
    });
    addScannerMiddleware(client, service, this.settings.counter, this.deadline, this.settings.budget);
    if (redirect) sendToEndpoint(client, endpoint);
    this.clients.set(key, client);
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}

/**
 * Services whose endpoint rules put the account id in front of the host (S3 Control:
 * `ACCOUNT.s3-control.REGION.amazonaws.com`). With an endpoint override that host cannot be built
 * (`111122223333.127.0.0.1` is no valid URL), so their clients resolve AWS's host as usual and
 * `sendToEndpoint` sends the request to the override instead.
 */
const ACCOUNT_HOST_SERVICES: ReadonlySet<AwsServicePrefix> = new Set(["s3-control"]);

/** Sends every request of a client to `endpoint`, path and headers unchanged; before signing (build step). */
export function sendToEndpoint(client: SdkClient, endpoint: string): void {
  const url = new URL(endpoint);
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { protocol?: string; hostname?: string; port?: number };
      request.protocol = url.protocol;
      request.hostname = url.hostname;
      request.port = url.port ? Number(url.port) : undefined;
      return next(args);
    },
    { step: "build", priority: "low", name: "itakuSendToEndpoint", override: true },
  );
}

/** Exponential backoff with full jitter in the upper half, so throttled callers spread out. */
export function backoffDelay(retry: RetrySettings, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

const operationOf = (service: AwsServicePrefix, context: HandlerExecutionContext): string =>
  `${service}:${String(context.commandName ?? "Unknown").replace(/Command$/, "")}`;

/**
 * The scanner's middleware, added in this one place. The guard runs first (initialize step), so a
 * refused command is never serialized, signed or sent. The counter sits after the retry middleware
 * (finalizeRequest, low priority), so it sees every attempt that goes over the wire; each attempt
 * first takes a token from the request budget, when there is one.
 */
export function addScannerMiddleware(
  client: SdkClient,
  service: AwsServicePrefix,
  counter: RequestCounter,
  deadline?: SourceDeadline,
  budget?: RequestBudget,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf(service, context);
      if (!allowedCommand(service, operation.slice(service.length + 1)))
        throw new ReadOnlyViolationError(operation);
      try {
        return await next(args);
      } catch (error) {
        // Past the deadline, whatever broke (a body cut off mid-stream, a refused retry) broke because of it.
        if (deadline?.passed && !(error instanceof DeadlineExceededError))
          throw new DeadlineExceededError(deadline.deadlineMs);
        throw error;
      }
    },
    { step: "initialize", priority: "high", name: "itakuReadOnlyGuard", override: true },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (budget) await budget.take();
      counter.record(operationOf(service, context));
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "itakuRequestCounter", override: true },
  );
}

export interface CredentialSettings {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  sessionName?: string;
  /** MFA device for the role (or the profile's own mfa_serial), and how to ask for its code. */
  mfaSerial?: string;
  mfaCode?: (serial: string) => Promise<string>;
  /** Region and endpoint of the STS client that assumes the role. */
  region: string;
  endpoint?: string;
  env: NodeJS.ProcessEnv;
  /** Timeouts and deadline of the STS client that assumes the role. */
  timeouts?: AwsTimeouts;
  deadline?: SourceDeadline;
  /** Counts the AssumeRole requests. */
  counter?: RequestCounter;
  /** The run's request-rate budget, which AssumeRole draws on too. */
  budget?: RequestBudget;
}

/** What the `aws:` settings say about credentials: profile, role, external id, session name, MFA device. */
type CredentialChoice = Pick<
  CredentialSettings,
  "profile" | "roleArn" | "externalId" | "sessionName" | "mfaSerial"
>;

/** resolveCredentials for the `aws:` settings' choice, with the STS client's place and limits (`at`). */
export function credentialsFromSettings(
  settings: CredentialChoice,
  at: Omit<CredentialSettings, keyof CredentialChoice>,
): AwsCredentialIdentityProvider {
  const { profile, roleArn, externalId, sessionName, mfaSerial } = settings;
  return resolveCredentials({ profile, roleArn, externalId, sessionName, mfaSerial, ...at });
}

/**
 * Credentials from the standard chain (environment, profiles, SSO, container and instance roles),
 * or from a named profile, optionally used to assume a role with an external id — the contractor's
 * way into a vendor's account. One shared provider for every client of the account (credentials.ts).
 * Nothing here is logged or returned in any snapshot.
 */
export function resolveCredentials(settings: CredentialSettings): AwsCredentialIdentityProvider {
  const { env } = settings;
  const profile = settings.profile ?? (env === process.env ? undefined : env.AWS_PROFILE);
  let base: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  if (settings.profile)
    base = fromIni({
      profile: settings.profile,
      ...(settings.mfaCode ? { mfaCodeProvider: settings.mfaCode } : {}),
    });
  else if (env !== process.env && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !profile) {
    // An injected environment (tests, embedding) is honoured the way the chain honours process.env.
    base = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  } else base = fromNodeProviderChain(profile ? { profile } : {});
  if (!settings.roleArn) return sharedCredentials(base);
  return assumedRoleCredentials({
    base: sharedCredentials(base),
    roleArn: settings.roleArn,
    ...(settings.externalId ? { externalId: settings.externalId } : {}),
    ...(settings.sessionName ? { sessionName: settings.sessionName } : {}),
    ...(settings.mfaSerial ? { mfaSerial: settings.mfaSerial } : {}),
    ...(settings.mfaCode ? { mfaCode: settings.mfaCode } : {}),
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.counter ? { counter: settings.counter } : {}),
    ...(settings.budget ? { budget: settings.budget } : {}),
    ...(settings.deadline
      ? { requestHandler: timedRequestHandler(settings.timeouts ?? DEFAULT_TIMEOUTS, settings.deadline) }
      : {}),
  });
}
