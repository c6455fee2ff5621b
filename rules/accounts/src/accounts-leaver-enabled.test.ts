import { RuleTester } from "@itaku/rule-tester";
import rule from "./accounts-leaver-enabled";
import { adUser, baseline, iamUser, NOW, roster } from "./fixtures";

const leave = (endDate: string) => (_s: unknown, r: { people: { endDate?: string }[] } | null) => {
  r!.people[1]!.endDate = endDate;
};

new RuleTester({ baseline, roster, now: NOW }).run(rule, {
  valid: [
    { name: "nobody has left" },
    { name: "the end date is today: still working", change: leave("2026-11-20") },
    {
      name: "a leaver whose accounts are disabled",
      change: (s, r) => {
        r!.people[1]!.endDate = "2026-09-30";
        s.resources = s.resources.filter((x) => x.name !== "sato");
        s.resources.push(iamUser("sato", false), adUser("sato", false));
      },
    },
  ],
  invalid: [
    {
      name: "a leaver's IAM and AD accounts are still enabled",
      change: leave("2026-09-30"),
      errors: [
        { messageId: "stillEnabled", resource: "arn:aws:iam::111122223333:user/sato" },
        { messageId: "stillEnabled", resource: "CN=sato,CN=Users,DC=corp,DC=example" },
      ],
    },
  ],
});
