// Credentials shared by every SDK client of one account: one provider, asked once, refreshed
// before it expires. Without it each client memoizes on its own, and a scan of one account sent
// AssumeRole once per client (6 of its 25 requests).
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { memoize } from "@smithy/property-provider";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Pluggable } from "@smithy/types";
import type { RequestBudget } from "./request-budget";
import type { RequestCounter } from "./request-counter";

/** Refresh this long before the credentials expire, so no request is signed with a dying session. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * One provider for a whole account: the first caller resolves it, every later caller gets the same
 * credentials until they come within REFRESH_BEFORE_EXPIRY_MS of their expiry, then one call renews.
 */
export function sharedCredentials(
  provider: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  if (typeof provider !== "function") return async () => provider;
  return memoize(
    provider,
    (credentials) =>
      credentials.expiration !== undefined &&
      credentials.expiration.getTime() - now() <= REFRESH_BEFORE_EXPIRY_MS,
    (credentials) => credentials.expiration !== undefined,
  );
}

export interface AssumeRoleSettings {
  /** The credentials that call AssumeRole: the base of the scan, never another member's session. */
  base: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  roleArn: string;
  externalId?: string;
  sessionName?: string;
  /** MFA device of the base identity, and how to ask for its current code. */
  mfaSerial?: string;
  mfaCode?: (serial: string) => Promise<string>;
  /** Region and endpoint of the STS client that assumes the role. */
  region: string;
  endpoint?: string;
  /** AssumeRole requests are counted here, next to the scan's own requests. */
  counter?: RequestCounter;
  /** The run's request-rate budget: each AssumeRole attempt takes a token from it too. */
  budget?: RequestBudget;
  /** The STS client's HTTP handler: the scan's connection and request timeouts and its deadline. */
  requestHandler?: unknown;
}

export const DEFAULT_SESSION_NAME = "itaku-scan";

/** Who a session is: its account and ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`). */
export interface SessionIdentity {
  accountId: string;
  arn: string;
}

/** The session identity AssumeRole answered with, for each provider assumedRoleCredentials made. */
const assumedIdentities = new WeakMap<AwsCredentialIdentityProvider, () => SessionIdentity | undefined>();

/**
 * Who the credentials of an assumedRoleCredentials provider stand for, as AssumeRole's own answer
 * (AssumedRoleUser) said: the account and ARN sts:GetCallerIdentity would answer for the session,
 * without a request to ask again. Resolves the provider first (the AssumeRole, unless the shared
 * session exists already). Undefined for any other provider, or an answer without AssumedRoleUser.
 */
export async function assumedIdentity(
  provider: AwsCredentialIdentityProvider,
): Promise<SessionIdentity | undefined> {
  const identity = assumedIdentities.get(provider);
  if (!identity) return undefined;
  await provider();
  return identity();
}

/** A shared, self-refreshing session of `roleArn`. */
export function assumedRoleCredentials(settings: AssumeRoleSettings): AwsCredentialIdentityProvider {
  let identity: SessionIdentity | undefined;
  const provider = sharedCredentials(
    fromTemporaryCredentials({
      masterCredentials: settings.base,
      params: {
        RoleArn: settings.roleArn,
        RoleSessionName: settings.sessionName ?? DEFAULT_SESSION_NAME,
        ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
        ...(settings.mfaSerial ? { SerialNumber: settings.mfaSerial } : {}),
        DurationSeconds: 3600,
      },
      ...(settings.mfaCode ? { mfaCodeProvider: settings.mfaCode } : {}),
      clientConfig: {
        region: settings.region,
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        // biome-ignore lint/suspicious/noExplicitAny: each SDK client types its request handler differently
        ...(settings.requestHandler ? { requestHandler: settings.requestHandler as any } : {}),
      },
      clientPlugins: [
        ...(settings.counter || settings.budget ? [countAssumeRole(settings.counter, settings.budget)] : []),
        keepSessionIdentity((session) => {
          identity = session;
        }),
      ],
    }),
  );
  assumedIdentities.set(provider, () => identity);
  return provider;
}

/** Hands over the AssumedRoleUser of each AssumeRole answer (account id from its ARN). */
function keepSessionIdentity(keep: (identity: SessionIdentity) => void): Pluggable<object, object> {
  return {
    applyToStack(stack) {
      stack.add(
        (next) => async (args) => {
          const result = await next(args);
          const arn = (result.output as { AssumedRoleUser?: { Arn?: string } }).AssumedRoleUser?.Arn;
          const accountId = arn?.split(":")[4];
          if (arn && accountId && /^\d{12}$/.test(accountId)) keep({ accountId, arn });
          return result;
        },
        { step: "initialize", name: "itakuKeepSessionIdentity", override: true },
      );
    },
  };
}

/** Counts the STS client's requests (AssumeRole) as `sts:AssumeRole`, each after a token of the budget. */
function countAssumeRole(
  counter: RequestCounter | undefined,
  budget: RequestBudget | undefined,
): Pluggable<object, object> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          if (budget) await budget.take();
          counter?.record(`sts:${String(context.commandName ?? "Unknown").replace(/Command$/, "")}`);
          return next(args);
        },
        { step: "finalizeRequest", priority: "low", name: "itakuAssumeRoleCounter", override: true },
      );
    },
  };
}
