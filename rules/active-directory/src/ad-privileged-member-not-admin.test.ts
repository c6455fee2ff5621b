import { RuleTester } from "@itaku/rule-tester";
import rule from "./ad-privileged-member-not-admin";
import { addUser, baseline, DN, gap, NOW, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "the only enabled privileged account belongs to a roster admin (NetBIOS-qualified)" },
    {
      name: "a privileged but disabled account is not applicable",
      change: (d) => {
        addUser(d, "old-admin", 1400, { enabled: false, privilegedGroupRids: [512] });
      },
    },
    {
      name: "managers allowed by option",
      options: { allowedRoles: ["admin", "manager"] },
      change: (d, roster) => {
        roster!.people[0]!.role = "manager";
        userIn(d, "alice").attributes.privilegedGroupRids = [512];
      },
    },
  ],
  invalid: [
    {
      name: "a roster member nested into Domain Admins",
      change: (d) => {
        userIn(d, "alice").attributes.privilegedGroupRids = [512, 544];
      },
      errors: [{ messageId: "notAdmin", resource: DN.alice }],
    },
    {
      name: "an operator nobody in the roster owns",
      change: (d) => {
        addUser(d, "ops", 1401, { privilegedGroupRids: [551] });
      },
      errors: [{ messageId: "unowned", resource: `CN=ops,CN=Users,DC=corp,DC=sample-vendor,DC=example` }],
    },
    {
      name: "the admin who owns adm-alice has left",
      change: (_d, roster) => {
        roster!.people[1]!.endDate = "2026-09-30";
      },
      errors: [{ messageId: "unowned", resource: DN.admAlice }],
    },
    {
      name: "the built-in Administrator is enabled and owned by nobody",
      change: (d) => {
        userIn(d, "Administrator").attributes.enabled = true;
      },
      errors: [{ messageId: "unowned", resource: DN.administrator }],
    },
  ],
  unknown: [
    {
      name: "group search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.group"));
      },
      resources: [DN.alice, DN.admAlice],
    },
  ],
});

// Without any roster the owner of a privileged account cannot be known.
describe("ad-privileged-member-not-admin without a roster", () => {
  it("answers unknown for privileged accounts and passes the others", () => {
    const findings = new RuleTester({ baseline, roster: null, now: NOW }).evaluateCase(rule, {
      name: "no roster",
    });
    const byId = Object.fromEntries(findings.map((f) => [f.resource.id, f.status]));
    expect(byId[DN.admAlice]).toBe("unknown");
    expect(byId[DN.alice]).toBe("pass");
  });
});
