// The access-log audit's event: one CloudTrail record, in the shape CloudTrail writes it to S3
// (camelCase, nested objects). Every source yields this shape — log files as they are parsed,
// LookupEvents' `CloudTrailEvent` string once parsed, Athena/DuckDB rows mapped back to it — so
// the parse is the only allocation per event and every detection reads one model.
// Reference: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html

export interface CloudTrailSessionIssuer {
  type?: string; // "Role" | "IAMUser" | "Root"
  principalId?: string;
  arn?: string;
  accountId?: string;
  userName?: string;
}

export interface CloudTrailUserIdentity {
  /** Root | IAMUser | AssumedRole | FederatedUser | AWSAccount | AWSService | IdentityCenterUser | Unknown … */
  type: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  identityProvider?: string;
  sessionContext?: {
    sessionIssuer?: CloudTrailSessionIssuer;
    attributes?: { creationDate?: string; mfaAuthenticated?: string };
    sourceIdentity?: string;
    webIdFederationData?: Record<string, unknown>;
  };
  /** Identity Center users (IdentityCenterUser events). */
  onBehalfOf?: { userId?: string; identityStoreArn?: string };
  credentialId?: string;
}

export interface CloudTrailEvent {
  eventVersion?: string;
  userIdentity: CloudTrailUserIdentity;
  /** ISO-8601 UTC, e.g. 2026-11-04T01:23:45Z. */
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress?: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown> | null;
  requestID?: string;
  eventID: string;
  readOnly?: boolean;
  resources?: { ARN?: string; accountId?: string; type?: string }[];
  /** AwsApiCall | AwsServiceEvent | AwsConsoleAction | AwsConsoleSignIn | AwsCloudTrailInsight … */
  eventType?: string;
  managementEvent?: boolean;
  recipientAccountId?: string;
  sharedEventID?: string;
  vpcEndpointId?: string;
  /** Management | Data | Insight | NetworkActivity */
  eventCategory?: string;
  tlsDetails?: Record<string, unknown>;
}

/** The fields without which a record is not a CloudTrail event; a source counts records lacking one as malformed. */
export const REQUIRED_EVENT_FIELDS = [
  "eventTime",
  "eventSource",
  "eventName",
  "eventID",
  "userIdentity",
] as const;

/** True when `value` has the fields every detection relies on (cheap: no deep validation on the hot path). */
export function isCloudTrailEvent(value: unknown): value is CloudTrailEvent {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.eventTime === "string" &&
    typeof record.eventSource === "string" &&
    typeof record.eventName === "string" &&
    typeof record.eventID === "string" &&
    typeof record.userIdentity === "object" &&
    record.userIdentity !== null &&
    typeof (record.userIdentity as Record<string, unknown>).type === "string"
  );
}

/**
 * Where parsed events go. Sources push events into a sink; on worker threads each worker owns a
 * sink and returns `state()` (structured-cloneable), which the main thread merges. The audit
 * runner's sink folds events into every detection's mergeable state; a test sink can just count.
 */
export interface EventSink<State = unknown> {
  add(event: CloudTrailEvent): void;
  /** The folded state so far; must survive `structuredClone` (plain objects, arrays, Map, Set). */
  state(): State;
}

/**
 * A module that worker threads load by path to build their sink. The module's default export
 * implements this; `init` is the structured-cloneable input (options, roster, config) every worker gets.
 */
export interface EventSinkModule<Init = unknown, State = unknown> {
  create(init: Init): EventSink<State>;
  /** Folds `from` into `into` (associative; order of files must not change the outcome). */
  merge(into: State, from: State): State;
}
