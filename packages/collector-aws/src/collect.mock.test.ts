// What a real server cannot produce on demand: AccessDenied on one call, a credential report stuck in
// progress, LimitExceeded, expired reports, several pages — SDK clients mocked with aws-sdk-client-mock.

import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetCredentialReportCommand,
  IAMClient,
  IAMServiceException,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import {
  type AnyRule,
  emptySettings,
  evaluate,
  type Finding,
  type Snapshot,
  SourceUnavailableError,
  snapshotSchema,
} from "@itaku/core";
import { rules } from "@itaku/rules-aws-iam";
import { mockClient } from "aws-sdk-client-mock";
import { collectAws } from "./collect";
import { iamCollector } from "./iam/collect-iam";
import type { CredentialReportTiming } from "./iam/credential-report";

const ACCOUNT = "111122223333";
const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);

// Any request that escaped the mocks would go to this closed loopback port, never to AWS.
const CLOSED_ENDPOINT = "http://127.0.0.1:9";
const ENV = {
  AWS_ACCESS_KEY_ID: "AKIAITAKUMOCK0000001",
  AWS_SECRET_ACCESS_KEY: "mock-secret",
  AWS_EC2_METADATA_DISABLED: "true",
};
const noWait: CredentialReportTiming = {
  timeoutMs: 5_000,
  firstDelayMs: 1_000,
  maxDelayMs: 4_000,
  sleep: async () => {},
};

const REPORT = [
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2020-01-01T00:00:00+00:00,not_supported,2026-03-02T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `yamada,arn:aws:iam::${ACCOUNT}:user/yamada,2024-04-01T00:00:00+00:00,true,2026-11-18T09:00:00+00:00,2026-06-01T00:00:00+00:00,N/A,false,true,2026-10-01T00:00:00+00:00,2026-11-19T12:00:00+00:00,ap-northeast-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
].join("\n");

const encode = (document: object) => encodeURIComponent(JSON.stringify(document));
const userDetail = (name: string) => ({
  UserName: name,
  UserId: `AIDA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  Path: "/",
  CreateDate: new Date("2024-04-01T00:00:00Z"),
  GroupList: [],
  AttachedManagedPolicies: [],
  UserPolicyList: [],
});

const denied = (operation: string) =>
  new IAMServiceException({
    name: "AccessDenied",
    $fault: "client",
    $metadata: { httpStatusCode: 403 },
    message: `User: arn:aws:iam::${ACCOUNT}:user/itaku is not authorized to perform: iam:${operation}`,
  });
const iamError = (name: string, message = name) =>
  new IAMServiceException({ name, $fault: "client", $metadata: { httpStatusCode: 400 }, message });

function healthyAccount(): void {
  iam.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/itaku` });
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    UserDetailList: [userDetail("yamada")],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
    IsTruncated: false,
  });
  iam.on(GenerateCredentialReportCommand).resolves({ State: "COMPLETE" });
  iam
    .on(GetCredentialReportCommand)
    .resolves({ Content: new TextEncoder().encode(REPORT), ReportFormat: "text/csv" });
  // One virtual device, assigned to a user: root's MFA (on in the report) is then a hardware device.
  iam.on(ListVirtualMFADevicesCommand).resolves({
    VirtualMFADevices: [
      { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/yamada`, User: userDetail("yamada") as never },
    ],
    IsTruncated: false,
  });
  iam.on(GetAccountPasswordPolicyCommand).resolves({
    PasswordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
    },
  });
}

const collect = (credentialReport = noWait) =>
  collectAws(
    { regions: ["ap-northeast-1"], endpoint: CLOSED_ENDPOINT },
    { env: ENV, credentialReport, collectors: [iamCollector], now: () => new Date("2026-11-20T00:00:00Z") },
  );

function findingsOf(snapshot: Snapshot, ruleId: string): Finding[] {
  const rule = rules.find((r) => r.id === ruleId) as AnyRule;
  return evaluate({
    snapshot,
    rules: [rule],
    now: new Date("2026-11-20T00:00:00Z"),
    roster: null,
    settings: emptySettings(),
    toolVersion: "test",
  }).findings;
}

beforeEach(healthyAccount);
afterAll(() => {
  iam.restore();
  sts.restore();
});

test("a healthy account: root, users and the password policy, all schema-valid, no gaps", async () => {
  const snapshot = await collect();
  expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  expect(snapshot.sources[0]!.gaps).toEqual([]);
  expect(snapshot.resources.map((r) => r.type)).toEqual([
    "aws.account",
    "aws.iam.password-policy",
    "aws.iam.root",
    "aws.iam.user",
  ]);
  expect(findingsOf(snapshot, "aws-iam-root-mfa").map((f) => f.status)).toEqual(["pass"]);
  expect(findingsOf(snapshot, "aws-iam-user-mfa").map((f) => f.status)).toEqual(["fail"]);
});

test("root's MFA device: hardware unless a virtual device is assigned to root, read over every page", async () => {
  const rootMfa = (snapshot: Snapshot) =>
    snapshot.resources.find((r) => r.type === "aws.iam.root")?.attributes as { mfaDevice?: string };
  expect(rootMfa(await collect()).mfaDevice).toBe("hardware");
  expect(iam.commandCalls(ListVirtualMFADevicesCommand)[0]!.args[0].input).toEqual({
    AssignmentStatus: "Assigned",
  });
  // Root's virtual device on the second page (moto cannot assign MFA to root, hence the mock).
  iam
    .on(ListVirtualMFADevicesCommand)
    .resolvesOnce({ VirtualMFADevices: [], IsTruncated: true, Marker: "page-2" })
    .resolvesOnce({
      VirtualMFADevices: [
        {
          SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
          User: { Arn: `arn:aws:iam::${ACCOUNT}:root` } as never,
        },
      ],
      IsTruncated: false,
    });
  const virtual = await collect();
  expect(rootMfa(virtual).mfaDevice).toBe("virtual");
  expect(virtual.sources[0]!.gaps).toEqual([]);
});

test("AccessDenied on ListVirtualMFADevices: a gap on root, so root's rules cannot pass", async () => {
  iam.on(ListVirtualMFADevicesCommand).rejects(denied("ListVirtualMFADevices"));
  const snapshot = await collect();
  expect(snapshot.sources[0]!.gaps.map((g) => [g.resourceType, g.operation, g.code])).toEqual([
    ["aws.iam.root", "ListVirtualMFADevices", "AccessDenied"],
  ]);
  expect(snapshot.resources.find((r) => r.type === "aws.iam.root")?.attributes).not.toHaveProperty(
    "mfaDevice",
  );
  expect(findingsOf(snapshot, "aws-iam-root-mfa").map((f) => f.status)).toEqual(["unknown"]);
});

test("AccessDenied on GetAccountPasswordPolicy: a gap, and the password-policy rule says unknown", async () => {
  iam.on(GetAccountPasswordPolicyCommand).rejects(denied("GetAccountPasswordPolicy"));
  const snapshot = await collect();
  expect(snapshot.sources[0]!.gaps).toEqual([
    expect.objectContaining({
      resourceType: "aws.iam.password-policy",
      operation: "GetAccountPasswordPolicy",
      code: "AccessDenied",
    }),
  ]);
  expect(snapshot.resources.some((r) => r.type === "aws.iam.password-policy")).toBe(false);
  expect(findingsOf(snapshot, "aws-iam-password-policy").map((f) => [f.resource.id, f.status])).toEqual([
    [ACCOUNT, "unknown"],
  ]);
  // The other reads went on: users are still there and judged.
  expect(findingsOf(snapshot, "aws-iam-user-mfa").map((f) => f.status)).toEqual(["fail"]);
});

test("no password policy (NoSuchEntity) is a fact: present false, and the rule fails", async () => {
  iam.on(GetAccountPasswordPolicyCommand).rejects(
    new NoSuchEntityException({
      $metadata: { httpStatusCode: 404 },
      message: "The Password Policy with domain name 111122223333 cannot be found.",
    }),
  );
  const snapshot = await collect();
  expect(snapshot.sources[0]!.gaps).toEqual([]);
  expect(snapshot.resources.find((r) => r.type === "aws.iam.password-policy")?.attributes).toEqual({
    present: false,
  });
  expect(findingsOf(snapshot, "aws-iam-password-policy").map((f) => f.messageId)).toEqual(["missing"]);
});

test("AccessDenied on GetCredentialReport: gaps on users and root, so MFA rules say unknown, never pass", async () => {
  iam.on(GetCredentialReportCommand).rejects(denied("GetCredentialReport"));
  const snapshot = await collect();
  expect(snapshot.sources[0]!.gaps.map((g) => [g.resourceType, g.operation, g.code])).toEqual([
    ["aws.iam.root", "GetCredentialReport", "AccessDenied"],
    ["aws.iam.user", "GetCredentialReport", "AccessDenied"],
  ]);
  const user = snapshot.resources.find((r) => r.type === "aws.iam.user");
  expect(user?.type === "aws.iam.user" && user.attributes.mfaActive).toBeUndefined();
  expect(findingsOf(snapshot, "aws-iam-user-mfa").map((f) => f.status)).toEqual(["unknown"]);
  expect(findingsOf(snapshot, "aws-iam-root-mfa").map((f) => f.status)).toEqual(["unknown"]);
  // Rules that do not need the report still cannot pass users while a gap on users stands.
  expect(findingsOf(snapshot, "aws-iam-user-direct-policy").map((f) => f.status)).toEqual(["unknown"]);
});

test("a credential report stuck in progress: polled with backoff until the deadline, then a gap", async () => {
  iam.on(GenerateCredentialReportCommand).resolves({ State: "INPROGRESS" });
  const waits: number[] = [];
  const snapshot = await collect({ ...noWait, sleep: async (ms: number) => void waits.push(ms) });
  // 1 s, then 2 s; the next wait (4 s) would pass the 5 s deadline, so it stops there.
  expect(waits).toEqual([1_000, 2_000]);
  expect(iam.commandCalls(GenerateCredentialReportCommand).length).toBe(3);
  expect(iam.commandCalls(GetCredentialReportCommand).length).toBe(0);
  expect(snapshot.sources[0]!.gaps).toEqual([
    expect.objectContaining({
      resourceType: "aws.iam.root",
      operation: "GenerateCredentialReport",
      code: "ReportInProgress",
    }),
    expect.objectContaining({
      resourceType: "aws.iam.user",
      operation: "GenerateCredentialReport",
      code: "ReportInProgress",
    }),
  ]);
  expect(findingsOf(snapshot, "aws-iam-access-key-unused").map((f) => f.status)).toEqual(["unknown"]);
});

test("LimitExceeded on GenerateCredentialReport: the existing report is read", async () => {
  iam.on(GenerateCredentialReportCommand).rejects(iamError("LimitExceeded", "Rate of generation exceeded"));
  const snapshot = await collect();
  expect(snapshot.sources[0]!.gaps).toEqual([]);
  expect(snapshot.resources.some((r) => r.type === "aws.iam.root")).toBe(true);
});

test("a report that expired or is not ready yet is waited for and read", async () => {
  iam
    .on(GetCredentialReportCommand)
    .rejectsOnce(iamError("ReportExpired"))
    .rejectsOnce(iamError("ReportInProgress"))
    .resolves({ Content: new TextEncoder().encode(REPORT) });
  const snapshot = await collect();
  expect(snapshot.sources[0]!.gaps).toEqual([]);
  expect(iam.commandCalls(GetCredentialReportCommand).length).toBe(3);
  expect(iam.commandCalls(GenerateCredentialReportCommand).length).toBe(3);
});

test("authorization details come in pages of 1000, following the marker", async () => {
  iam
    .on(GetAccountAuthorizationDetailsCommand)
    .resolvesOnce({ UserDetailList: [userDetail("yamada")], IsTruncated: true, Marker: "page-2" })
    .resolvesOnce({
      UserDetailList: [userDetail("sato")],
      Policies: [
        {
          PolicyName: "vendor-developer",
          Arn: `arn:aws:iam::${ACCOUNT}:policy/vendor-developer`,
          DefaultVersionId: "v2",
          AttachmentCount: 0,
          PolicyVersionList: [
            {
              VersionId: "v1",
              IsDefaultVersion: false,
              Document: encode({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }),
            },
            {
              VersionId: "v2",
              IsDefaultVersion: true,
              Document: encode({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }),
            },
          ],
        },
      ],
      IsTruncated: false,
    });
  const snapshot = await collect();
  const calls = iam.commandCalls(GetAccountAuthorizationDetailsCommand).map((c) => c.args[0].input);
  expect(calls).toEqual([{ MaxItems: 1000 }, { MaxItems: 1000, Marker: "page-2" }]);
  expect(snapshot.resources.filter((r) => r.type === "aws.iam.user").map((r) => r.name)).toEqual([
    "sato",
    "yamada",
  ]);
  const policy = snapshot.resources.find((r) => r.type === "aws.iam.policy");
  // The default version, URL-decoded; unattached customer policies are kept.
  expect(policy?.type === "aws.iam.policy" && policy.attributes.document.Statement).toEqual({
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: "*",
  });
});

test("a failure on the second page keeps the first and records gaps on every principal type", async () => {
  iam
    .on(GetAccountAuthorizationDetailsCommand)
    .resolvesOnce({ UserDetailList: [userDetail("yamada")], IsTruncated: true, Marker: "page-2" })
    .rejects(iamError("ServiceFailure", "internal error"));
  const snapshot = await collect();
  expect(snapshot.resources.filter((r) => r.type === "aws.iam.user").map((r) => r.name)).toEqual(["yamada"]);
  expect(snapshot.sources[0]!.gaps.map((g) => g.resourceType).sort()).toEqual([
    "aws.iam.group",
    "aws.iam.policy",
    "aws.iam.role",
    "aws.iam.user",
  ]);
});

test("a malformed policy document: the policy is left out and a gap says why", async () => {
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    UserDetailList: [
      { ...userDetail("yamada"), UserPolicyList: [{ PolicyName: "broken", PolicyDocument: "%7Bnot-json" }] },
    ],
    IsTruncated: false,
  });
  const snapshot = await collect();
  expect(snapshot.sources[0]!.gaps).toEqual([
    expect.objectContaining({ resourceType: "aws.iam.user", code: "MalformedPolicyDocument" }),
  ]);
});

test("credentials rejected by STS: SourceUnavailableError with one clear line, no secret in it", async () => {
  sts.on(GetCallerIdentityCommand).rejects(
    new STSServiceException({
      name: "InvalidClientTokenId",
      $fault: "client",
      $metadata: { httpStatusCode: 403 },
      message: "The security token included in the request is invalid.",
    }),
  );
  const error = await collect().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceUnavailableError);
  const message = (error as Error).message;
  expect(message).toMatch(
    /^aws: AWS rejected the credentials from the standard credential chain \(InvalidClientTokenId\)/,
  );
  expect(message).not.toContain("\n");
  expect(message).not.toContain(ENV.AWS_SECRET_ACCESS_KEY);
  expect(message).not.toContain(ENV.AWS_ACCESS_KEY_ID);
});

test("bad config is an InputError naming the place, before any request", async () => {
  const run = (config: object, env: Record<string, string> = ENV) =>
    collectAws(config, { env, configPath: "/etc/itaku.yaml", collectors: [iamCollector] }).catch(
      (e: unknown) => e,
    );
  expect(String(await run({ regions: ["ap-northeast-1", "eu-nowhere-3"] }))).toBe(
    'InputError: /etc/itaku.yaml:aws.regions[1]: unknown AWS region "eu-nowhere-3" (for example ap-northeast-1)',
  );
  expect(String(await run({ roleArn: "arn:aws:iam::1:role/x" }))).toMatch(
    /\/etc\/itaku\.yaml:aws\.roleArn: .* is not a role ARN/,
  );
  expect(String(await run({}, { ...ENV, AWS_REGION: "mars-1" }))).toBe(
    'InputError: AWS_REGION: unknown AWS region "mars-1"',
  );
  expect(String(await run({ regions: ["ap-northeast-1"] }, { ...ENV, AWS_ENDPOINT_URL: "not a url" }))).toBe(
    'InputError: AWS_ENDPOINT_URL: "not a url" is not a URL',
  );
  expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
});

test("regions: all-enabled asks EC2 for the enabled regions", async () => {
  const ec2 = mockClient(EC2Client);
  ec2
    .on(DescribeRegionsCommand)
    .resolves({ Regions: [{ RegionName: "us-east-1" }, { RegionName: "ap-northeast-1" }] });
  try {
    const snapshot = await collectAws(
      { regions: "all-enabled", endpoint: CLOSED_ENDPOINT },
      { env: ENV, collectors: [iamCollector], credentialReport: noWait },
    );
    expect(snapshot.sources[0]!.regions).toEqual(["ap-northeast-1", "us-east-1"]);
    expect(ec2.commandCalls(DescribeRegionsCommand)[0]!.args[0].input).toEqual({ AllRegions: false });
  } finally {
    ec2.restore();
  }
});
