import rule from "./ad-operators-group-empty";
import { DN, gap, groupIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "Account and Server Operators are empty" },
    {
      name: "members of other privileged groups do not matter here",
      change: (d) => {
        groupIn(d, "Domain Admins").attributes.members.push(DN.alice);
      },
    },
  ],
  invalid: [
    {
      name: "a user in Account Operators",
      change: (d) => {
        groupIn(d, "Account Operators").attributes.members = [DN.alice];
      },
      errors: [{ messageId: "notEmpty", resource: DN.accountOperators }],
    },
    {
      name: "a nested group in Server Operators",
      change: (d) => {
        groupIn(d, "Server Operators").attributes.members = [DN.domainUsers];
      },
      errors: [{ messageId: "notEmpty", resource: DN.serverOperators }],
    },
  ],
  unknown: [
    {
      name: "group search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.group"));
      },
      resources: [DN.accountOperators, DN.serverOperators],
    },
  ],
});
