import { RuleTester } from "@itaku/rule-tester";
import rule from "./accounts-shared-generic";
import { adUser, baseline, iamUser, NOW, roster } from "./fixtures";

new RuleTester({ baseline, roster, now: NOW }).run(rule, {
  valid: [
    { name: "personal accounts" },
    { name: "krbtgt is allowed by default", change: (s) => void s.resources.push(adUser("krbtgt", false)) },
    {
      name: "a name merely containing a generic word inside a longer word",
      change: (s) => void s.resources.push(iamUser("testarossa")),
    },
    {
      name: "a numbered generic name (user-00042) the roster gives exactly one owner",
      change: (s, r) => {
        s.resources.push(iamUser("user-00042"));
        r!.people[0]!.awsIamUsers.push("user-00042");
      },
    },
    {
      name: "an AD account called admin that one roster person owns",
      change: (s, r) => {
        s.resources.push(adUser("admin"));
        r!.people[0]!.adAccounts.push("admin");
      },
    },
  ],
  invalid: [
    {
      name: "an IAM user called admin",
      change: (s) => void s.resources.push(iamUser("admin")),
      errors: [{ messageId: "genericName", resource: "arn:aws:iam::111122223333:user/admin" }],
    },
    {
      name: "a generic word as one part of the name",
      change: (s) => void s.resources.push(adUser("shared-ops")),
      errors: [{ messageId: "genericName", resource: "CN=shared-ops,CN=Users,DC=corp,DC=example" }],
    },
    {
      name: "user-00042 that nobody in the roster owns",
      change: (s) => void s.resources.push(iamUser("user-00042")),
      errors: [{ messageId: "genericName", resource: "arn:aws:iam::111122223333:user/user-00042" }],
    },
    {
      name: "a generic name listed under two people is shared whatever the name",
      change: (s, r) => {
        s.resources.push(iamUser("user-00042"));
        r!.people[0]!.awsIamUsers.push("user-00042");
        r!.people[1]!.awsIamUsers.push("user-00042");
      },
      errors: [{ messageId: "severalOwners", resource: "arn:aws:iam::111122223333:user/user-00042" }],
    },
    {
      name: "a numbered test account",
      change: (s) => void s.resources.push(iamUser("test01")),
      errors: [{ messageId: "genericName", resource: "arn:aws:iam::111122223333:user/test01" }],
    },
    {
      name: "a team name added by option",
      options: { extraGenericNames: ["sales"] },
      change: (s) => void s.resources.push(iamUser("sales-tokyo")),
      errors: [{ messageId: "genericName", resource: "arn:aws:iam::111122223333:user/sales-tokyo" }],
    },
    {
      name: "an account listed under two people",
      change: (_s, r) => {
        r!.people[0]!.awsIamUsers.push("sato");
      },
      errors: [{ messageId: "severalOwners", resource: "arn:aws:iam::111122223333:user/sato" }],
    },
  ],
});
