import rule from "./ad-krbtgt-password-age";
import { BASE, daysBefore, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [{ name: "changed 60 days ago" }],
  invalid: [
    {
      name: "unchanged since the domain was built",
      change: (d) => {
        userIn(d, "krbtgt").attributes.pwdLastSet = daysBefore(2000);
      },
      errors: [{ messageId: "old", resource: BASE }],
    },
    {
      name: "stricter limit",
      options: { maxDays: 30 },
      errors: [{ messageId: "old", resource: BASE }],
    },
    {
      name: "no recorded change",
      change: (d) => {
        userIn(d, "krbtgt").attributes.pwdLastSet = null;
      },
      errors: [{ messageId: "never", resource: BASE }],
    },
  ],
  unknown: [
    {
      name: "pwdLastSet not collected",
      change: (d) => {
        userIn(d, "krbtgt").attributes.pwdLastSet = undefined;
      },
      resources: [BASE],
    },
    {
      name: "krbtgt not collected",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.name !== "krbtgt");
      },
      resources: [BASE],
    },
  ],
});
