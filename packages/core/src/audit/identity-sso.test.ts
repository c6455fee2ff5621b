// SSO sessions with IAM Identity Center data: the session name is the Identity Center user name, and
// the person is whom that user belongs to (the match of the aws-sso-* rules), not a guess.
import type { RosterPerson } from "../roster";
import type { CloudTrailEvent, CloudTrailUserIdentity } from "./event";
import { type IdentityCenterUser, IdentityResolver } from "./identity";

const person = (personId: string, email: string): RosterPerson => ({
  personId,
  name: personId,
  email,
  role: "member",
  awsIamUsers: [],
  adAccounts: [],
  startDate: "2024-04-01",
  origin: "roster.csv:2",
});
const people = [person("P1", "alice@vendor.example"), person("P2", "kobayashi@vendor.example")];

const ssoUsers: IdentityCenterUser[] = [
  // A short user name the roster cannot match by itself; its e-mail says who it is.
  { userId: "u-1", userName: "kbys", emails: ["kobayashi@vendor.example"] },
  // Looks like P1 by its local part, but its address is nobody's on the roster.
  { userId: "u-2", userName: "alice", emails: ["alice@partner.example"] },
];

const event = (who: CloudTrailUserIdentity): CloudTrailEvent => ({
  userIdentity: who,
  eventTime: "2026-10-05T01:00:00Z",
  eventSource: "s3.amazonaws.com",
  eventName: "ListBuckets",
  awsRegion: "ap-northeast-1",
  eventID: "e1",
  recipientAccountId: "111122223333",
});
const ssoSession = (session: string): CloudTrailUserIdentity => ({
  type: "AssumedRole",
  arn: `arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developer_0123456789abcdef/${session}`,
  accountId: "111122223333",
  sessionContext: {
    sessionIssuer: {
      type: "Role",
      userName: "AWSReservedSSO_Developer_0123456789abcdef",
      arn: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Developer_0123456789abcdef",
    },
  },
});

const subcontractors: never[] = [];
const withData = new IdentityResolver({ people, subcontractors, ssoUsers });
const without = new IdentityResolver({ people, subcontractors });

test("an SSO session is the Identity Center user's person", () => {
  expect(withData.resolve(event(ssoSession("kbys"))).person?.personId).toBe("P2");
  expect(without.resolve(event(ssoSession("kbys"))).person).toBeUndefined();
});

test("a known Identity Center user nobody owns stays unmatched instead of a local-part guess", () => {
  expect(without.resolve(event(ssoSession("alice"))).person?.personId).toBe("P1");
  const alice = withData.resolve(event(ssoSession("alice")));
  expect([alice.kind, alice.person]).toEqual(["sso", undefined]);
});

test("a session name Identity Center does not know falls back to the roster match", () => {
  expect(withData.resolve(event(ssoSession("alice@vendor.example"))).person?.personId).toBe("P1");
});

test("IdentityCenterUser events map by the user id they act for", () => {
  const who: CloudTrailUserIdentity = {
    type: "IdentityCenterUser",
    accountId: "111122223333",
    onBehalfOf: { userId: "u-1", identityStoreArn: "arn:aws:identitystore::111122223333:identitystore/d-1" },
  };
  expect(withData.resolve(event(who)).person?.personId).toBe("P2");
});

test("SSO data never changes an ordinary assumed role's mapping", () => {
  const who: CloudTrailUserIdentity = {
    type: "AssumedRole",
    arn: "arn:aws:sts::111122223333:assumed-role/ops/kbys",
    accountId: "111122223333",
    sessionContext: {
      sessionIssuer: { type: "Role", userName: "ops", arn: "arn:aws:iam::111122223333:role/ops" },
    },
  };
  expect(withData.resolve(event(who)).person).toBeUndefined();
});
