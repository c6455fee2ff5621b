// The contract between collectAws and each collector: what a collector receives, what it gives back.
import type { AwsConfig, Resource, ResourceType } from "@itaku/core";
import type { AwsErrorSummary } from "./aws-errors";
import type { SdkClient, SdkClientClass } from "./client";
import type { CredentialReportTiming } from "./iam/credential-report";
import type { AwsServicePrefix } from "./read-only";

/** What a collector gets: the account, its region, clients, and the two ways to report back. */
export interface AwsCollectorContext {
  accountId: string;
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  partition: string;
  /** The region being read, or "global" for global services such as IAM. */
  region: string;
  /** Every region of this scan. */
  regions: readonly string[];
  config: AwsConfig;
  now: () => Date;
  credentialReport?: CredentialReportTiming;
  /** The client of a service for this context's region (global services use the partition's home region). */
  client<C extends SdkClient>(ClientClass: SdkClientClass<C>, service: AwsServicePrefix): C;
  emit(resource: Resource): void;
  /** Records what could not be read; rules reading `resourceType` then answer unknown, never pass. */
  gap(resourceType: ResourceType, operation: string, failure: AwsErrorSummary | unknown): void;
  progress(line: string): void;
}

export interface AwsCollector {
  name: string;
  scope: "global" | "regional";
  /** The types it writes; an unexpected exception becomes a gap on each of them. */
  resourceTypes: readonly ResourceType[];
  run(ctx: AwsCollectorContext): Promise<void>;
}
