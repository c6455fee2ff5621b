// A role's session names itself in AssumeRole's answer: collectAws takes the account and the
// `collectedBy` ARN from there instead of asking sts:GetCallerIdentity again (one request fewer per
// account, in --role-arn and --org scans alike). Real SDK clients, a fake HTTP handler.

import { AwsClients, RequestCounter } from "./client";
import { callerIdentity } from "./collect";
import { assumedIdentity, assumedRoleCredentials, sharedCredentials } from "./credentials";

const xml = (body: string) => new TextEncoder().encode(body);
const SESSION_ARN = "arn:aws:sts::222233334444:assumed-role/ItakuAudit/itaku-scan";
const assumeRoleAnswer = (assumedRoleUser: string) =>
  xml(
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAITAKUTEST0000001</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>${assumedRoleUser}</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
  );
const CALLER = xml(
  `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/itaku</Arn><UserId>AIDA</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
);

/** Answers AssumeRole with `assumed` and GetCallerIdentity with CALLER; records each request's action. */
function stsHandler(assumed: Uint8Array) {
  const actions: string[] = [];
  return {
    actions,
    handle: async (request: { body?: unknown }) => {
      const action = /Action=(\w+)/.exec(String(request.body ?? ""))?.[1] ?? "?";
      actions.push(action);
      return {
        response: {
          statusCode: 200,
          headers: { "content-type": "text/xml" },
          body: action === "AssumeRole" ? assumed : CALLER,
        },
      };
    },
  };
}

const KEYS = { accessKeyId: "AKIAITAKUTEST0000001", secretAccessKey: "test" };
const clientsFor = (credentials: ReturnType<typeof sharedCredentials>, handler: unknown) =>
  new AwsClients({
    credentials,
    endpoint: "http://127.0.0.1:9",
    counter: new RequestCounter(),
    requestHandler: handler,
  });
const roleSession = (handler: unknown) =>
  assumedRoleCredentials({
    base: KEYS,
    roleArn: "arn:aws:iam::222233334444:role/ItakuAudit",
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9",
    requestHandler: handler,
  });

test("a role's session: account and ARN from AssumeRole's AssumedRoleUser, no GetCallerIdentity", async () => {
  const handler = stsHandler(
    assumeRoleAnswer(
      `<AssumedRoleUser><Arn>${SESSION_ARN}</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>`,
    ),
  );
  const credentials = roleSession(handler);
  const clients = clientsFor(credentials, handler);
  expect(await callerIdentity(clients, "us-east-1", {}, credentials)).toEqual({
    accountId: "222233334444",
    arn: SESSION_ARN,
  });
  // Asked again (a second account reading the same provider would): the shared session, nothing sent.
  expect(await assumedIdentity(credentials)).toEqual({ accountId: "222233334444", arn: SESSION_ARN });
  expect(handler.actions).toEqual(["AssumeRole"]);
  clients.destroy();
});

test("an AssumeRole answer without AssumedRoleUser, or other credentials: GetCallerIdentity as before", async () => {
  const handler = stsHandler(assumeRoleAnswer(""));
  const credentials = roleSession(handler);
  const clients = clientsFor(credentials, handler);
  expect(await callerIdentity(clients, "us-east-1", {}, credentials)).toEqual({
    accountId: "111122223333",
    arn: "arn:aws:iam::111122223333:user/itaku",
  });
  expect(handler.actions).toEqual(["AssumeRole", "GetCallerIdentity"]);
  clients.destroy();

  const keysHandler = stsHandler(assumeRoleAnswer(""));
  const keys = sharedCredentials(KEYS);
  expect(await assumedIdentity(keys)).toBeUndefined();
  const keyClients = clientsFor(keys, keysHandler);
  expect((await callerIdentity(keyClients, "us-east-1", {}, keys)).accountId).toBe("111122223333");
  expect(keysHandler.actions).toEqual(["GetCallerIdentity"]);
  keyClients.destroy();
});
