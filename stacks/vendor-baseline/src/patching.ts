// Patching through Systems Manager: a patch baseline for Amazon Linux 2023, a patch group the proxy
// instances join by tag, AWS-RunPatchBaseline installing on a schedule one instance at a time, and
// the software inventory the anti-virus and forbidden-software rules read. Whether the patches did
// install is seen only on the running instances: the detection-patch-compliance rule judges it live.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The instance tag Patch Manager reads to pick an instance's patch baseline. */
export const PATCH_GROUP_TAG = "Patch Group";
/** The patch group of the baseline's Amazon Linux 2023 instances (the proxies; tag others to join it). */
export const patchGroupName = (namePrefix: string): string => `${namePrefix}-al2023`;

export interface PatchingSettings {
  /** When AWS-RunPatchBaseline installs, an SSM cron or rate expression. Default Sundays 03:00 JST. */
  schedule?: string;
  /** Days after its release a patch is approved. Default 7. */
  approveAfterDays?: number;
}

export const DEFAULT_PATCH_SCHEDULE = "cron(0 18 ? * SAT *)";
export const DEFAULT_APPROVE_AFTER_DAYS = 7;
/** What AWS accepts for approveAfterDays. */
const MAX_APPROVE_AFTER_DAYS = 360;

/** The settings with defaults; throws naming `patching.<key>` on a value SSM would refuse. */
export function patchingSettings(settings: PatchingSettings | undefined): Required<PatchingSettings> {
  const schedule = settings?.schedule ?? DEFAULT_PATCH_SCHEDULE;
  const approveAfterDays = settings?.approveAfterDays ?? DEFAULT_APPROVE_AFTER_DAYS;
  if (typeof schedule !== "string" || !/^(cron|rate)\(\S.*\)$/.test(schedule))
    throw new Error(
      `patching.schedule: ${JSON.stringify(schedule)} is not an SSM schedule; write cron(…) or rate(…), e.g. ${DEFAULT_PATCH_SCHEDULE}`,
    );
  if (
    !Number.isInteger(approveAfterDays) ||
    approveAfterDays < 0 ||
    approveAfterDays > MAX_APPROVE_AFTER_DAYS
  )
    throw new Error(
      `patching.approveAfterDays: ${JSON.stringify(approveAfterDays)} must be a whole number of days from 0 to ${MAX_APPROVE_AFTER_DAYS}`,
    );
  return { schedule, approveAfterDays };
}

export interface PatchManagementArgs {
  namePrefix: string;
  settings: Required<PatchingSettings>;
  tags: Record<string, string>;
}

export class PatchManagement extends pulumi.ComponentResource {
  readonly baseline: aws.ssm.PatchBaseline;
  readonly patchGroup: string;

  constructor(name: string, args: PatchManagementArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:PatchManagement", name, {}, opts);
    const parent = { parent: this };
    this.patchGroup = patchGroupName(args.namePrefix);
    const targets = [{ key: `tag:${PATCH_GROUP_TAG}`, values: [this.patchGroup] }];

    this.baseline = new aws.ssm.PatchBaseline(
      `${name}-al2023`,
      {
        name: `${args.namePrefix}-al2023`,
        description: "Security and bug-fix updates of Amazon Linux 2023, approved after a short soak",
        operatingSystem: "AMAZON_LINUX_2023",
        approvedPatchesComplianceLevel: "HIGH",
        approvalRules: [
          {
            approveAfterDays: args.settings.approveAfterDays,
            complianceLevel: "CRITICAL",
            patchFilters: [
              { key: "CLASSIFICATION", values: ["Security", "Bugfix"] },
              { key: "SEVERITY", values: ["Critical", "Important", "Medium", "Low", "None"] },
            ],
          },
        ],
        tags: args.tags,
      },
      parent,
    );
    new aws.ssm.PatchGroup(
      `${name}-group`,
      { baselineId: this.baseline.id, patchGroup: this.patchGroup },
      { parent: this.baseline },
    );
    // One instance at a time, stopping at the first failure: the other proxy keeps serving.
    new aws.ssm.Association(
      `${name}-install`,
      {
        name: "AWS-RunPatchBaseline",
        associationName: `${args.namePrefix}-patch-install`,
        scheduleExpression: args.settings.schedule,
        parameters: { Operation: "Install", RebootOption: "RebootIfNeeded" },
        targets,
        complianceSeverity: "CRITICAL",
        maxConcurrency: "1",
        maxErrors: "0",
      },
      parent,
    );
    new aws.ssm.Association(
      `${name}-inventory`,
      {
        name: "AWS-GatherSoftwareInventory",
        associationName: `${args.namePrefix}-software-inventory`,
        scheduleExpression: "rate(1 day)",
        targets,
      },
      parent,
    );
    this.registerOutputs({ baselineId: this.baseline.id, patchGroup: this.patchGroup });
  }
}
