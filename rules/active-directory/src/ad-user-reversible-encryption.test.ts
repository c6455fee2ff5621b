import rule from "./ad-user-reversible-encryption";
import { addUser, DN, gap, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "no enabled user has the flag" },
    {
      name: "a disabled account with the flag is not applicable",
      change: (d) => {
        const u = addUser(d, "old-service", 1300, { enabled: false });
        u.attributes.flags.reversibleEncryption = true;
      },
    },
  ],
  invalid: [
    {
      name: "an enabled user with the flag",
      change: (d) => {
        userIn(d, "alice").attributes.flags.reversibleEncryption = true;
      },
      errors: [{ messageId: "reversible", resource: DN.alice }],
    },
    {
      name: "an enabled administrator with the flag",
      change: (d) => {
        userIn(d, "adm-alice").attributes.flags.reversibleEncryption = true;
      },
      errors: [{ messageId: "reversible", resource: DN.admAlice }],
    },
  ],
  unknown: [
    {
      name: "user search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.user"));
      },
      resources: [DN.alice, DN.admAlice],
    },
  ],
});
