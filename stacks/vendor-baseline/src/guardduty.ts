// GuardDuty: the account's continuous review of its access logs (CloudTrail, VPC flow, DNS) for signs
// of credential misuse and unusual sign-ins, with the protection plans the contract's data needs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Protection plans GuardDuty accepts as detector features. */
export const GUARDDUTY_FEATURES = [
  "S3_DATA_EVENTS",
  "EKS_AUDIT_LOGS",
  "EBS_MALWARE_PROTECTION",
  "RDS_LOGIN_EVENTS",
  "LAMBDA_NETWORK_LOGS",
  "RUNTIME_MONITORING",
] as const;
export type GuardDutyFeature = (typeof GUARDDUTY_FEATURES)[number];

/** S3 data events (who reads the confidential buckets) and runtime monitoring of the instances. */
export const DEFAULT_GUARDDUTY_FEATURES: GuardDutyFeature[] = ["S3_DATA_EVENTS", "RUNTIME_MONITORING"];

export interface GuardDutySettings {
  /** Protection plans to turn on. Default S3_DATA_EVENTS and RUNTIME_MONITORING. */
  features?: string[];
}

/** The features to enable; throws naming `guardDuty.features` on a name GuardDuty does not know. */
export function guardDutyFeatures(settings: GuardDutySettings | undefined): GuardDutyFeature[] {
  const features = settings?.features ?? DEFAULT_GUARDDUTY_FEATURES;
  if (!Array.isArray(features) || features.length === 0)
    throw new Error(`guardDuty.features must list at least one of ${GUARDDUTY_FEATURES.join(", ")}`);
  for (const feature of features) {
    if (!(GUARDDUTY_FEATURES as readonly string[]).includes(feature))
      throw new Error(
        `guardDuty.features: "${feature}" is not a GuardDuty protection plan (${GUARDDUTY_FEATURES.join(", ")})`,
      );
  }
  return [...new Set(features as GuardDutyFeature[])];
}

export interface GuardDutyDetectorArgs {
  features: GuardDutyFeature[];
  tags: Record<string, string>;
}

export class GuardDutyDetector extends pulumi.ComponentResource {
  readonly detector: aws.guardduty.Detector;

  constructor(name: string, args: GuardDutyDetectorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:GuardDutyDetector", name, {}, opts);
    const parent = { parent: this };
    this.detector = new aws.guardduty.Detector(
      name,
      { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags: args.tags },
      parent,
    );
    for (const feature of args.features) {
      new aws.guardduty.DetectorFeature(
        `${name}-${feature.toLowerCase().replace(/_/g, "-")}`,
        {
          detectorId: this.detector.id,
          name: feature,
          status: "ENABLED",
          // GuardDuty installs and updates its agent on the instances itself (through SSM).
          ...(feature === "RUNTIME_MONITORING"
            ? { additionalConfigurations: [{ name: "EC2_AGENT_MANAGEMENT", status: "ENABLED" }] }
            : {}),
        },
        { parent: this.detector },
      );
    }
    this.registerOutputs({ detectorId: this.detector.id });
  }
}
