import { RuleTester } from "@itaku/rule-tester";
import rule from "./accounts-owner-missing";
import { adUser, baseline, iamUser, NOW, roster } from "./fixtures";

new RuleTester({ baseline, roster, now: NOW }).run(rule, {
  valid: [
    { name: "every account is listed by a current person" },
    {
      name: "a disabled unowned account is not applicable",
      change: (s) => void s.resources.push(iamUser("old-tool", false)),
    },
    {
      name: "an account qualified with the account id matches",
      change: (_s, r) => {
        r!.people[0]!.awsIamUsers = ["111122223333:yamada"];
      },
    },
  ],
  invalid: [
    {
      name: "an IAM user nobody lists",
      change: (s) => void s.resources.push(iamUser("contractor9")),
      errors: [{ messageId: "noOwner", resource: "arn:aws:iam::111122223333:user/contractor9" }],
    },
    {
      name: "an AD user nobody lists",
      change: (s) => void s.resources.push(adUser("intern")),
      errors: [{ messageId: "noOwner", resource: "CN=intern,CN=Users,DC=corp,DC=example" }],
    },
    {
      name: "an AD entry qualified with another domain does not match",
      change: (_s, r) => {
        r!.people[1]!.adAccounts = ["OTHER\\sato"];
      },
      errors: [{ messageId: "noOwner", resource: "CN=sato,CN=Users,DC=corp,DC=example" }],
    },
    {
      name: "the owner has not started yet",
      change: (_s, r) => {
        r!.people[0]!.startDate = "2027-01-01";
      },
      errors: [{ messageId: "ownerNotStarted", resource: "arn:aws:iam::111122223333:user/yamada" }],
    },
  ],
  unknown: [
    {
      name: "the credential report was not read, so enablement is unknown",
      change: (s) => {
        const user = iamUser("mystery");
        if (user.type === "aws.iam.user") {
          user.attributes.passwordEnabled = undefined;
          user.attributes.accessKeys = undefined;
        }
        s.resources.push(user);
      },
      resources: ["arn:aws:iam::111122223333:user/mystery"],
    },
  ],
});

describe("accounts-owner-missing without a roster", () => {
  it("answers unknown for every account, never pass", () => {
    const findings = new RuleTester({ baseline, roster: null, now: NOW }).evaluateCase(rule, {
      name: "no roster",
    });
    expect(findings.map((f) => f.status)).toEqual(["unknown", "unknown", "unknown"]);
  });
});
