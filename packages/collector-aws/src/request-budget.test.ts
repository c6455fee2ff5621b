// The shared request-rate budget on real SDK clients: two accounts' clients and an AssumeRole
// client draw on one bucket, and a fake HTTP handler records when each request reaches the wire.
import { GetAccountPasswordPolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClients, RequestCounter } from "./client";
import { assumedRoleCredentials } from "./credentials";
import { RequestBudget } from "./request-budget";

const xml = (body: string) => new TextEncoder().encode(body);
const PASSWORD_POLICY = xml(
  `<GetAccountPasswordPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountPasswordPolicyResult><PasswordPolicy><MinimumPasswordLength>14</MinimumPasswordLength></PasswordPolicy></GetAccountPasswordPolicyResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetAccountPasswordPolicyResponse>`,
);
const CALLER = xml(
  `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::222233334444:assumed-role/ItakuAudit/s</Arn><UserId>AROA:s</UserId><Account>222233334444</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
);
const ASSUMED = xml(
  `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAITAKUTEST0000001</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::222233334444:assumed-role/ItakuAudit/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
);

/** Answers every request at once and records the moment it arrived. */
function recordingHandler() {
  const sentAt: number[] = [];
  return {
    sentAt,
    handle: async (request: { body?: unknown }) => {
      sentAt.push(performance.now());
      const body = String(request.body ?? "");
      return {
        response: {
          statusCode: 200,
          headers: { "content-type": "text/xml" },
          body: body.includes("AssumeRole")
            ? ASSUMED
            : body.includes("GetCallerIdentity")
              ? CALLER
              : PASSWORD_POLICY,
        },
      };
    },
  };
}

test("the accounts of a run share one request rate: no second ever sees more requests than the budget", async () => {
  const rate = 5;
  const budget = new RequestBudget(rate);
  const handler = recordingHandler();
  const accountClients = (credentials: ConstructorParameters<typeof AwsClients>[0]["credentials"]) =>
    new AwsClients({
      credentials,
      endpoint: "http://127.0.0.1:9",
      counter: new RequestCounter(),
      budget,
      requestHandler: handler,
    });
  const keys = { accessKeyId: "AKIAITAKUTEST0000001", secretAccessKey: "test" };
  const first = accountClients(keys);
  // The second account's session comes from AssumeRole, which takes its token from the same budget.
  const assumeCounter = new RequestCounter();
  const second = accountClients(
    assumedRoleCredentials({
      base: keys,
      roleArn: "arn:aws:iam::222233334444:role/ItakuAudit",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      counter: assumeCounter,
      budget,
      requestHandler: handler,
    }),
  );
  try {
    const calls = [first, second].flatMap((clients) => [
      ...Array.from({ length: 6 }, () =>
        clients.get(IAMClient, "iam", "us-east-1").send(new GetAccountPasswordPolicyCommand({})),
      ),
      clients.get(STSClient, "sts", "us-east-1").send(new GetCallerIdentityCommand({})),
    ]);
    await Promise.all(calls);
  } finally {
    first.destroy();
    second.destroy();
  }
  const times = handler.sentAt.sort((a, b) => a - b);
  expect(assumeCounter.toStats()).toEqual({ "requests.sts:AssumeRole": 1 });
  expect(times).toHaveLength(15); // 14 calls and one AssumeRole
  // A token bucket of `rate` tokens refilled at `rate` a second: any stretch of t seconds carries at
  // most rate + rate·t requests (a full bucket, then the refill), whichever accounts sent them.
  for (let i = 0; i < times.length; i++) {
    for (let j = i + rate; j < times.length; j++) {
      const seconds = (times[j]! - times[i]!) / 1000;
      expect(j - i + 1).toBeLessThanOrEqual(rate + rate * seconds + 0.1);
    }
  }
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(((times.length - rate) / rate) * 1000 - 100);
  expect(budget.waited).toBeGreaterThan(0);
  expect(budget.taken).toBe(15);
});

test("a budget must be a positive rate", () => {
  expect(() => new RequestBudget(0)).toThrow(RangeError);
});
