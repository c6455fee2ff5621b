export { type AwsErrorSummary, summarizeAwsError } from "./aws-errors";
export type { AwsClientSettings, RetrySettings, SdkClient, SdkClientClass } from "./client";
export {
  AwsClients,
  addScannerMiddleware,
  ReadOnlyViolationError,
  RequestCounter,
  resolveCredentials,
} from "./client";
export { AWS_COLLECTORS, type CollectAwsOptions, collectAws, isKnownRegion } from "./collect";
export type { AwsCollector, AwsCollectorContext } from "./collector";
export { iamCollector } from "./iam/collect-iam";
export { parseCredentialReport } from "./iam/credential-report";
export { decodePolicyDocument } from "./iam/policy-document";
export {
  type AllowedCommand,
  type AwsServicePrefix,
  actionsOf,
  iamPolicyDocument,
  isReadAction,
  READ_ALLOW_LIST,
  requiredIamActions,
} from "./read-only";
