// The read allow-list: every AWS command the collector may send, and the IAM actions it needs.
// It is the single source for the read-only guard (client.ts) and for `itaku iam-policy`.

/** IAM service prefixes of the clients the collector creates (the `iam` in `iam:GetUser`). */
export type AwsServicePrefix =
  | "iam"
  | "sts"
  | "ec2"
  | "cloudtrail"
  | "s3"
  /** S3 Control (account-level S3 settings). Not an IAM prefix: its actions are `s3:` ones, named per entry. */
  | "s3-control"
  | "logs"
  | "cloudwatch"
  | "sns"
  | "network-firewall"
  | "athena"
  | "guardduty"
  | "securityhub"
  | "config"
  | "inspector2"
  | "ssm"
  | "organizations"
  | "sso"
  | "identitystore";

export interface AllowedCommand {
  service: AwsServicePrefix;
  /** The API operation, as the SDK command is named without its `Command` suffix. */
  command: string;
  /** IAM actions the operation needs; defaults to `<service>:<command>`. S3 names differ from the API. */
  actions?: readonly string[];
  /** Why the collector sends it; shown nowhere, read by reviewers of this file. */
  purpose: string;
  /**
   * Which command sends it: `scan`/`collect` (the default), the access-log `audit`, or `org`: an
   * organisation scan, from the management (or delegated administrator) account only.
   */
  usedBy?: "scan" | "audit" | "org";
  /**
   * Why a command that is not a read is needed. Only the audit's Athena queries have one: starting a
   * query makes Athena write its result to the output location, and a cancelled run stops its query.
   * Nothing in the scanned account's resources changes.
   */
  write?: string;
}

/**
 * Every command the collector uses. Adding a collector that sends a new command means adding it
 * here; the guard refuses anything else before it leaves the process.
 */
export const READ_ALLOW_LIST: readonly AllowedCommand[] = [
  { service: "sts", command: "GetCallerIdentity", purpose: "which account the credentials belong to" },
  { service: "ec2", command: "DescribeRegions", purpose: "the enabled regions, for `regions: all-enabled`" },
  {
    service: "iam",
    command: "GetAccountAuthorizationDetails",
    purpose: "all users, groups, roles and managed policies with their documents, 1000 per page",
  },
  {
    service: "iam",
    command: "GenerateCredentialReport",
    purpose:
      "asks IAM to refresh the credential report (access level Read: it changes no principal or policy)",
  },
  {
    service: "iam",
    command: "GetCredentialReport",
    purpose: "passwords, MFA and access keys of every user and root",
  },
  { service: "iam", command: "GetAccountPasswordPolicy", purpose: "the account password policy" },
  {
    service: "iam",
    command: "ListVirtualMFADevices",
    purpose: "whether root's MFA is an authenticator app rather than a hardware device",
  },
  { service: "cloudtrail", command: "DescribeTrails", purpose: "trails of a region, shadow copies included" },
  { service: "cloudtrail", command: "GetTrailStatus", purpose: "whether a trail is logging" },
  {
    service: "cloudtrail",
    command: "GetEventSelectors",
    purpose: "which management and data events a trail records",
  },
  {
    service: "cloudtrail",
    command: "LookupEvents",
    purpose: "the audit's event history source: 90 days of management events, 2 requests/s per region",
    usedBy: "audit",
  },
  {
    service: "athena",
    command: "StartQueryExecution",
    // Athena reads the table's definition from Glue, as the caller, for every query.
    actions: ["athena:StartQueryExecution", "glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"],
    purpose: "runs the audit's fixed query templates over the CloudTrail table",
    usedBy: "audit",
    write: "Athena writes each query's result file to the workgroup's output location",
  },
  {
    service: "athena",
    command: "StopQueryExecution",
    purpose: "cancels the audit's own query on Ctrl-C or a deadline, so it stops scanning (and costing)",
    usedBy: "audit",
    write: "changes only the state of the query the audit itself started",
  },
  {
    service: "athena",
    command: "GetQueryExecution",
    purpose: "a query's state and data scanned",
    usedBy: "audit",
  },
  {
    service: "athena",
    command: "GetQueryResults",
    purpose: "a query's result rows, page by page",
    usedBy: "audit",
  },
  {
    service: "s3",
    command: "ListBuckets",
    actions: ["s3:ListAllMyBuckets"],
    purpose: "bucket names, to find those tagged confidential",
  },
  { service: "s3", command: "GetBucketTagging", purpose: "a bucket's tags (confidential or not)" },
  {
    service: "s3",
    command: "GetBucketLocation",
    purpose: "the region of a trail, log or confidential bucket",
  },
  {
    service: "s3",
    command: "GetBucketVersioning",
    purpose: "versioning, for how long expired log versions stay",
  },
  {
    service: "s3",
    command: "GetObjectLockConfiguration",
    actions: ["s3:GetBucketObjectLockConfiguration"],
    purpose: "Object Lock default retention of log buckets",
  },
  {
    service: "s3",
    command: "GetBucketLifecycleConfiguration",
    actions: ["s3:GetLifecycleConfiguration"],
    purpose: "lifecycle expiration of log buckets",
  },
  {
    service: "s3",
    command: "GetPublicAccessBlock",
    actions: ["s3:GetBucketPublicAccessBlock"],
    purpose: "public access block of log and confidential buckets",
  },
  {
    service: "s3-control",
    command: "GetPublicAccessBlock",
    actions: ["s3:GetAccountPublicAccessBlock"],
    purpose: "the account's S3 public access block, which overrides every bucket's",
  },
  {
    service: "ec2",
    command: "GetEbsEncryptionByDefault",
    purpose: "whether new EBS volumes of a region are encrypted by default",
  },
  {
    service: "s3",
    command: "GetBucketEncryption",
    actions: ["s3:GetEncryptionConfiguration"],
    purpose: "default encryption of log and confidential buckets",
  },
  { service: "s3", command: "GetBucketPolicy", purpose: "bucket policy of log and confidential buckets" },
  {
    service: "s3",
    command: "GetBucketLogging",
    purpose: "server access logging of log and confidential buckets (who read or deleted the logs)",
  },
  {
    service: "s3",
    command: "ListObjectsV2",
    actions: ["s3:ListBucket"],
    purpose: "the CloudTrail archive's day folders of the audit's period (never the whole bucket)",
    usedBy: "audit",
  },
  {
    service: "s3",
    command: "GetObject",
    // Log buckets encrypted with SSE-KMS need kms:Decrypt on the trail's key for GetObject.
    actions: ["s3:GetObject", "kms:Decrypt"],
    purpose: "CloudTrail log and digest files of the audit's period",
    usedBy: "audit",
  },
  { service: "logs", command: "DescribeLogGroups", purpose: "log groups and their retention" },
  {
    service: "logs",
    command: "DescribeMetricFilters",
    purpose: "metric filters on the trail's log group (CIS 4.x alarms)",
  },
  { service: "cloudwatch", command: "DescribeAlarms", purpose: "alarms on the metric filters' metrics" },
  {
    service: "sns",
    command: "ListSubscriptionsByTopic",
    purpose: "whether the alarms' topics have a confirmed subscriber",
  },
  { service: "ec2", command: "DescribeVpcs", purpose: "VPCs and their tags" },
  {
    service: "ec2",
    command: "DescribeSubnets",
    purpose: "subnets and their tags (the confidential environment)",
  },
  {
    service: "ec2",
    command: "DescribeRouteTables",
    purpose: "routes and their main / explicit associations",
  },
  { service: "ec2", command: "DescribeInternetGateways", purpose: "internet gateways" },
  { service: "ec2", command: "DescribeNatGateways", purpose: "NAT gateways, public or private" },
  { service: "ec2", command: "DescribeEgressOnlyInternetGateways", purpose: "egress-only internet gateways" },
  { service: "ec2", command: "DescribeSecurityGroups", purpose: "security groups with their rules" },
  {
    service: "ec2",
    command: "DescribeNetworkInterfaces",
    purpose: "which interfaces (workloads, the proxy) use which groups",
  },
  { service: "ec2", command: "DescribeVpcEndpoints", purpose: "VPC endpoints, allowed egress targets" },
  { service: "ec2", command: "DescribeFlowLogs", purpose: "VPC flow logs and their destinations" },
  {
    service: "organizations",
    command: "DescribeOrganization",
    purpose: "`--org`, from the management or delegated administrator account: the organisation's id",
    usedBy: "org",
  },
  {
    service: "organizations",
    command: "ListAccounts",
    purpose: "`--org`: every member account and its status",
    usedBy: "org",
  },
  {
    service: "organizations",
    command: "ListParents",
    purpose: "`--org`: an account's OU, for its OU path",
    usedBy: "org",
  },
  {
    service: "organizations",
    command: "DescribeOrganizationalUnit",
    purpose: "`--org`: an OU's name, for the OU path",
    usedBy: "org",
  },
  { service: "network-firewall", command: "ListFirewalls", purpose: "firewalls of a region" },
  {
    service: "network-firewall",
    command: "DescribeFirewall",
    purpose: "a firewall's VPC, subnets and endpoints",
  },
  { service: "network-firewall", command: "DescribeFirewallPolicy", purpose: "a firewall's policy" },
  {
    service: "network-firewall",
    command: "DescribeLoggingConfiguration",
    purpose: "where a firewall sends ALERT and FLOW logs",
  },
  { service: "ec2", command: "DescribeInstances", purpose: "instances and the subnets they run in" },
  { service: "ec2", command: "DescribeNetworkAcls", purpose: "network ACLs, their entries and subnets" },
  { service: "guardduty", command: "ListDetectors", purpose: "whether GuardDuty has a detector in a region" },
  { service: "guardduty", command: "GetDetector", purpose: "a detector's status and protection plans" },
  { service: "securityhub", command: "DescribeHub", purpose: "whether Security Hub is enabled in a region" },
  { service: "securityhub", command: "GetEnabledStandards", purpose: "the standards Security Hub checks" },
  {
    service: "config",
    command: "DescribeConfigurationRecorders",
    purpose: "what AWS Config records (the resource inventory)",
  },
  {
    service: "config",
    command: "DescribeConfigurationRecorderStatus",
    purpose: "whether a recorder records",
  },
  {
    service: "config",
    command: "DescribeDeliveryChannels",
    purpose: "where AWS Config delivers its history",
  },
  { service: "config", command: "DescribeDeliveryChannelStatus", purpose: "whether delivery succeeds" },
  {
    service: "inspector2",
    command: "BatchGetAccountStatus",
    purpose: "whether Amazon Inspector scans EC2 instances and ECR images in a region",
  },
  {
    service: "ssm",
    command: "DescribeInstanceInformation",
    purpose: "managed instances: agent ping status and platform",
  },
  {
    service: "ssm",
    command: "DescribeInstancePatchStates",
    purpose: "missing and failed patches per instance",
  },
  {
    service: "ssm",
    command: "ListInventoryEntries",
    purpose: "installed applications (AWS:Application), for anti-virus and forbidden software",
  },
  {
    service: "sso",
    command: "ListInstances",
    purpose: "the IAM Identity Center instance of a region, if any",
  },
  {
    service: "identitystore",
    command: "ListUsers",
    purpose: "Identity Center users: user name, e-mails, status",
  },
  { service: "identitystore", command: "ListGroups", purpose: "Identity Center groups" },
  { service: "identitystore", command: "ListGroupMemberships", purpose: "the members of each group" },
  { service: "sso", command: "ListPermissionSets", purpose: "the permission sets of the instance" },
  { service: "sso", command: "DescribePermissionSet", purpose: "a permission set's name and session length" },
  {
    service: "sso",
    command: "ListManagedPoliciesInPermissionSet",
    purpose: "AWS managed policies of a permission set (AdministratorAccess…)",
  },
  { service: "sso", command: "GetInlinePolicyForPermissionSet", purpose: "a permission set's inline policy" },
  {
    service: "sso",
    command: "ListCustomerManagedPolicyReferencesInPermissionSet",
    purpose: "customer managed policies a permission set references by name",
  },
  {
    service: "sso",
    command: "GetPermissionsBoundaryForPermissionSet",
    purpose: "a permission set's permissions boundary",
  },
  {
    service: "sso",
    command: "ListAccountsForProvisionedPermissionSet",
    purpose: "the accounts a permission set is provisioned to",
  },
  {
    service: "sso",
    command: "ListAccountAssignments",
    purpose: "which users and groups hold a permission set in an account",
  },
];

/**
 * Commands whose IAM access level is Read although their name does not start with a read verb.
 * GenerateCredentialReport only (re)builds the account's credential report from existing data;
 * kms:Decrypt is what S3 asks of the reader to return an SSE-KMS encrypted log object;
 * inspector2:BatchGetAccountStatus is a Get in a batch (access level Read).
 */
const READ_ACTIONS_WITHOUT_READ_VERB = new Set([
  "iam:GenerateCredentialReport",
  "kms:Decrypt",
  "inspector2:BatchGetAccountStatus",
]);
const READ_VERB = /^[a-z0-9-]+:(Get|List|Describe|Lookup|Head|Search|Filter)[A-Z]/;

/** True when an IAM action only reads (by its verb, or by AWS's documented access level). */
export function isReadAction(action: string): boolean {
  return READ_VERB.test(action) || READ_ACTIONS_WITHOUT_READ_VERB.has(action);
}

const byCommand = new Map(READ_ALLOW_LIST.map((entry) => [`${entry.service}:${entry.command}`, entry]));

/** The allow-list entry for a command, or undefined when the guard must refuse it. */
export function allowedCommand(service: string, command: string): AllowedCommand | undefined {
  return byCommand.get(`${service}:${command}`);
}

export const actionsOf = (entry: AllowedCommand): readonly string[] =>
  entry.actions ?? [`${entry.service}:${entry.command}`];

/**
 * The IAM actions a role needs, sorted, e.g. `iam:GetAccountAuthorizationDetails`: the scanner's
 * (and an organisation's member role's) for `scan`, the audit's, or for `org` the management
 * account's identity (Organizations reads and sts:AssumeRole into each member).
 */
export function requiredIamActions(usedBy: "scan" | "audit" | "org" = "scan"): string[] {
  const actions = READ_ALLOW_LIST.filter((entry) => (entry.usedBy ?? "scan") === usedBy).flatMap(actionsOf);
  if (usedBy === "org") actions.push("sts:AssumeRole");
  return [...new Set(actions)].sort();
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
}

/** `s3://bucket/prefix/` → the bucket and the key prefix (no leading slash), or undefined. */
function parseS3Location(location: string): { bucket: string; prefix: string } | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/([A-Za-z0-9!_.*'()/=-]*))?$/.exec(location);
  return match ? { bucket: match[1] as string, prefix: match[2] ?? "" } : undefined;
}

/**
 * The minimal identity policy: the scan's reads (the first statement), the access-log audit's reads
 * (LookupEvents, the archive, Athena's result reads), and — given the Athena output location — what
 * an Athena audit adds: starting and stopping its own queries, Glue's table definition, and writing
 * results to that one location only (Athena writes each query's result there as the caller).
 */
export function iamPolicyDocument(options: { athenaOutput?: string } = {}): {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
} {
  const audit = READ_ALLOW_LIST.filter((entry) => entry.usedBy === "audit");
  const statements: PolicyStatement[] = [
    { Sid: "ItakuReadOnlyScan", Effect: "Allow", Action: requiredIamActions(), Resource: "*" },
    {
      Sid: "ItakuAccessLogAuditRead",
      Effect: "Allow",
      Action: [...new Set(audit.filter((e) => !e.write).flatMap(actionsOf))].sort(),
      Resource: "*",
    },
  ];
  if (options.athenaOutput !== undefined) {
    const output = parseS3Location(options.athenaOutput);
    if (!output) throw new Error(`--athena-output "${options.athenaOutput}" is not s3://BUCKET/PREFIX/`);
    statements.push(
      {
        Sid: "ItakuAthenaQueriesItStartsAndStops",
        Effect: "Allow",
        Action: [...new Set(audit.filter((e) => e.write).flatMap(actionsOf))].sort(),
        Resource: "*",
      },
      {
        Sid: "AthenaWritesQueryResultsToThisLocationOnly",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject"],
        Resource: `arn:aws:s3:::${output.bucket}/${output.prefix}*`,
      },
      {
        Sid: "AthenaFindsTheResultsBucket",
        Effect: "Allow",
        Action: ["s3:GetBucketLocation", "s3:ListBucket"],
        Resource: `arn:aws:s3:::${output.bucket}`,
      },
    );
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The policy of the base identity of an organisation scan (`--org`), in the management or a
 * delegated administrator account: the Organizations reads, and AssumeRole into the member roles.
 */
export function organizationPolicyDocument(): { Version: "2012-10-17"; Statement: PolicyStatement[] } {
  const reads = requiredIamActions("org").filter((action) => action !== "sts:AssumeRole");
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ItakuListOrganization", Effect: "Allow", Action: reads, Resource: "*" },
      {
        Sid: "ItakuAssumeMemberRole",
        Effect: "Allow",
        Action: ["sts:AssumeRole"],
        // The member role's name is the deployer's choice: narrow the wildcard to it.
        Resource: "arn:aws:iam::*:role/*",
      },
    ],
  };
}
