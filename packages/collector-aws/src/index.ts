export { type AwsErrorSummary, summarizeAwsError } from "./aws-errors";
export type { AwsClientSettings, RetrySettings, SdkClient, SdkClientClass } from "./client";
export {
  AwsClients,
  addScannerMiddleware,
  ReadOnlyViolationError,
  RequestCounter,
  resolveCredentials,
} from "./client";
export {
  AWS_COLLECTORS,
  type CollectAwsOptions,
  collectAws,
  describeGaps,
  isKnownRegion,
  whoAmI,
} from "./collect";
export type { AwsCollector, AwsCollectorContext } from "./collector";
export { assumedRoleCredentials, sharedCredentials } from "./credentials";
export { iamCollector } from "./iam/collect-iam";
export { parseCredentialReport } from "./iam/credential-report";
export { decodePolicyDocument } from "./iam/policy-document";
export {
  type CollectOrganizationOptions,
  collectAwsOrganization,
  DEFAULT_MEMBER_ROLE,
  inShard,
  type ListOrganizationOptions,
  listOrganizationAccounts,
  memberRoleArn,
  type OrganizationAccount,
  type OrganizationListing,
  type OrganizationScan,
  organizationSkipReason,
  organizationSourceAccount,
  parseShard,
  type Shard,
} from "./organization";
export {
  type AllowedCommand,
  type AwsServicePrefix,
  actionsOf,
  iamPolicyDocument,
  isReadAction,
  organizationPolicyDocument,
  READ_ALLOW_LIST,
  requiredIamActions,
} from "./read-only";
export { RequestBudget } from "./request-budget";
