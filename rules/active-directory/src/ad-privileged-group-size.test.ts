import rule from "./ad-privileged-group-size";
import { addUser, DN, gap, groupIn } from "./fixtures";
import { tester } from "./tester";

const admins = (n: number) =>
  Array.from({ length: n }, (_, i) => `CN=adm-${i},CN=Users,DC=corp,DC=sample-vendor,DC=example`);

tester.run(rule, {
  valid: [
    { name: "two members in Domain Admins and Administrators" },
    {
      name: "disabled members do not count",
      change: (d) => {
        const extra = admins(5).map((_dn, i) => addUser(d, `adm-${i}`, 1500 + i, { enabled: false }).id);
        groupIn(d, "Domain Admins").attributes.transitiveUserMembers!.push(...extra);
      },
    },
    {
      name: "a higher ceiling by option",
      options: { maxMembers: 10 },
      change: (d) => {
        groupIn(d, "Domain Admins").attributes.transitiveUserMembers!.push(...admins(6));
      },
    },
  ],
  invalid: [
    {
      name: "six more (uncollected, so counted) members nested into Domain Admins",
      change: (d) => {
        groupIn(d, "Domain Admins").attributes.transitiveUserMembers!.push(...admins(6));
      },
      errors: [{ messageId: "tooMany", resource: DN.domainAdmins }],
    },
    {
      name: "a ceiling of one",
      options: { maxMembers: 1 },
      change: (d) => {
        addUser(d, "adm-bob", 1600, { privilegedGroupRids: [512] });
        groupIn(d, "Domain Admins").attributes.transitiveUserMembers!.push(
          "CN=adm-bob,CN=Users,DC=corp,DC=sample-vendor,DC=example",
        );
      },
      errors: [{ messageId: "tooMany", resource: DN.domainAdmins }],
    },
  ],
  unknown: [
    {
      name: "nested membership not collected",
      change: (d) => {
        groupIn(d, "Administrators").attributes.transitiveUserMembers = undefined;
      },
      resources: [DN.administrators],
    },
    {
      name: "user search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.user"));
      },
      resources: [DN.domainAdmins, DN.administrators],
    },
  ],
});
