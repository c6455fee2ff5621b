// The scanner's middleware on real SDK clients: a fake HTTP handler answers, so the SDK's own retry
// middleware, the request counter and the read-only guard all run as they do against AWS.
import { CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClients, backoffDelay, ReadOnlyViolationError, RequestCounter } from "./client";
import { readPasswordPolicy } from "./iam/password-policy";
import {
  actionsOf,
  iamPolicyDocument,
  isReadAction,
  organizationPolicyDocument,
  READ_ALLOW_LIST,
  requiredIamActions,
} from "./read-only";

interface FakeRequest {
  body?: unknown;
  headers: Record<string, string>;
}

const xml = (body: string) => new TextEncoder().encode(body);
const THROTTLED = xml(
  `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
);
const PASSWORD_POLICY = xml(
  `<GetAccountPasswordPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountPasswordPolicyResult><PasswordPolicy><MinimumPasswordLength>14</MinimumPasswordLength><RequireSymbols>true</RequireSymbols><RequireNumbers>true</RequireNumbers><RequireUppercaseCharacters>true</RequireUppercaseCharacters><RequireLowercaseCharacters>true</RequireLowercaseCharacters><AllowUsersToChangePassword>true</AllowUsersToChangePassword><ExpirePasswords>true</ExpirePasswords><MaxPasswordAge>90</MaxPasswordAge><PasswordReusePrevention>24</PasswordReusePrevention></PasswordPolicy></GetAccountPasswordPolicyResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetAccountPasswordPolicyResponse>`,
);

/** Answers `throttles` requests with HTTP 400 Throttling, then succeeds; remembers every request. */
function stormHandler(throttles: number, success: Uint8Array) {
  const seen: FakeRequest[] = [];
  return {
    seen,
    handler: {
      handle: async (request: FakeRequest) => {
        seen.push(request);
        const failing = seen.length <= throttles;
        return {
          response: {
            statusCode: failing ? 400 : 200,
            reason: failing ? "Bad Request" : "OK",
            headers: { "content-type": "text/xml" },
            body: failing ? THROTTLED : success,
          },
        };
      },
    },
  };
}

const clientsWith = (handler: unknown, counter = new RequestCounter(), maxAttempts = 8) =>
  new AwsClients({
    credentials: { accessKeyId: "AKIAITAKUTEST0000001", secretAccessKey: "test" },
    endpoint: "http://127.0.0.1:9",
    counter,
    retry: { maxAttempts, otherMaxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4 },
    requestHandler: handler,
  });

test("a throttling storm: the SDK retries with backoff, then succeeds; every attempt is counted", async () => {
  const { seen, handler } = stormHandler(5, PASSWORD_POLICY);
  const counter = new RequestCounter();
  const clients = clientsWith(handler, counter);
  const outcome = await readPasswordPolicy(clients.get(IAMClient, "iam", "us-east-1"));
  expect(outcome).toEqual({
    ok: true,
    attributes: expect.objectContaining({
      present: true,
      minimumLength: 14,
      maxAgeDays: 90,
      reusePrevention: 24,
    }),
  });
  expect(seen).toHaveLength(6);
  expect(seen.map((r) => r.headers["amz-sdk-request"])).toEqual([
    "attempt=1; max=8",
    "attempt=2; max=8",
    "attempt=3; max=8",
    "attempt=4; max=8",
    "attempt=5; max=8",
    "attempt=6; max=8",
  ]);
  expect(counter.toStats()).toEqual({ "requests.iam:GetAccountPasswordPolicy": 6 });
  clients.destroy();
});

test("a storm longer than the attempts allowed ends as a Throttling failure, which becomes a gap", async () => {
  const { seen, handler } = stormHandler(100, PASSWORD_POLICY);
  const clients = clientsWith(handler, new RequestCounter(), 4);
  const outcome = await readPasswordPolicy(clients.get(IAMClient, "iam", "us-east-1"));
  expect(outcome).toEqual({ ok: false, failure: { code: "Throttling", message: "Rate exceeded" } });
  expect(seen).toHaveLength(4);
  clients.destroy();
});

test("backoff doubles per attempt, with jitter in the upper half, up to the ceiling", () => {
  const retry = { maxAttempts: 8, otherMaxAttempts: 3, baseDelayMs: 500, maxDelayMs: 20_000 };
  for (const [attempt, ceiling] of [
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [7, 20_000],
    [12, 20_000],
  ] as const) {
    const delay = backoffDelay(retry, attempt);
    expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
    expect(delay).toBeLessThanOrEqual(ceiling);
  }
});

test("the read-only guard refuses a write before anything is sent", async () => {
  const { seen, handler } = stormHandler(0, PASSWORD_POLICY);
  const counter = new RequestCounter();
  const clients = clientsWith(handler, counter);
  const iam = clients.get(IAMClient, "iam", "us-east-1");
  await expect(iam.send(new CreateUserCommand({ UserName: "intruder" }))).rejects.toBeInstanceOf(
    ReadOnlyViolationError,
  );
  await expect(iam.send(new CreateUserCommand({ UserName: "intruder" }))).rejects.toThrow(
    /refused iam:CreateUser/,
  );
  expect(seen).toHaveLength(0);
  expect(counter.total).toBe(0);
  clients.destroy();
});

test("one client per service and region, each with the middleware", () => {
  const clients = clientsWith(stormHandler(0, PASSWORD_POLICY).handler);
  const a = clients.get(IAMClient, "iam", "us-east-1");
  expect(clients.get(IAMClient, "iam", "us-east-1")).toBe(a);
  expect(clients.get(STSClient, "sts", "ap-northeast-1")).not.toBe(
    clients.get(STSClient, "sts", "us-east-1"),
  );
  const names = a.middlewareStack.identify().join(" ");
  expect(names).toContain("itakuReadOnlyGuard");
  expect(names).toContain("itakuRequestCounter");
  clients.destroy();
});

test("a command that is not on the allow-list is refused even when it reads", async () => {
  const { seen, handler } = stormHandler(0, PASSWORD_POLICY);
  const clients = clientsWith(handler);
  // GetCallerIdentity is allowed for sts, but the guard keys on the service the client was made for.
  const misfiled = clients.get(STSClient, "ec2", "us-east-1");
  await expect(misfiled.send(new GetCallerIdentityCommand({}))).rejects.toBeInstanceOf(
    ReadOnlyViolationError,
  );
  expect(seen).toHaveLength(0);
  clients.destroy();
});

test("with the Athena output location: starting queries, Glue's table, and s3:PutObject on that location only", () => {
  const policy = iamPolicyDocument({ athenaOutput: "s3://athena-results/itaku/" });
  const writes = policy.Statement.filter((s) => s.Action.some((a) => !isReadAction(a)));
  expect(writes).toEqual([
    {
      Sid: "ItakuAthenaQueriesItStartsAndStops",
      Effect: "Allow",
      Action: [
        "athena:StartQueryExecution",
        "athena:StopQueryExecution",
        "glue:GetDatabase",
        "glue:GetPartitions",
        "glue:GetTable",
      ],
      Resource: "*",
    },
    {
      Sid: "AthenaWritesQueryResultsToThisLocationOnly",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject"],
      Resource: "arn:aws:s3:::athena-results/itaku/*",
    },
  ]);
  expect(() => iamPolicyDocument({ athenaOutput: "athena-results" })).toThrow(/not s3:\/\/BUCKET\/PREFIX/);
});

test("the allow-list holds reads only, and iam-policy prints exactly its actions", () => {
  // Reads only, except the audit's Athena commands, each with why it writes.
  const writes = READ_ALLOW_LIST.filter((entry) => entry.write);
  expect(writes.map((e) => `${e.service}:${e.command}`).sort()).toEqual([
    "athena:StartQueryExecution",
    "athena:StopQueryExecution",
  ]);
  expect(writes.every((e) => e.usedBy === "audit")).toBe(true);
  const reads = READ_ALLOW_LIST.filter((entry) => !entry.write).flatMap(actionsOf);
  expect(reads.filter((a) => !isReadAction(a))).toEqual([]);
  const actions = READ_ALLOW_LIST.filter((entry) => (entry.usedBy ?? "scan") === "scan").flatMap(actionsOf);
  const policy = iamPolicyDocument();
  expect(policy.Statement[0]).toEqual({
    Sid: "ItakuReadOnlyScan",
    Effect: "Allow",
    Action: [...new Set(actions)].sort(),
    Resource: "*",
  });
  // The audit's reads come in a statement of their own, and nothing that writes without --athena-output.
  expect(policy.Statement.map((s) => s.Sid)).toEqual(["ItakuReadOnlyScan", "ItakuAccessLogAuditRead"]);
  expect(policy.Statement[1]?.Action).toContain("cloudtrail:LookupEvents");
  expect(policy.Statement.flatMap((s) => s.Action).filter((a) => !isReadAction(a))).toEqual([]);
  // The member role never gets Organizations reads; the management identity gets them and AssumeRole.
  expect(policy.Statement.flatMap((s) => s.Action).filter((a) => a.startsWith("organizations:"))).toEqual([]);
  expect(requiredIamActions("org")).toEqual([
    "organizations:DescribeOrganization",
    "organizations:DescribeOrganizationalUnit",
    "organizations:ListAccounts",
    "organizations:ListParents",
    "sts:AssumeRole",
  ]);
  expect(organizationPolicyDocument().Statement.flatMap((s) => s.Action)).toEqual(requiredIamActions("org"));
  expect(requiredIamActions()).toContain("iam:GetAccountAuthorizationDetails");
  expect(requiredIamActions()).toContain("iam:GenerateCredentialReport");
  // The access-log audit reads the CloudTrail archive (SSE-KMS encrypted objects need kms:Decrypt).
  expect(policy.Statement[1]?.Action).toEqual(
    expect.arrayContaining(["s3:ListBucket", "s3:GetObject", "kms:Decrypt"]),
  );
  expect(isReadAction("iam:CreateUser")).toBe(false);
  expect(isReadAction("s3:PutBucketPolicy")).toBe(false);
  expect(isReadAction("ec2:DescribeVpcs")).toBe(true);
});

test("other transient failures (here HTTP 503) get fewer attempts than throttling", async () => {
  const seen: FakeRequest[] = [];
  const handler = {
    handle: async (request: FakeRequest) => {
      seen.push(request);
      return {
        response: {
          statusCode: 503,
          reason: "Service Unavailable",
          headers: { "content-type": "text/xml" },
          body: xml(
            `<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>`,
          ),
        },
      };
    },
  };
  const clients = clientsWith(handler);
  const outcome = await readPasswordPolicy(clients.get(IAMClient, "iam", "us-east-1"));
  expect(outcome).toEqual({ ok: false, failure: expect.objectContaining({ code: "ServiceUnavailable" }) });
  expect(seen).toHaveLength(3);
  clients.destroy();
});
