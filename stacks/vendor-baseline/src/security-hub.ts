// Security Hub: the continuous check that the account is configured with security in mind, against
// the standards the vendor names (the same names itaku.yaml gives detection-security-hub-standards).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Standards by the name itaku's rule takes (the path part of their ARN), with the version subscribed. */
export const SECURITY_HUB_STANDARDS: Record<string, string> = {
  "aws-foundational-security-best-practices": "1.0.0",
  "cis-aws-foundations-benchmark": "3.0.0",
  "nist-800-53": "5.0.0",
  "pci-dss": "3.2.1",
};

export const DEFAULT_SECURITY_HUB_STANDARDS = [
  "aws-foundational-security-best-practices",
  "cis-aws-foundations-benchmark",
];

export interface SecurityHubSettings {
  /** Standards to subscribe to. Default AWS Foundational Security Best Practices and CIS AWS Foundations 3.0. */
  standards?: string[];
}

/** The standards to subscribe to; throws naming `securityHub.standards` on a name it does not know. */
export function securityHubStandards(settings: SecurityHubSettings | undefined): string[] {
  const known = Object.keys(SECURITY_HUB_STANDARDS);
  const standards = settings?.standards ?? DEFAULT_SECURITY_HUB_STANDARDS;
  if (!Array.isArray(standards) || standards.length === 0)
    throw new Error(`securityHub.standards must list at least one of ${known.join(", ")}`);
  for (const standard of standards) {
    if (!known.includes(standard))
      throw new Error(
        `securityHub.standards: "${standard}" is not a standard this stack knows (${known.join(", ")})`,
      );
  }
  return [...new Set(standards)];
}

export const standardsArn = (partition: string, region: string, standard: string): string =>
  `arn:${partition}:securityhub:${region}::standards/${standard}/v/${SECURITY_HUB_STANDARDS[standard]}`;

export interface SecurityHubArgs {
  standards: string[];
  region: string;
  partition: pulumi.Input<string>;
}

export class SecurityHub extends pulumi.ComponentResource {
  readonly account: aws.securityhub.Account;

  constructor(name: string, args: SecurityHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:SecurityHub", name, {}, opts);
    // The standards are exactly the configured ones: no defaults Security Hub would add on its own.
    this.account = new aws.securityhub.Account(
      name,
      {
        enableDefaultStandards: false,
        autoEnableControls: true,
        controlFindingGenerator: "SECURITY_CONTROL",
      },
      { parent: this },
    );
    for (const standard of args.standards) {
      new aws.securityhub.StandardsSubscription(
        `${name}-${standard}`,
        {
          standardsArn: pulumi
            .output(args.partition)
            .apply((partition) => standardsArn(partition, args.region, standard)),
        },
        { parent: this.account, dependsOn: [this.account] },
      );
    }
    this.registerOutputs({ standards: args.standards });
  }
}
