import type { RosterPerson } from "../roster";
import type { CloudTrailEvent, CloudTrailUserIdentity } from "./event";
import { IdentityResolver, personStatusOn } from "./identity";

const person = (
  personId: string,
  email: string,
  users: string[],
  startDate = "2024-04-01",
  endDate?: string,
): RosterPerson => ({
  personId,
  name: personId,
  email,
  role: "member",
  awsIamUsers: users,
  adAccounts: [],
  startDate,
  ...(endDate ? { endDate } : {}),
  origin: "roster.csv:2",
});

const people = [
  person("P1", "alice@vendor.example", ["alice"]),
  person("P2", "bob@vendor.example", ["222233334444:bob", "shared"]),
  person("P3", "carol@vendor.example", ["shared"], "2026-10-19", "2026-12-31"),
];

const resolver = new IdentityResolver({
  people,
  subcontractors: [
    { name: "Partner", awsAccountIds: ["444455556666"], approvedBy: "x", approvedAt: "2026-04-01" },
  ],
  ownAccounts: ["111122223333", "222233334444"],
});

const event = (who: CloudTrailUserIdentity, recipient = "111122223333"): CloudTrailEvent => ({
  userIdentity: who,
  eventTime: "2026-10-05T01:00:00Z",
  eventSource: "s3.amazonaws.com",
  eventName: "ListBuckets",
  awsRegion: "ap-northeast-1",
  eventID: "e1",
  recipientAccountId: recipient,
});

const role = (
  roleName: string,
  session: string,
  account = "111122223333",
  issuerArn?: string,
): CloudTrailUserIdentity => ({
  type: "AssumedRole",
  arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`,
  accountId: account,
  sessionContext: {
    sessionIssuer: {
      type: "Role",
      userName: roleName,
      arn: issuerArn ?? `arn:aws:iam::${account}:role/${roleName}`,
    },
  },
});

describe("identity → person", () => {
  it("maps IAM users through the roster, qualified names only in their account", () => {
    const alice = resolver.resolve(
      event({
        type: "IAMUser",
        userName: "alice",
        accountId: "111122223333",
        arn: "arn:aws:iam::111122223333:user/alice",
      }),
    );
    expect([alice.kind, alice.person?.personId]).toEqual(["iam-user", "P1"]);
    const bobHere = resolver.resolve(
      event({
        type: "IAMUser",
        userName: "bob",
        accountId: "111122223333",
        arn: "arn:aws:iam::111122223333:user/bob",
      }),
    );
    expect(bobHere.person).toBeUndefined();
    const bobThere = resolver.resolve(
      event(
        {
          type: "IAMUser",
          userName: "bob",
          accountId: "222233334444",
          arn: "arn:aws:iam::222233334444:user/bob",
        },
        "222233334444",
      ),
    );
    expect(bobThere.person?.personId).toBe("P2");
  });

  it("attributes a shared account to no one and names who share it", () => {
    const shared = resolver.resolve(
      event({
        type: "IAMUser",
        userName: "shared",
        accountId: "111122223333",
        arn: "arn:aws:iam::111122223333:user/shared",
      }),
    );
    expect([shared.person, shared.sharedBy]).toEqual([undefined, ["P2", "P3"]]);
  });

  it("maps SSO sessions by e-mail, assumed roles by session name, and caches per principal", () => {
    const sso = resolver.resolve(event(role("AWSReservedSSO_Admin_0123", "Alice@Vendor.example")));
    expect([sso.kind, sso.person?.personId, sso.roleName]).toEqual([
      "sso",
      "P1",
      "AWSReservedSSO_Admin_0123",
    ]);
    const deploy = resolver.resolve(event(role("deploy", "bob")));
    expect([deploy.kind, deploy.person?.personId]).toEqual(["assumed-role", "P2"]);
    expect(resolver.resolve(event(role("deploy", "bob")))).toBe(deploy);
  });

  it("treats instance sessions and service-linked roles as machines", () => {
    expect(resolver.resolve(event(role("app", "i-0123456789abcdef0"))).machine).toBe(true);
    const linked = role(
      "AWSServiceRoleForSupport",
      "x",
      "111122223333",
      "arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport",
    );
    expect(resolver.resolve(event(linked)).machine).toBe(true);
    const service = resolver.resolve(event({ type: "AWSService", invokedBy: "ec2.amazonaws.com" }));
    expect([service.kind, service.machine, service.label]).toEqual(["service", true, "ec2.amazonaws.com"]);
  });

  it("knows root, hidden names, and external accounts with their subcontractor", () => {
    expect(
      resolver.resolve(
        event({ type: "Root", accountId: "111122223333", arn: "arn:aws:iam::111122223333:root" }),
      ).kind,
    ).toBe("root");
    expect(
      resolver.resolve(
        event({ type: "IAMUser", accountId: "111122223333", userName: "HIDDEN_DUE_TO_SECURITY_REASONS" }),
      ).kind,
    ).toBe("hidden");
    const partner = resolver.resolve(
      event({ type: "AWSAccount", accountId: "444455556666", principalId: "AIDA:x" }),
    );
    expect([partner.kind, partner.external, partner.subcontractor?.name]).toEqual([
      "external-account",
      true,
      "Partner",
    ]);
    const stranger = resolver.resolve(event(role("admin", "x", "999988887777")));
    expect([stranger.kind, stranger.external, stranger.subcontractor]).toEqual([
      "external-account",
      true,
      undefined,
    ]);
    const sibling = resolver.resolve(event(role("admin", "alice", "222233334444")));
    expect([sibling.external, sibling.person?.personId]).toEqual([false, "P1"]);
  });

  it("decides roster dates on calendar days, the end date included", () => {
    const carol = people[2]!;
    expect(
      ["2026-10-18", "2026-10-19", "2026-12-31", "2027-01-01"].map((d) => personStatusOn(carol, d)),
    ).toEqual(["before-start", "active", "active", "after-end"]);
  });
});
