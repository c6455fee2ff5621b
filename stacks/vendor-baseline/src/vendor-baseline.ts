// VendorBaseline: the vendor's (乙) confidential-data environment in one typed component, with a safe
// default for every setting; an unsafe choice needs its own explicit flag. Vendors import it into
// their own programs; this project's index.ts only wires stack config into it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountStorageSettings } from "./account-storage";
import { AuditTrail } from "./audit-trail";
import { CisAlarms, type SecurityAlertSettings, securityAlertSettings } from "./cis-alarms";
import { ConfigRecorder } from "./config-recorder";
import { DEFAULT_PROXY_IMAGE, EgressProxy } from "./egress-proxy";
import { GuardDutyDetector, type GuardDutySettings, guardDutyFeatures } from "./guardduty";
import { type BaselinePerson, type PasswordPolicySettings, VendorIdentity } from "./identity";
import { LogEncryptionKey, TrailBucketAccessLogging } from "./log-protection";
import { ConfidentialNetwork } from "./network";
import { ConfidentialSubnetAcl } from "./network-acl";
import { type PatchingSettings, PatchManagement, patchingSettings } from "./patching";
import { SecurityHub, type SecurityHubSettings, securityHubStandards } from "./security-hub";
import { TrailLogGroup } from "./trail-log-group";
import { VulnerabilityScanning } from "./vulnerability-scanning";

export { type BaselinePerson, GROUP_OF_ROLE, type PasswordPolicySettings, type PersonRole } from "./identity";
export { subnetCidrs } from "./network";
export { squidConfig, squidUserData } from "./squid";

/** The logs the contract asks to keep are kept at least this long unless `allowShortRetention` is set. */
export const MIN_LOG_RETENTION_DAYS = 365;
/** Retention periods CloudWatch Logs accepts. */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const DEFAULT_PASSWORD_POLICY: PasswordPolicySettings = {
  minimumLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercase: true,
  requireLowercase: true,
  maxAgeDays: 90,
  reusePrevention: 24,
};

export interface VendorBaselineArgs {
  /** The roster's people (従事者台帳): one IAM user each, in the group of their role. Leavers are left out. */
  people: BaselinePerson[];
  /** The client's (甲) remote audit access: their AWS account and the external id agreed with them. */
  clientAudit: { accountId: string; externalId: string; roleName?: string };
  proxy: {
    /** Domains the work needs; everything else is refused (`.example.com` admits subdomains). */
    allowedDomains: string[];
    /** Default 3128. */
    port?: number;
    /** Default t3.small. */
    instanceType?: string;
    /** Default 2 (one per zone). */
    instanceCount?: number;
    /** Default: the latest Amazon Linux 2023 through SSM. */
    imageId?: string;
  };
  network?: {
    /** A /16; default 10.80.0.0/16. */
    vpcCidr?: string;
    /** Default: zones a and c of the region. */
    availabilityZones?: string[];
    /** Tags marking the confidential subnets; itaku.yaml `aws.confidential.subnetTags` must say the same. Default { DataClass: "confidential" }. */
    confidentialSubnetTags?: Record<string, string>;
    /** Interface endpoints in the confidential subnets. Default ssm, ssmmessages, ec2messages (Session Manager, no SSH). */
    interfaceEndpoints?: string[];
  };
  /** Days the access log, flow logs and proxy log are kept; a CloudWatch retention value. Default 400. */
  logRetentionDays?: number;
  /** Object Lock mode of the access-log bucket. Default GOVERNANCE (COMPLIANCE cannot be lifted by anyone). */
  trailObjectLockMode?: "GOVERNANCE" | "COMPLIANCE";
  passwordPolicy?: Partial<PasswordPolicySettings>;
  /** Who the CIS alarms (root use, console sign-in without MFA, IAM/trail/network changes…) e-mail. */
  securityAlerts: SecurityAlertSettings;
  /** When Systems Manager installs patches on the instances and how long new patches soak first. */
  patching?: PatchingSettings;
  /** GuardDuty's protection plans. Default S3 data events and runtime monitoring. */
  guardDuty?: GuardDutySettings;
  /** Security Hub's standards. Default AWS Foundational Security Best Practices and CIS AWS Foundations. */
  securityHub?: SecurityHubSettings;
  /** Console passwords for the people (reset at first sign-in). Default true. */
  consoleAccess?: boolean;
  /** Encrypts the initial console passwords for hand-over. */
  pgpKey?: string;
  /** Prefix of resource names. Default "vendor". */
  namePrefix?: string;
  tags?: Record<string, string>;

  /** UNSAFE: give the confidential subnets a default route straight to the internet gateway. */
  allowDirectInternetRoute?: boolean;
  /** UNSAFE: accept `logRetentionDays` below MIN_LOG_RETENTION_DAYS. */
  allowShortRetention?: boolean;
  /** UNSAFE: let the admin group work without MFA. */
  adminMfaOptional?: boolean;
}

/** The settings an itaku.yaml needs to scan what this component built. */
export interface BaselineItakuSettings {
  subnetTags: Record<string, string>;
  proxy: { securityGroupIds: pulumi.Output<string>[]; port: number; logGroupNames: pulumi.Output<string>[] };
  /** itaku.yaml `rules` options that judge what this stack turned on, not the rules' defaults. */
  rules: {
    "detection-guardduty-enabled": { requiredFeatures: string[] };
    "detection-security-hub-standards": { standards: string[] };
  };
}

/** Rejects unsafe values that lack their flag, and values AWS would refuse. */
export function validateBaselineArgs(args: VendorBaselineArgs): void {
  const retention = args.logRetentionDays ?? 400;
  if (!(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(retention)) {
    throw new Error(
      `logRetentionDays ${retention} is not a CloudWatch Logs retention (${CLOUDWATCH_RETENTION_DAYS.join(", ")})`,
    );
  }
  if (retention < MIN_LOG_RETENTION_DAYS && !args.allowShortRetention) {
    throw new Error(
      `logRetentionDays ${retention} is below the ${MIN_LOG_RETENTION_DAYS} days the contract's logs are kept; set allowShortRetention to accept it`,
    );
  }
  const policy = { ...DEFAULT_PASSWORD_POLICY, ...args.passwordPolicy };
  if (policy.minimumLength < 8 || policy.minimumLength > 128) {
    throw new Error(`passwordPolicy.minimumLength ${policy.minimumLength} must be between 8 and 128`);
  }
  guardDutyFeatures(args.guardDuty);
  patchingSettings(args.patching);
  securityAlertSettings(args.securityAlerts);
  securityHubStandards(args.securityHub);
  if (args.people.length === 0)
    throw new Error("people is empty: list the roster's people (one IAM user each)");
}

export class VendorBaseline extends pulumi.ComponentResource {
  readonly network: ConfidentialNetwork;
  readonly proxy: EgressProxy;
  readonly auditTrail: AuditTrail;
  readonly trailLogGroup: TrailLogGroup;
  readonly cisAlarms: CisAlarms;
  readonly identity: VendorIdentity;
  readonly accountStorage: AccountStorageSettings;
  readonly guardDuty: GuardDutyDetector;
  readonly patching: PatchManagement;
  readonly securityHub: SecurityHub;
  readonly configRecorder: ConfigRecorder;
  readonly vpcId: pulumi.Output<string>;
  readonly proxyUrl: pulumi.Output<string>;
  readonly auditorRoleArn: pulumi.Output<string>;
  readonly workloadSecurityGroupId: pulumi.Output<string>;
  readonly itakuSettings: BaselineItakuSettings;

  constructor(name: string, args: VendorBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:index:VendorBaseline", name, {}, opts);
    validateBaselineArgs(args);
    const parent = { parent: this };
    const namePrefix = args.namePrefix ?? "vendor";
    const tags = { ManagedBy: "itaku-vendor-baseline", ...args.tags };
    const region = aws.config.region ?? "ap-northeast-1";
    const caller = aws.getCallerIdentityOutput({}, parent);
    const partition = aws.getPartitionOutput({}, parent).partition;
    const retentionDays = args.logRetentionDays ?? 400;
    const subnetTags = args.network?.confidentialSubnetTags ?? { DataClass: "confidential" };
    const [workloadTagKey, workloadTagValue] = Object.entries(subnetTags)[0] ?? ["DataClass", "confidential"];
    const port = args.proxy.port ?? 3128;
    const vpcCidr = args.network?.vpcCidr ?? "10.80.0.0/16";
    const logKey = new LogEncryptionKey(
      `${name}-logs`,
      { namePrefix, accountId: caller.accountId, region, partition, tags },
      parent,
    );

    this.network = new ConfidentialNetwork(
      `${name}-network`,
      {
        namePrefix,
        vpcCidr,
        availabilityZones: args.network?.availabilityZones ?? [`${region}a`, `${region}c`],
        confidentialSubnetTags: subnetTags,
        interfaceEndpoints: args.network?.interfaceEndpoints ?? ["ssm", "ssmmessages", "ec2messages"],
        proxyPort: port,
        flowLogRetentionDays: retentionDays,
        logKeyArn: logKey.key.arn,
        accountId: caller.accountId,
        region,
        tags,
        allowDirectInternetRoute: args.allowDirectInternetRoute ?? false,
      },
      parent,
    );
    new ConfidentialSubnetAcl(`${name}-acl`, { network: this.network, vpcCidr, namePrefix, tags }, parent);

    this.proxy = new EgressProxy(
      `${name}-proxy`,
      {
        namePrefix,
        vpcId: this.network.vpc.id,
        vpcCidr,
        subnetIds: this.network.proxySubnets.map((s) => s.id),
        workloadSecurityGroupId: this.network.workloadSecurityGroup.id,
        allowedDomains: args.proxy.allowedDomains,
        port,
        instanceType: args.proxy.instanceType ?? "t3.small",
        instanceCount: args.proxy.instanceCount ?? 2,
        imageId: args.proxy.imageId ?? DEFAULT_PROXY_IMAGE,
        logRetentionDays: retentionDays,
        logKeyArn: logKey.key.arn,
        tags,
      },
      parent,
    );

    this.trailLogGroup = new TrailLogGroup(
      `${name}-trail-logs`,
      { namePrefix, accountId: caller.accountId, retentionDays, logKeyArn: logKey.key.arn, tags },
      parent,
    );
    this.auditTrail = new AuditTrail(
      `${name}-audit`,
      {
        namePrefix,
        accountId: caller.accountId,
        region,
        partition,
        retentionDays,
        objectLockMode: args.trailObjectLockMode ?? "GOVERNANCE",
        noncurrentVersionDays: 30,
        tags,
        cloudWatchLogs: {
          logGroupArn: this.trailLogGroup.logGroup.arn,
          roleArn: this.trailLogGroup.deliveryRole.arn,
        },
      },
      parent,
    );

    this.cisAlarms = new CisAlarms(
      `${name}-cis`,
      {
        namePrefix,
        logGroupName: this.trailLogGroup.logGroup.name,
        alerts: securityAlertSettings(args.securityAlerts),
        tags,
      },
      parent,
    );
    new TrailBucketAccessLogging(
      `${name}-trail-access`,
      { accountId: caller.accountId, trailBucket: this.auditTrail.bucket, retentionDays, tags },
      parent,
    );

    this.accountStorage = new AccountStorageSettings(`${name}-storage`, parent);
    this.patching = new PatchManagement(
      `${name}-patching`,
      { namePrefix, settings: patchingSettings(args.patching), tags },
      parent,
    );
    const guardDutyPlans = guardDutyFeatures(args.guardDuty);
    this.guardDuty = new GuardDutyDetector(`${name}-guardduty`, { features: guardDutyPlans, tags }, parent);
    const standards = securityHubStandards(args.securityHub);
    this.securityHub = new SecurityHub(`${name}-securityhub`, { standards, region, partition }, parent);
    this.configRecorder = new ConfigRecorder(
      `${name}-config`,
      { namePrefix, accountId: caller.accountId, partition, retentionDays, tags },
      parent,
    );
    new VulnerabilityScanning(`${name}-vulnerability-scanning`, { accountId: caller.accountId }, parent);

    this.identity = new VendorIdentity(
      `${name}-identity`,
      {
        namePrefix,
        accountId: caller.accountId,
        region,
        partition,
        people: args.people,
        passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...args.passwordPolicy },
        consoleAccess: args.consoleAccess ?? true,
        pgpKey: args.pgpKey,
        clientAudit: { roleName: "itaku-auditor", ...args.clientAudit },
        trailBucketArn: this.auditTrail.bucket.arn,
        trailKeyArn: this.auditTrail.key.arn,
        workloadTag: { key: workloadTagKey, value: workloadTagValue },
        tags,
        adminMfaOptional: args.adminMfaOptional ?? false,
      },
      parent,
    );

    this.vpcId = this.network.vpc.id;
    this.proxyUrl = this.proxy.url;
    this.auditorRoleArn = this.identity.auditorRole.arn;
    this.workloadSecurityGroupId = this.network.workloadSecurityGroup.id;
    this.itakuSettings = {
      subnetTags,
      proxy: {
        securityGroupIds: [this.proxy.securityGroup.id],
        port,
        logGroupNames: [this.proxy.accessLogGroup.name],
      },
      rules: {
        "detection-guardduty-enabled": { requiredFeatures: guardDutyPlans },
        "detection-security-hub-standards": { standards },
      },
    };
    this.registerOutputs({
      vpcId: this.vpcId,
      proxyUrl: this.proxyUrl,
      auditorRoleArn: this.auditorRoleArn,
      workloadSecurityGroupId: this.workloadSecurityGroupId,
    });
  }
}
