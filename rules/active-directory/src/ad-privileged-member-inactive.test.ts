import rule from "./ad-privileged-member-inactive";
import { DN, daysBefore, gap, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "the privileged admin logged on 3 days ago" },
    {
      name: "50 days is within 45 plus the 14-day replication lag",
      change: (d) => {
        userIn(d, "adm-alice").attributes.lastLogonTimestamp = daysBefore(50);
      },
    },
    {
      name: "an unprivileged stale user is not applicable here",
      change: (d) => {
        userIn(d, "alice").attributes.lastLogonTimestamp = daysBefore(300);
      },
    },
  ],
  invalid: [
    {
      name: "no logon for 70 days",
      change: (d) => {
        userIn(d, "adm-alice").attributes.lastLogonTimestamp = daysBefore(70);
      },
      errors: [{ messageId: "inactive", resource: DN.admAlice }],
    },
    {
      name: "a stricter limit by option",
      options: { maxDaysInactive: 10 },
      change: (d) => {
        userIn(d, "adm-alice").attributes.lastLogonTimestamp = daysBefore(30);
      },
      errors: [{ messageId: "inactive", resource: DN.admAlice }],
    },
    {
      name: "a privileged account that never logged on",
      change: (d) => {
        userIn(d, "adm-alice").attributes.lastLogonTimestamp = null;
      },
      errors: [{ messageId: "neverLoggedOn", resource: DN.admAlice }],
    },
  ],
  unknown: [
    {
      name: "lastLogonTimestamp not collected",
      change: (d) => {
        userIn(d, "adm-alice").attributes.lastLogonTimestamp = undefined;
      },
      resources: [DN.admAlice],
    },
    {
      name: "group search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.group"));
      },
      resources: [DN.admAlice],
    },
  ],
});
