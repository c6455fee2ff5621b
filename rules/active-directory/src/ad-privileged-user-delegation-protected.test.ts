import rule from "./ad-privileged-user-delegation-protected";
import { addUser, DN, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "the administrator is in Protected Users" },
    {
      name: "an administrator marked sensitive but not in Protected Users",
      change: (d) => {
        const admin = userIn(d, "adm-alice");
        admin.attributes.protectedUsersMember = false;
        admin.attributes.flags.notDelegated = true;
      },
    },
    {
      name: "a member outside the privileged groups is not applicable",
      change: (d) => {
        userIn(d, "alice").attributes.protectedUsersMember = false;
      },
    },
  ],
  invalid: [
    {
      name: "an administrator neither sensitive nor protected",
      change: (d) => {
        userIn(d, "adm-alice").attributes.protectedUsersMember = false;
      },
      errors: [{ messageId: "delegable", resource: DN.admAlice }],
    },
    {
      name: "a new account operator",
      change: (d) => {
        addUser(d, "ops-bob", 1303, { privilegedGroupRids: [548], protectedUsersMember: false });
      },
      errors: [
        { messageId: "delegable", resource: "CN=ops-bob,CN=Users,DC=corp,DC=sample-vendor,DC=example" },
      ],
    },
  ],
  unknown: [
    {
      name: "Protected Users membership not read",
      change: (d) => {
        userIn(d, "adm-alice").attributes.protectedUsersMember = undefined;
      },
      resources: [DN.admAlice],
    },
  ],
});
