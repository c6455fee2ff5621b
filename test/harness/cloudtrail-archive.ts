// A seeded generator of CloudTrail archives in the layout CloudTrail delivers to S3
// (AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json.gz,
// digests under CloudTrail-Digest/), with the field shapes of the CloudTrail record reference: IAM
// users, Identity Center (SSO) sessions, AWS services, console sign-ins incl. failures and
// HIDDEN_DUE_TO_SECURITY_REASONS, data events on a bucket. Incidents are planted and returned as
// data (event ids, principals, times) so detection tests can assert on them. The same seed gives
// the same bytes. Used by the source tests, the detection tests and `pnpm bench audit`.
// Reference: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { type CloudTrailEvent, parseRoster, type RosterPerson } from "@itaku/core";

export const DEMO_ACCOUNT = "111122223333";
export const SUBCONTRACTOR_ACCOUNT = "444455556666";
export const UNAPPROVED_ACCOUNT = "999988887777";
export const OFFICE_CIDR = "203.0.113.0/24";
export const LOG_BUCKET = "vendor-cloudtrail-logs";
export const CONFIDENTIAL_BUCKET = "vendor-confidential-data";
export const TRAIL_NAME = "vendor-org-trail";

/** October 2026 in Asia/Tokyo: the demo's last full month as of 2026-11-20. */
export const DEFAULT_WINDOW = {
  from: new Date("2026-09-30T15:00:00Z"),
  to: new Date("2026-10-31T15:00:00Z"),
};

export type IncidentKind =
  | "failed-login-burst"
  | "password-spraying"
  | "root-console-login"
  | "root-api-call"
  | "console-login-without-mfa"
  | "leaver-activity"
  | "unmapped-principal"
  | "login-outside-allowed-cidrs"
  | "first-seen-ip"
  | "off-hours-night"
  | "off-hours-weekend"
  | "off-hours-jp-holiday"
  | "stop-logging"
  | "delete-trail"
  | "put-event-selectors-drop-management"
  | "log-bucket-lifecycle-shortened"
  | "log-group-retention-shortened"
  | "flow-logs-deleted"
  | "user-created-by-non-admin"
  | "access-key-created-by-non-admin"
  | "login-profile-created-by-non-admin"
  | "admin-policy-attached-by-non-admin"
  | "trust-policy-widened"
  | "assume-role-from-unapproved-account"
  | "confidential-object-read-by-unallowed";

export interface PlantedIncident {
  kind: IncidentKind;
  /** Roster person id, when the principal maps to one. */
  personId?: string;
  /** The principal as CloudTrail names it (user name, session name, `root`, account id). */
  principal: string;
  account: string;
  sourceIp?: string;
  eventIds: string[];
  /** First and last event times (ISO). */
  from: string;
  to: string;
}

export interface ArchiveOptions {
  seed?: number;
  window?: { from: Date; to: Date };
  /** Days of ordinary activity before the window (for first-seen baselines); their files are in the archive too. */
  historyDays?: number;
  /** Accounts and the regions their trail logs. */
  accounts?: { id: string; regions: string[] }[];
  /** Organization trail layout (`AWSLogs/o-…/ACCOUNT/…`). */
  orgId?: string;
  /** Approximate number of ordinary events (incidents come on top). */
  events?: number;
  incidents?: boolean;
  digests?: boolean;
  /** One file per 5-minute batch of an account/region (fewer, fuller files: the benchmark's archives). */
  batchDelivery?: boolean;
  /** Records per log file at most (keeps files < 128 KB compressed). */
  recordsPerFile?: number;
  rosterCsv?: string;
}

export interface ArchiveFile {
  key: string;
  body: Buffer;
  kind: "log" | "digest";
  account: string;
  region: string;
  /** Events in the file (log files). */
  records: number;
}

export interface ArchiveSummary {
  window: { from: Date; to: Date };
  files: number;
  logFiles: number;
  digestFiles: number;
  /** Every record written, and those inside the window. */
  events: number;
  eventsInWindow: number;
  bytes: number;
  incidents: PlantedIncident[];
  accounts: string[];
  regions: string[];
}

// Under jest (CommonJS) from this file; in the bundled benchmark (ESM) from the repository root it runs in.
const REPO_ROOT = typeof __dirname === "string" ? resolve(__dirname, "../..") : process.cwd();

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
const compact = (t: number, seconds: boolean) => {
  const s = new Date(t).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}T${s.slice(11, 13)}${s.slice(14, 16)}${seconds ? s.slice(17, 19) : ""}Z`;
};
const dayPath = (t: number) => new Date(t).toISOString().slice(0, 10).replaceAll("-", "/");

/** Hour of day and weekday in Japan (UTC+9, no DST). */
const jst = (t: number) => {
  const d = new Date(t + 9 * HOUR);
  return { hour: d.getUTCHours(), weekday: d.getUTCDay() };
};

interface Actor {
  person?: RosterPerson;
  /** The CloudTrail userIdentity. */
  identity: CloudTrailEvent["userIdentity"];
  ip: string;
  userAgent: string;
}

const READ_CALLS: [string, string][] = [
  ["ec2.amazonaws.com", "DescribeInstances"],
  ["ec2.amazonaws.com", "DescribeSecurityGroups"],
  ["ec2.amazonaws.com", "DescribeVpcs"],
  ["s3.amazonaws.com", "ListBuckets"],
  ["s3.amazonaws.com", "GetBucketPolicy"],
  ["iam.amazonaws.com", "ListUsers"],
  ["iam.amazonaws.com", "GetAccountSummary"],
  ["cloudtrail.amazonaws.com", "DescribeTrails"],
  ["logs.amazonaws.com", "DescribeLogGroups"],
  ["kms.amazonaws.com", "ListKeys"],
  ["lambda.amazonaws.com", "ListFunctions20150331"],
  ["rds.amazonaws.com", "DescribeDBInstances"],
];
const WRITE_CALLS: [string, string][] = [
  ["ec2.amazonaws.com", "StartInstances"],
  ["ec2.amazonaws.com", "StopInstances"],
  ["ec2.amazonaws.com", "CreateTags"],
  ["s3.amazonaws.com", "PutBucketTagging"],
  ["lambda.amazonaws.com", "UpdateFunctionCode20150331v2"],
  ["ssm.amazonaws.com", "PutParameter"],
];

export class CloudTrailArchiveGenerator {
  private readonly random: () => number;
  private readonly window: { from: Date; to: Date };
  private readonly accounts: { id: string; regions: string[] }[];
  private readonly people: RosterPerson[];
  private readonly start: number;
  private readonly end: number;
  /** Pending records per account/region/delivery time. */
  private readonly buckets = new Map<string, CloudTrailEvent[]>();
  readonly incidents: PlantedIncident[] = [];
  private readonly deliveryLag = new Map<string, number>();

  constructor(private readonly options: ArchiveOptions = {}) {
    this.random = prng(options.seed ?? 20261001);
    this.window = options.window ?? DEFAULT_WINDOW;
    this.accounts = options.accounts ?? [{ id: DEMO_ACCOUNT, regions: ["ap-northeast-1", "us-east-1"] }];
    const csv = options.rosterCsv ?? readFileSync(join(REPO_ROOT, "demo/roster.csv"), "utf8");
    this.people = parseRoster(csv, "roster.csv").people;
    this.start = this.window.from.getTime() - (options.historyDays ?? 7) * 24 * HOUR;
    this.end = this.window.to.getTime();
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private hex(length: number): string {
    let out = "";
    while (out.length < length)
      out += Math.floor(this.random() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
    return out.slice(0, length);
  }

  private uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private upper(length: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }

  private officeIp(person?: RosterPerson): string {
    // Each person has a usual office address; a few share the NAT address.
    const index = person ? this.people.indexOf(person) : 0;
    return `203.0.113.${10 + index}`;
  }

  iamUserActor(account: string, userName: string, person?: RosterPerson, ip?: string): Actor {
    return {
      ...(person ? { person } : {}),
      identity: {
        type: "IAMUser",
        principalId: `AIDA${createHash("sha1").update(userName).digest("hex").slice(0, 17).toUpperCase()}`,
        arn: `arn:aws:iam::${account}:user/${userName}`,
        accountId: account,
        accessKeyId: `AKIA${this.upper(16)}`,
        userName,
      },
      ip: ip ?? this.officeIp(person),
      userAgent:
        "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#ec2.describe-instances",
    };
  }

  /** An Identity Center (SSO) session: AWSReservedSSO_<PermissionSet> role, session name = e-mail. */
  ssoActor(account: string, person: RosterPerson, permissionSet: string, ip?: string): Actor {
    const role = `AWSReservedSSO_${permissionSet}_${createHash("sha1").update(permissionSet).digest("hex").slice(0, 16)}`;
    const roleId = `AROA${createHash("sha1").update(role).digest("hex").slice(0, 17).toUpperCase()}`;
    const session = person.email ?? person.personId;
    return {
      person,
      identity: {
        type: "AssumedRole",
        principalId: `${roleId}:${session}`,
        arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
        accountId: account,
        accessKeyId: `ASIA${this.upper(16)}`,
        sessionContext: {
          sessionIssuer: {
            type: "Role",
            principalId: roleId,
            arn: `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/${role}`,
            accountId: account,
            userName: role,
          },
          attributes: { creationDate: "2026-10-01T00:00:00Z", mfaAuthenticated: "false" },
        },
      },
      ip: ip ?? this.officeIp(person),
      userAgent:
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    };
  }

  rootActor(account: string, ip: string): Actor {
    return {
      identity: {
        type: "Root",
        principalId: account,
        arn: `arn:aws:iam::${account}:root`,
        accountId: account,
        accessKeyId: "",
      },
      ip,
      userAgent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
    };
  }

  /** A record with CloudTrail's field order and shapes. */
  event(
    actor: Actor,
    time: number,
    region: string,
    eventSource: string,
    eventName: string,
    extra: Partial<CloudTrailEvent> = {},
  ): CloudTrailEvent {
    const account = actor.identity.accountId ?? DEMO_ACCOUNT;
    const readOnly = /^(Describe|Get|List|Lookup)/.test(eventName);
    const record: CloudTrailEvent = {
      eventVersion: "1.10",
      userIdentity: actor.identity,
      eventTime: iso(time),
      eventSource,
      eventName,
      awsRegion: region,
      sourceIPAddress: actor.ip,
      userAgent: actor.userAgent,
      requestParameters: null,
      responseElements: null,
      requestID: this.uuid(),
      eventID: this.uuid(),
      readOnly,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: extra.recipientAccountId ?? account,
      eventCategory: "Management",
      tlsDetails: {
        tlsVersion: "TLSv1.3",
        cipherSuite: "TLS_AES_128_GCM_SHA256",
        clientProvidedHostHeader: `${eventSource.split(".")[0]}.${region}.amazonaws.com`,
      },
      ...extra,
    };
    this.push(record);
    return record;
  }

  consoleLogin(actor: Actor, time: number, outcome: "Success" | "Failure", mfa: boolean): CloudTrailEvent {
    const account = actor.identity.accountId ?? DEMO_ACCOUNT;
    return this.event(actor, time, "us-east-1", "signin.amazonaws.com", "ConsoleLogin", {
      eventType: "AwsConsoleSignIn",
      readOnly: false,
      recipientAccountId: account,
      responseElements: { ConsoleLogin: outcome },
      additionalEventData: {
        LoginTo: "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true",
        MobileVersion: "No",
        MFAUsed: mfa ? "Yes" : "No",
        ...(mfa && actor.identity.type === "IAMUser"
          ? { MFAIdentifier: `arn:aws:iam::${account}:mfa/${actor.identity.userName}` }
          : {}),
      },
      ...(outcome === "Failure" ? { errorMessage: "Failed authentication" } : {}),
      tlsDetails: undefined,
    });
  }

  /** An event by an AWS service on the account's behalf (never a person). */
  serviceEvent(account: string, region: string, time: number): CloudTrailEvent {
    const kind = this.random();
    if (kind < 0.5)
      return this.event(
        {
          identity: { type: "AWSService", invokedBy: "ec2.amazonaws.com" },
          ip: "ec2.amazonaws.com",
          userAgent: "ec2.amazonaws.com",
        },
        time,
        region,
        "sts.amazonaws.com",
        "AssumeRole",
        {
          recipientAccountId: account,
          requestParameters: {
            roleArn: `arn:aws:iam::${account}:role/app-instance-role`,
            roleSessionName: `i-0${this.hex(16)}`,
          },
          readOnly: true,
          resources: [
            {
              accountId: account,
              type: "AWS::IAM::Role",
              ARN: `arn:aws:iam::${account}:role/app-instance-role`,
            },
          ],
          sharedEventID: this.uuid(),
        },
      );
    return this.event(
      {
        identity: { type: "AWSService", invokedBy: "cloudtrail.amazonaws.com" },
        ip: "cloudtrail.amazonaws.com",
        userAgent: "cloudtrail.amazonaws.com",
      },
      time,
      region,
      "kms.amazonaws.com",
      "GenerateDataKey",
      {
        recipientAccountId: account,
        requestParameters: {
          keySpec: "AES_256",
          encryptionContext: {
            "aws:cloudtrail:arn": `arn:aws:cloudtrail:${region}:${account}:trail/${TRAIL_NAME}`,
          },
        },
        readOnly: true,
        resources: [
          {
            accountId: account,
            type: "AWS::KMS::Key",
            ARN: `arn:aws:kms:${region}:${account}:key/${this.uuid()}`,
          },
        ],
        tlsDetails: undefined,
      },
    );
  }

  private push(record: CloudTrailEvent): void {
    const account = record.recipientAccountId ?? DEMO_ACCOUNT;
    // Delivered 5–15 minutes after the call, in 5-minute batches: each record with its own lag, or
    // (batchDelivery) each batch of an account/region as one file, as a busy account's trail does.
    const t = Date.parse(record.eventTime);
    const batchEnd = Math.floor(t / (5 * MINUTE)) * 5 * MINUTE + 5 * MINUTE;
    let lag: number | undefined;
    if (this.options.batchDelivery) {
      const slot = `${account}\u0000${record.awsRegion}\u0000${batchEnd}`;
      lag = this.deliveryLag.get(slot);
      if (lag === undefined) {
        lag = Math.floor(this.random() * 10) * MINUTE;
        this.deliveryLag.set(slot, lag);
      }
    } else lag = Math.floor(this.random() * 10) * MINUTE;
    const delivered = batchEnd + lag;
    const key = `${account}\u0000${record.awsRegion}\u0000${delivered}`;
    const list = this.buckets.get(key);
    if (list) list.push(record);
    else this.buckets.set(key, [record]);
  }

  /** Ordinary activity: people in business hours (IAM users, SSO), services around the clock. */
  private async background(target: number, hourDone: (hourStart: number) => Promise<void>): Promise<void> {
    const hours = Math.ceil((this.end - this.start) / HOUR);
    const active = (person: RosterPerson, t: number) => {
      const day = new Date(t + 9 * HOUR).toISOString().slice(0, 10);
      return person.startDate <= day && (!person.endDate || day <= person.endDate);
    };
    // Every account/region gets service events each hour; the rest goes to people in office hours.
    let perHour = Math.max(1, Math.round(target / hours));
    const officeShare = 0.7;
    for (let h = 0; h < hours; h++) {
      const hourStart = this.start + h * HOUR;
      const { hour, weekday } = jst(hourStart);
      const office = weekday >= 1 && weekday <= 5 && hour >= 9 && hour < 19;
      for (const { id: account, regions } of this.accounts) {
        for (const region of regions) {
          const services = Math.max(
            1,
            Math.round((perHour * (1 - officeShare)) / (this.accounts.length * regions.length)),
          );
          // The first in the first half hour, so that every hour has a delivery (as in a busy account).
          for (let i = 0; i < services; i++)
            this.serviceEvent(
              account,
              region,
              hourStart + Math.floor(this.random() * (i === 0 ? HOUR / 2 : HOUR)),
            );
        }
      }
      if (!office) {
        await hourDone(hourStart);
        continue;
      }
      const workers = this.people.filter((p) => p.role !== "auditor" && active(p, hourStart));
      const calls = Math.round((perHour * officeShare * 24) / 10);
      for (let i = 0; i < calls; i++) {
        const person = this.pick(workers);
        const { id: account, regions } = this.pick(this.accounts);
        const region = this.pick(regions);
        const t = hourStart + Math.floor(this.random() * HOUR);
        const actor =
          this.random() < 0.5 && person.email
            ? this.ssoActor(
                account,
                person,
                person.role === "admin" ? "AdministratorAccess" : "PowerUserAccess",
              )
            : this.iamUserActor(account, person.awsIamUsers[0] ?? person.personId, person);
        const write = this.random() < 0.15;
        const [source, name] = this.pick(write ? WRITE_CALLS : READ_CALLS);
        this.event(
          actor,
          t,
          region,
          source,
          name,
          write
            ? {
                readOnly: false,
                requestParameters: { resourcesSet: { items: [{ resourceId: `i-0${this.hex(16)}` }] } },
              }
            : {},
        );
        if (person.role === "admin" && this.random() < 0.05)
          this.event(
            actor,
            t + MINUTE,
            region,
            "s3.amazonaws.com",
            "GetObject",
            this.dataEvent(account, `reports/${this.hex(8)}.csv`),
          );
      }
      // One console login per person per working day, with MFA.
      if (hour === 9)
        for (const person of workers) {
          const account = this.accounts[0]?.id ?? DEMO_ACCOUNT;
          this.consoleLogin(
            this.iamUserActor(account, person.awsIamUsers[0] ?? person.personId, person),
            hourStart + Math.floor(this.random() * 30 * MINUTE),
            "Success",
            true,
          );
        }
      // The approved subcontractor assumes its monitoring role in office hours.
      if (hour === 10 && this.accounts[0]) {
        const account = this.accounts[0].id;
        this.assumeRoleFrom(SUBCONTRACTOR_ACCOUNT, account, hourStart + 5 * MINUTE, "monitoring-partner");
      }
      perHour = Math.max(1, perHour);
      await hourDone(hourStart);
    }
  }

  dataEvent(account: string, key: string): Partial<CloudTrailEvent> {
    return {
      eventCategory: "Data",
      managementEvent: false,
      readOnly: true,
      recipientAccountId: account,
      requestParameters: {
        bucketName: CONFIDENTIAL_BUCKET,
        Host: `${CONFIDENTIAL_BUCKET}.s3.ap-northeast-1.amazonaws.com`,
        key,
      },
      additionalEventData: {
        SignatureVersion: "SigV4",
        CipherSuite: "TLS_AES_128_GCM_SHA256",
        bytesTransferredIn: 0,
        bytesTransferredOut: 48213,
        AuthenticationMethod: "AuthHeader",
        "x-amz-id-2": this.hex(32),
      },
      resources: [
        { type: "AWS::S3::Object", ARN: `arn:aws:s3:::${CONFIDENTIAL_BUCKET}/${key}` },
        { accountId: account, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${CONFIDENTIAL_BUCKET}` },
      ],
    };
  }

  assumeRoleFrom(fromAccount: string, toAccount: string, time: number, sessionName: string): CloudTrailEvent {
    const userName = sessionName === "monitoring-partner" ? "monitoring" : "ext-operator";
    return this.event(
      {
        identity: {
          type: "IAMUser",
          principalId: `AIDA${createHash("sha1")
            .update(fromAccount + userName)
            .digest("hex")
            .slice(0, 17)
            .toUpperCase()}`,
          arn: `arn:aws:iam::${fromAccount}:user/${userName}`,
          accountId: fromAccount,
          accessKeyId: `AKIA${this.upper(16)}`,
          userName,
        },
        ip: fromAccount === SUBCONTRACTOR_ACCOUNT ? "198.51.100.20" : "192.0.2.200",
        userAgent:
          "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/sts#1.30.3",
      },
      time,
      "ap-northeast-1",
      "sts.amazonaws.com",
      "AssumeRole",
      {
        recipientAccountId: toAccount,
        readOnly: true,
        requestParameters: {
          roleArn: `arn:aws:iam::${toAccount}:role/partner-readonly`,
          roleSessionName: sessionName,
          durationSeconds: 3600,
        },
        responseElements: {
          credentials: {
            accessKeyId: `ASIA${this.upper(16)}`,
            sessionToken: "IQoJb3JpZ2luX2Vj…",
            expiration: "Oct 1, 2026, 2:00:00 AM",
          },
          assumedRoleUser: {
            assumedRoleId: `AROA${this.upper(17)}:${sessionName}`,
            arn: `arn:aws:sts::${toAccount}:assumed-role/partner-readonly/${sessionName}`,
          },
        },
        resources: [
          {
            accountId: toAccount,
            type: "AWS::IAM::Role",
            ARN: `arn:aws:iam::${toAccount}:role/partner-readonly`,
          },
        ],
        sharedEventID: this.uuid(),
      },
    );
  }

  private person(id: string): RosterPerson {
    const person = this.people.find((p) => p.personId === id);
    if (!person) throw new Error(`the roster has no ${id}`);
    return person;
  }

  private plant(
    kind: IncidentKind,
    events: CloudTrailEvent[],
    extra: { personId?: string; principal: string; account?: string },
  ): void {
    const times = events.map((e) => e.eventTime).sort();
    this.incidents.push({
      kind,
      ...(extra.personId ? { personId: extra.personId } : {}),
      principal: extra.principal,
      account: extra.account ?? (events[0]?.recipientAccountId as string),
      ...(events[0]?.sourceIPAddress ? { sourceIp: events[0].sourceIPAddress } : {}),
      eventIds: events.map((e) => e.eventID),
      from: times[0] as string,
      to: times[times.length - 1] as string,
    });
  }

  /** JST wall time inside the window: `day` is the day of October 2026 (the default window's month). */
  private at(day: number, hour: number, minute = 0): number {
    const base = this.window.from.getTime(); // 00:00 JST of the window's first day
    return base + (day - 1) * 24 * HOUR + hour * HOUR + minute * MINUTE;
  }

  /** The planted incidents, each inside the window (times in JST on weekdays unless off-hours is the point). */
  private plantIncidents(): void {
    const account = this.accounts[0]?.id ?? DEMO_ACCOUNT;
    const region = this.accounts[0]?.regions[0] ?? "ap-northeast-1";
    const suzuki = this.person("P003");
    const takahashi = this.person("P004");
    const tanaka = this.person("P005");
    const watanabe = this.person("P007");
    const nakamura = this.person("P008");
    const yamada = this.person("P001");
    const sato = this.person("P002");

    // Wed 7 Oct, 14:00 JST: 8 failed console logins for suzuki within 10 minutes.
    const burst = [];
    for (let i = 0; i < 8; i++)
      burst.push(
        this.consoleLogin(
          this.iamUserActor(account, "suzuki", suzuki, "198.51.100.33"),
          this.at(7, 14, i),
          "Failure",
          false,
        ),
      );
    this.plant("failed-login-burst", burst, { personId: "P003", principal: "suzuki" });

    // Thu 8 Oct, 11:00 JST: one IP tries six user names, two of them unknown (hidden).
    const spray = [
      "yamada",
      "sato",
      "ito-audit",
      "HIDDEN_DUE_TO_SECURITY_REASONS",
      "watanabe",
      "HIDDEN_DUE_TO_SECURITY_REASONS",
    ].map((userName, i) => {
      const actor = userName.startsWith("HIDDEN")
        ? {
            identity: { type: "IAMUser", accountId: account, accessKeyId: "", userName },
            ip: "198.51.100.77",
            userAgent: "python-requests/2.32.3",
          }
        : {
            ...this.iamUserActor(account, userName, undefined, "198.51.100.77"),
            userAgent: "python-requests/2.32.3",
          };
      return this.consoleLogin(actor, this.at(8, 11, i * 2), "Failure", false);
    });
    this.plant("password-spraying", spray, { principal: "198.51.100.77" });

    // Fri 9 Oct, 10:00 JST: root signs in to the console and calls an API.
    const root = this.rootActor(account, "203.0.113.10");
    this.plant("root-console-login", [this.consoleLogin(root, this.at(9, 10), "Success", true)], {
      principal: "root",
    });
    this.plant(
      "root-api-call",
      [
        this.event(root, this.at(9, 10, 5), "us-east-1", "iam.amazonaws.com", "UpdateAccountPasswordPolicy", {
          readOnly: false,
          requestParameters: { minimumPasswordLength: 8 },
        }),
      ],
      { principal: "root" },
    );

    // Tue 13 Oct, 09:30 JST: watanabe signs in without MFA.
    this.plant(
      "console-login-without-mfa",
      [
        this.consoleLogin(
          this.iamUserActor(account, "watanabe", watanabe),
          this.at(13, 9, 30),
          "Success",
          false,
        ),
      ],
      { personId: "P007", principal: "watanabe" },
    );

    // Wed 14 Oct, 15:00 JST: tanaka (left 2026-09-30) lists buckets.
    this.plant(
      "leaver-activity",
      [
        this.event(
          this.iamUserActor(account, "tanaka", tanaka),
          this.at(14, 15),
          region,
          "s3.amazonaws.com",
          "ListBuckets",
        ),
      ],
      { personId: "P005", principal: "tanaka" },
    );

    // Thu 15 Oct, 16:00 JST: an IAM user nobody in the roster owns.
    this.plant(
      "unmapped-principal",
      [
        this.event(
          this.iamUserActor(account, "contractor-x", undefined, "203.0.113.99"),
          this.at(15, 16),
          region,
          "ec2.amazonaws.com",
          "DescribeInstances",
        ),
      ],
      { principal: "contractor-x" },
    );

    // Fri 16 Oct, 10:15 JST: sato signs in from outside the office range.
    this.plant(
      "login-outside-allowed-cidrs",
      [
        this.consoleLogin(
          this.iamUserActor(account, "sato", sato, "192.0.2.55"),
          this.at(16, 10, 15),
          "Success",
          true,
        ),
      ],
      { personId: "P002", principal: "sato" },
    );

    // Mon 19 Oct, 13:00 JST: nakamura from an office address he never used before.
    this.plant(
      "first-seen-ip",
      [
        this.event(
          this.iamUserActor(account, "nakamura", nakamura, "203.0.113.200"),
          this.at(19, 13),
          region,
          "ec2.amazonaws.com",
          "DescribeVpcs",
        ),
      ],
      { personId: "P008", principal: "nakamura" },
    );

    // Tue 20 Oct 02:30 JST (night), Sat 3 Oct (weekend), Mon 12 Oct (スポーツの日).
    this.plant(
      "off-hours-night",
      [
        this.event(
          this.iamUserActor(account, "yamada", yamada),
          this.at(20, 2, 30),
          region,
          "ec2.amazonaws.com",
          "StopInstances",
          { readOnly: false },
        ),
      ],
      { personId: "P001", principal: "yamada" },
    );
    this.plant(
      "off-hours-weekend",
      [
        this.event(
          this.iamUserActor(account, "suzuki", suzuki),
          this.at(3, 14),
          region,
          "ec2.amazonaws.com",
          "DescribeInstances",
        ),
      ],
      { personId: "P003", principal: "suzuki" },
    );
    this.plant(
      "off-hours-jp-holiday",
      [
        this.event(
          this.iamUserActor(account, "takahashi", takahashi),
          this.at(12, 11),
          region,
          "ssm.amazonaws.com",
          "PutParameter",
          { readOnly: false },
        ),
      ],
      { personId: "P004", principal: "takahashi" },
    );

    // Wed 21 Oct, 17:00 JST: suzuki tampers with logging.
    const trailArn = `arn:aws:cloudtrail:${region}:${account}:trail/${TRAIL_NAME}`;
    const tamper = this.iamUserActor(account, "suzuki", suzuki);
    this.plant(
      "stop-logging",
      [
        this.event(tamper, this.at(21, 17), region, "cloudtrail.amazonaws.com", "StopLogging", {
          readOnly: false,
          requestParameters: { name: trailArn },
        }),
      ],
      { personId: "P003", principal: "suzuki" },
    );
    this.plant(
      "put-event-selectors-drop-management",
      [
        this.event(tamper, this.at(21, 17, 2), region, "cloudtrail.amazonaws.com", "PutEventSelectors", {
          readOnly: false,
          requestParameters: {
            trailName: trailArn,
            eventSelectors: [
              {
                readWriteType: "All",
                includeManagementEvents: false,
                dataResources: [],
                excludeManagementEventSources: [],
              },
            ],
          },
        }),
      ],
      { personId: "P003", principal: "suzuki" },
    );
    this.plant(
      "delete-trail",
      [
        this.event(tamper, this.at(21, 17, 5), region, "cloudtrail.amazonaws.com", "DeleteTrail", {
          readOnly: false,
          requestParameters: { name: trailArn },
        }),
      ],
      { personId: "P003", principal: "suzuki" },
    );
    this.plant(
      "log-bucket-lifecycle-shortened",
      [
        this.event(tamper, this.at(21, 17, 7), region, "s3.amazonaws.com", "PutBucketLifecycle", {
          readOnly: false,
          requestParameters: {
            bucketName: LOG_BUCKET,
            Host: `${LOG_BUCKET}.s3.${region}.amazonaws.com`,
            lifecycle: "",
            LifecycleConfiguration: {
              Rule: { ID: "expire", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 1 } },
            },
          },
        }),
      ],
      { personId: "P003", principal: "suzuki" },
    );
    this.plant(
      "log-group-retention-shortened",
      [
        this.event(tamper, this.at(21, 17, 9), region, "logs.amazonaws.com", "PutRetentionPolicy", {
          readOnly: false,
          requestParameters: { logGroupName: "/vendor/proxy/access", retentionInDays: 1 },
        }),
      ],
      { personId: "P003", principal: "suzuki" },
    );
    this.plant(
      "flow-logs-deleted",
      [
        this.event(tamper, this.at(21, 17, 11), region, "ec2.amazonaws.com", "DeleteFlowLogs", {
          readOnly: false,
          requestParameters: {
            DeleteFlowLogsRequest: { FlowLogId: { tag: 1, content: "fl-0123456789abcdef0" } },
          },
        }),
      ],
      { personId: "P003", principal: "suzuki" },
    );

    // Thu 22 Oct, 11:00 JST: takahashi (a member, not an admin) grants herself a back door.
    const grant = this.iamUserActor(account, "takahashi", takahashi);
    const iamRegion = "us-east-1";
    this.plant(
      "user-created-by-non-admin",
      [
        this.event(grant, this.at(22, 11), iamRegion, "iam.amazonaws.com", "CreateUser", {
          readOnly: false,
          requestParameters: { userName: "backup-admin" },
          responseElements: {
            user: {
              path: "/",
              userName: "backup-admin",
              userId: `AIDA${this.upper(17)}`,
              arn: `arn:aws:iam::${account}:user/backup-admin`,
              createDate: "Oct 22, 2026, 2:00:00 AM",
            },
          },
        }),
      ],
      { personId: "P004", principal: "takahashi" },
    );
    this.plant(
      "access-key-created-by-non-admin",
      [
        this.event(grant, this.at(22, 11, 1), iamRegion, "iam.amazonaws.com", "CreateAccessKey", {
          readOnly: false,
          requestParameters: { userName: "backup-admin" },
          responseElements: {
            accessKey: {
              userName: "backup-admin",
              accessKeyId: `AKIA${this.upper(16)}`,
              status: "Active",
              createDate: "Oct 22, 2026, 2:01:00 AM",
            },
          },
        }),
      ],
      { personId: "P004", principal: "takahashi" },
    );
    this.plant(
      "login-profile-created-by-non-admin",
      [
        this.event(grant, this.at(22, 11, 2), iamRegion, "iam.amazonaws.com", "CreateLoginProfile", {
          readOnly: false,
          requestParameters: { userName: "backup-admin", passwordResetRequired: false },
        }),
      ],
      { personId: "P004", principal: "takahashi" },
    );
    this.plant(
      "admin-policy-attached-by-non-admin",
      [
        this.event(grant, this.at(22, 11, 3), iamRegion, "iam.amazonaws.com", "AttachUserPolicy", {
          readOnly: false,
          requestParameters: {
            userName: "backup-admin",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
          },
        }),
      ],
      { personId: "P004", principal: "takahashi" },
    );
    const widened = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
    });
    this.plant(
      "trust-policy-widened",
      [
        this.event(grant, this.at(22, 11, 4), iamRegion, "iam.amazonaws.com", "UpdateAssumeRolePolicy", {
          readOnly: false,
          requestParameters: { roleName: "partner-readonly", policyDocument: widened },
        }),
      ],
      { personId: "P004", principal: "takahashi" },
    );

    // Mon 26 Oct, 14:00 JST: an account that is not an approved subcontractor assumes a role.
    this.plant(
      "assume-role-from-unapproved-account",
      [this.assumeRoleFrom(UNAPPROVED_ACCOUNT, account, this.at(26, 14), "ext-operator")],
      { principal: UNAPPROVED_ACCOUNT, account },
    );

    // Tue 27 Oct, 15:00 JST: watanabe (a member) reads a confidential object.
    this.plant(
      "confidential-object-read-by-unallowed",
      [
        this.event(
          this.iamUserActor(account, "watanabe", watanabe),
          this.at(27, 15),
          region,
          "s3.amazonaws.com",
          "GetObject",
          this.dataEvent(account, "customers/2026-10/customers.csv"),
        ),
      ],
      { personId: "P007", principal: "watanabe" },
    );
  }

  /**
   * Generates the archive and hands each file to `write` (in key order per account/region, digests
   * after the log files they list). Memory: one delivery batch at a time after generation of records.
   */
  async generate(write: (file: ArchiveFile) => Promise<void>): Promise<ArchiveSummary> {
    if (this.options.incidents ?? true) this.plantIncidents();
    const recordsPerFile = this.options.recordsPerFile ?? 300;
    const prefix = (account: string) =>
      `AWSLogs/${this.options.orgId ? `${this.options.orgId}/` : ""}${account}`;
    const summary: ArchiveSummary = {
      window: this.window,
      files: 0,
      logFiles: 0,
      digestFiles: 0,
      events: 0,
      eventsInWindow: 0,
      bytes: 0,
      incidents: this.incidents,
      accounts: this.accounts.map((a) => a.id).sort(),
      regions: [...new Set(this.accounts.flatMap((a) => a.regions))].sort(),
    };
    const fromIso = this.window.from.toISOString();
    const toIso = this.window.to.toISOString();
    const delivered = new Map<string, { key: string; delivered: number; hash: string }[]>();
    const windowFrom = fromIso.replace(".000Z", "Z");
    const windowTo = toIso.replace(".000Z", "Z");
    // Log files, per account/region in delivery order, written as soon as their batch is complete
    // (memory holds about an hour of records whatever the archive size).
    const flush = async (until: number) => {
      const keys = [...this.buckets.keys()]
        .filter((key) => Number(key.split("\u0000")[2]) < until)
        .sort((a, b) => {
          const [aa, ar, at] = a.split("\u0000") as [string, string, string];
          const [ba, br, bt] = b.split("\u0000") as [string, string, string];
          return aa !== ba
            ? aa.localeCompare(ba)
            : ar !== br
              ? ar.localeCompare(br)
              : Number(at) - Number(bt);
        });
      for (const bucketKey of keys) {
        const [account, region, deliveredAt] = bucketKey.split("\u0000") as [string, string, string];
        const records = (this.buckets.get(bucketKey) as CloudTrailEvent[]).sort((a, b) =>
          a.eventTime < b.eventTime ? -1 : 1,
        );
        this.buckets.delete(bucketKey);
        for (let i = 0; i < records.length; i += recordsPerFile) {
          const chunk = records.slice(i, i + recordsPerFile);
          const t = Number(deliveredAt);
          const key = `${prefix(account)}/CloudTrail/${region}/${dayPath(t)}/${account}_CloudTrail_${region}_${compact(t, false)}_${this.upper(16).replace(/[0-9]/g, "x")}.json.gz`;
          const text = JSON.stringify({ Records: chunk });
          const body = gzipSync(text);
          for (const record of chunk) {
            summary.events++;
            if (record.eventTime >= windowFrom && record.eventTime < windowTo) summary.eventsInWindow++;
          }
          await write({ key, body, kind: "log", account, region, records: chunk.length });
          summary.files++;
          summary.logFiles++;
          summary.bytes += body.length;
          const group = `${account}\u0000${region}`;
          if (!delivered.has(group)) delivered.set(group, []);
          delivered
            .get(group)
            ?.push({ key, delivered: t, hash: createHash("sha256").update(text).digest("hex") });
        }
      }
    };
    await this.background(this.options.events ?? 5_000, (hourStart) => flush(hourStart));
    await flush(Number.POSITIVE_INFINITY);
    // Files of a group must be in delivery order for the digests (flushes interleave groups).
    for (const files of delivered.values()) files.sort((a, b) => a.delivered - b.delivered);
    if (this.options.digests ?? true) {
      for (const { id: account, regions } of this.accounts) {
        for (const region of regions) {
          const files = delivered.get(`${account}\u0000${region}`) ?? [];
          let previous: { key: string; hash: string; signature: string } | undefined;
          let cursor = 0;
          // Hourly digests, ending 1 min 31 s past each hour, from the first hour to one past the window.
          for (
            let end = Math.floor(this.start / HOUR) * HOUR + HOUR + 91_000;
            end - HOUR <= this.end + 2 * HOUR;
            end += HOUR
          ) {
            const start = end - HOUR;
            const listed = [];
            while (cursor < files.length && (files[cursor] as { delivered: number }).delivered < end) {
              listed.push(files[cursor++] as { key: string; delivered: number; hash: string });
            }
            const key = `${prefix(account)}/CloudTrail-Digest/${region}/${dayPath(end)}/${account}_CloudTrail-Digest_${region}_${TRAIL_NAME}_${region}_${compact(end, true)}.json.gz`;
            const digest = {
              awsAccountId: account,
              digestStartTime: iso(start),
              digestEndTime: iso(end),
              digestS3Bucket: LOG_BUCKET,
              digestS3Object: key,
              digestPublicKeyFingerprint: this.hex(32),
              digestSignatureAlgorithm: "SHA256withRSA",
              ...(listed.length
                ? { newestEventTime: iso(end - 2 * MINUTE), oldestEventTime: iso(start) }
                : {}),
              previousDigestS3Bucket: previous ? LOG_BUCKET : null,
              previousDigestS3Object: previous?.key ?? null,
              previousDigestHashValue: previous?.hash ?? null,
              previousDigestHashAlgorithm: previous ? "SHA-256" : null,
              previousDigestSignature: previous?.signature ?? null,
              logFiles: listed.map((file) => ({
                s3Bucket: LOG_BUCKET,
                s3Object: file.key,
                hashValue: file.hash,
                hashAlgorithm: "SHA-256",
                newestEventTime: iso(file.delivered - 5 * MINUTE),
                oldestEventTime: iso(file.delivered - 10 * MINUTE),
              })),
            };
            const text = JSON.stringify(digest);
            const body = gzipSync(text);
            await write({ key, body, kind: "digest", account, region, records: 0 });
            summary.files++;
            summary.digestFiles++;
            summary.bytes += body.length;
            previous = {
              key,
              hash: createHash("sha256").update(text).digest("hex"),
              signature: this.hex(512),
            };
          }
        }
      }
    }
    return summary;
  }
}

/** Writes a generated archive under `dir` (keys become paths). */
export async function writeArchive(dir: string, options: ArchiveOptions = {}): Promise<ArchiveSummary> {
  const made = new Set<string>();
  return new CloudTrailArchiveGenerator(options).generate(async (file) => {
    const path = join(dir, file.key);
    const folder = dirname(path);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await writeFile(path, file.body);
  });
}
