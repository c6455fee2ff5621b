// Normalized AWS detection, patching and inventory services: EC2 instances, the SSM view of them
// (agent, patch state, installed applications), GuardDuty, Security Hub, the AWS Config recorder and
// Amazon Inspector.
// The service-status types are one resource per account and region, emitted whether the service is on
// or off — and even when it could not be read, with the unread attributes left out (and a gap), so a
// rule answers unknown for that region instead of staying silent.
import { z } from "zod";
import { isoDateTime } from "./common";

export const awsEc2Instance = z.object({
  instanceId: z.string(),
  /** pending | running | stopping | stopped | shutting-down | terminated */
  state: z.string(),
  subnetId: z.string().optional(),
  vpcId: z.string().optional(),
  imageId: z.string().optional(),
  /** "windows" for Windows instances; absent for Linux and others (as EC2 answers). */
  platform: z.string().optional(),
  launchedAt: isoDateTime.optional(),
});

export const awsSsmInstalledApplication = z.object({
  name: z.string(),
  version: z.string().optional(),
  publisher: z.string().optional(),
});

export const awsSsmPatchState = z.object({
  patchGroup: z.string().optional(),
  baselineId: z.string().optional(),
  /** Patches the baseline approves that are not installed. */
  missingCount: z.number().int().nonnegative(),
  failedCount: z.number().int().nonnegative(),
  installedPendingRebootCount: z.number().int().nonnegative().default(0),
  criticalNonCompliantCount: z.number().int().nonnegative().optional(),
  securityNonCompliantCount: z.number().int().nonnegative().optional(),
  /** When the last patch scan or install ended. */
  operationEndAt: isoDateTime.optional(),
  operation: z.enum(["Scan", "Install"]).optional(),
});

/** An instance (EC2 or hybrid) as Systems Manager sees it: a registered agent. */
export const awsSsmManagedInstance = z.object({
  instanceId: z.string(),
  /** Online | ConnectionLost | Inactive */
  pingStatus: z.string(),
  lastPingAt: isoDateTime.optional(),
  agentVersion: z.string().optional(),
  platformType: z.string().optional(),
  platformName: z.string().optional(),
  platformVersion: z.string().optional(),
  /** null: SSM has no patch state for the instance (never scanned); absent: not read. */
  patchState: awsSsmPatchState.nullable().optional(),
  /** The `AWS:Application` inventory; [] : inventory collected and empty; absent: not read. */
  applications: z.array(awsSsmInstalledApplication).optional(),
});

/** GuardDuty in one region: its detector (if any) and the protection plans it runs. */
export const awsGuardDutyStatus = z.object({
  /** null: no detector in the region; absent: not read. */
  detectorId: z.string().nullable().optional(),
  /** ENABLED | DISABLED (a suspended detector). */
  status: z.string().optional(),
  /** Protection plans, e.g. S3_DATA_EVENTS, RUNTIME_MONITORING, EBS_MALWARE_PROTECTION. */
  features: z.array(z.object({ name: z.string(), status: z.string() })).optional(),
});

/** Security Hub in one region and the standards enabled there. */
export const awsSecurityHubStatus = z.object({
  /** absent: not read. */
  enabled: z.boolean().optional(),
  hubArn: z.string().optional(),
  /** Standard ARNs with their status (READY, INCOMPLETE…); absent: not read. */
  standards: z.array(z.object({ standardsArn: z.string(), status: z.string() })).optional(),
});

/** AWS Config in one region: its recorders and delivery channels. */
export const awsConfigStatus = z.object({
  /** absent: not read. */
  recorders: z
    .array(
      z.object({
        name: z.string(),
        allSupported: z.boolean(),
        includeGlobalResourceTypes: z.boolean(),
        /** absent: the recorder status was not read. */
        recording: z.boolean().optional(),
        lastStatus: z.string().optional(),
      }),
    )
    .optional(),
  /** absent: not read. */
  deliveryChannels: z
    .array(
      z.object({
        name: z.string(),
        s3BucketName: z.string().optional(),
        /** SUCCESS | FAILURE | NOT_APPLICABLE of the last configuration-history delivery; absent: not read. */
        lastDeliveryStatus: z.string().optional(),
      }),
    )
    .optional(),
});

/** Amazon Inspector in one region: the account's status and which resource types it scans. */
export const awsInspector2Status = z.object({
  /** ENABLED | ENABLING | DISABLED | DISABLING | SUSPENDED | SUSPENDING; absent: not read. */
  status: z.string().optional(),
  /** Scans per resource type (EC2, ECR, LAMBDA, LAMBDA_CODE) with their status; absent: not read. */
  scans: z.array(z.object({ resourceType: z.string(), status: z.string() })).optional(),
});
