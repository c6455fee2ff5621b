// The compliant month every detection case changes one thing of: the demo vendor's people signing in
// with MFA from the office network in business hours, an SSO session, a workload role, AWS services,
// the approved subcontractor's monitoring role, and a September look-back.
import type { CloudTrailEvent, CloudTrailUserIdentity, Roster } from "@itaku/core";
import type { DetectionTesterOptions } from "@itaku/rule-tester";

export const ACCOUNT = "111122223333";
export const SUBCONTRACTOR_ACCOUNT = "444455556666";
export const STRANGER_ACCOUNT = "999988887777";
export const OFFICE_IP = "203.0.113.10";
export const OFFICE_IP_2 = "203.0.113.11";
export const HOME_IP = "198.51.100.23";
/** October 2026 in Asia/Tokyo. */
export const PERIOD = { from: "2026-09-30T15:00:00.000Z", to: "2026-10-31T15:00:00.000Z" };

let counter = 0;
const nextId = (): string => {
  counter++;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
};

export const identities = {
  iamUser: (name: string, account = ACCOUNT): CloudTrailUserIdentity => ({
    type: "IAMUser",
    principalId: `AIDA${name.toUpperCase().padEnd(16, "X").slice(0, 16)}`,
    arn: `arn:aws:iam::${account}:user/${name}`,
    accountId: account,
    userName: name,
  }),
  role: (roleName: string, session: string, account = ACCOUNT, mfa = false): CloudTrailUserIdentity => ({
    type: "AssumedRole",
    principalId: `AROAEXAMPLEROLEID:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`,
    accountId: account,
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: "AROAEXAMPLEROLEID",
        arn: `arn:aws:iam::${account}:role/${roleName}`,
        accountId: account,
        userName: roleName,
      },
      attributes: { creationDate: "2026-10-01T00:00:00Z", mfaAuthenticated: mfa ? "true" : "false" },
    },
  }),
  sso: (email: string, permissionSet = "PowerUserAccess"): CloudTrailUserIdentity =>
    identities.role(`AWSReservedSSO_${permissionSet}_0123456789abcdef`, email),
  root: (account = ACCOUNT): CloudTrailUserIdentity => ({
    type: "Root",
    principalId: account,
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
  }),
  service: (service: string): CloudTrailUserIdentity => ({ type: "AWSService", invokedBy: service }),
  account: (account: string): CloudTrailUserIdentity => ({
    type: "AWSAccount",
    principalId: `AIDAEXTERNAL:${account}`,
    accountId: account,
  }),
};

export interface EventExtras extends Partial<Omit<CloudTrailEvent, "userIdentity" | "eventTime">> {}

/** One API call, by `who`, at `time` (ISO UTC). */
export function apiCall(
  who: CloudTrailUserIdentity,
  time: string,
  eventSource: string,
  eventName: string,
  extras: EventExtras = {},
): CloudTrailEvent {
  return {
    eventVersion: "1.11",
    userIdentity: who,
    eventTime: time,
    eventSource,
    eventName,
    awsRegion: "ap-northeast-1",
    sourceIPAddress: OFFICE_IP,
    userAgent: "aws-cli/2.17.0",
    requestParameters: null,
    responseElements: null,
    requestID: nextId(),
    eventID: nextId(),
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
    ...extras,
  };
}

/** A console sign-in (ConsoleLogin in us-east-1 or the region signed into). */
export function consoleLogin(
  who: CloudTrailUserIdentity,
  time: string,
  { ok = true, mfa = true, ip = OFFICE_IP }: { ok?: boolean; mfa?: boolean; ip?: string } = {},
): CloudTrailEvent {
  return apiCall(who, time, "signin.amazonaws.com", "ConsoleLogin", {
    awsRegion: "us-east-1",
    sourceIPAddress: ip,
    userAgent: "Mozilla/5.0",
    eventType: "AwsConsoleSignIn",
    readOnly: false,
    responseElements: { ConsoleLogin: ok ? "Success" : "Failure" },
    additionalEventData: { MFAUsed: mfa ? "Yes" : "No", LoginTo: "https://console.aws.amazon.com/" },
    ...(ok ? {} : { errorMessage: "Failed authentication" }),
  });
}

/** Weekday business hours in Tokyo (10:00 JST) on an October 2026 day that is no holiday. */
export const workday = (day: number, hourJst = 10): string =>
  new Date(Date.UTC(2026, 9, day, hourJst - 9, 0, 0)).toISOString().replace(".000Z", "Z");

export const roster: Roster = {
  path: "roster.csv",
  people: [
    person("P001", "山田 太郎", "yamada@vendor.example", "manager", ["yamada"], "2024-04-01"),
    person("P002", "佐藤 花子", "sato@vendor.example", "admin", ["sato"], "2024-04-01"),
    person("P003", "鈴木 一郎", "suzuki@vendor.example", "member", ["suzuki"], "2025-01-15"),
    person("P005", "田中 健太", "tanaka@vendor.example", "member", ["tanaka"], "2024-04-01", "2026-09-30"),
    person("P009", "小林 陽子", "kobayashi@vendor.example", "member", ["kobayashi"], "2026-10-19"),
  ],
};

function person(
  personId: string,
  name: string,
  email: string,
  role: Roster["people"][number]["role"],
  awsIamUsers: string[],
  startDate: string,
  endDate?: string,
): Roster["people"][number] {
  return {
    personId,
    name,
    email,
    role,
    awsIamUsers,
    adAccounts: [],
    startDate,
    ...(endDate ? { endDate } : {}),
    briefedAt: startDate > "2026-04-10" ? startDate : "2026-04-10",
    origin: `roster.csv:${personId}`,
  };
}

const yamada = identities.iamUser("yamada");
const sato = identities.iamUser("sato");
const suzukiSso = identities.sso("suzuki@vendor.example");

export const baselineEvents: CloudTrailEvent[] = [
  // September (the look-back): the same people from the same office addresses.
  consoleLogin(yamada, "2026-09-15T01:00:00Z"),
  consoleLogin(sato, "2026-09-15T02:00:00Z", { ip: OFFICE_IP_2 }),
  apiCall(suzukiSso, "2026-09-16T02:00:00Z", "s3.amazonaws.com", "ListBuckets"),
  // Tanaka's last day at work was 30 September (JST).
  apiCall(identities.iamUser("tanaka"), "2026-09-30T08:00:00Z", "ec2.amazonaws.com", "DescribeInstances"),
  // October.
  consoleLogin(yamada, workday(1)),
  apiCall(yamada, workday(1, 11), "ec2.amazonaws.com", "DescribeInstances"),
  consoleLogin(sato, workday(2), { ip: OFFICE_IP_2 }),
  apiCall(sato, workday(2, 11), "iam.amazonaws.com", "CreateUser", {
    readOnly: false,
    sourceIPAddress: OFFICE_IP_2,
    requestParameters: { userName: "kobayashi" },
  }),
  apiCall(sato, workday(2, 12), "s3.amazonaws.com", "GetObject", {
    sourceIPAddress: OFFICE_IP_2,
    managementEvent: false,
    eventCategory: "Data",
    requestParameters: { bucketName: "vendor-confidential", key: "contracts/2026.pdf" },
    resources: [{ type: "AWS::S3::Object", ARN: "arn:aws:s3:::vendor-confidential/contracts/2026.pdf" }],
  }),
  consoleLogin(suzukiSso, workday(5), { mfa: false }),
  apiCall(suzukiSso, workday(5, 11), "s3.amazonaws.com", "ListBuckets"),
  apiCall(identities.iamUser("kobayashi"), workday(20), "ec2.amazonaws.com", "DescribeInstances"),
  apiCall(
    identities.role("app-server", "i-0123456789abcdef0"),
    workday(6, 3),
    "s3.amazonaws.com",
    "PutObject",
    {
      readOnly: false,
      sourceIPAddress: "10.0.1.15",
    },
  ),
  apiCall(identities.service("cloudtrail.amazonaws.com"), workday(7, 2), "s3.amazonaws.com", "GetBucketAcl", {
    sourceIPAddress: "cloudtrail.amazonaws.com",
  }),
  apiCall(identities.account(SUBCONTRACTOR_ACCOUNT), workday(8), "sts.amazonaws.com", "AssumeRole", {
    sourceIPAddress: "192.0.2.44",
    requestParameters: {
      roleArn: `arn:aws:iam::${ACCOUNT}:role/log-monitoring`,
      roleSessionName: "partner-monitor",
    },
  }),
];

export const tester: DetectionTesterOptions = {
  baseline: baselineEvents,
  roster,
  period: PERIOD,
  audit: { allowedSourceCidrs: ["203.0.113.0/24"], confidentialBuckets: ["vendor-confidential"] },
  subcontractors: [
    {
      name: "株式会社ログ監視パートナー",
      awsAccountIds: [SUBCONTRACTOR_ACCOUNT],
      approvedBy: "委託元 情報システム部 部長",
      approvedAt: "2026-04-01",
    },
  ],
};
