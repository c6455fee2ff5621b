import rule from "./ad-user-stale";
import { addUser, DN, daysBefore, domainIn, gap, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "every enabled user logged on 3 days ago" },
    {
      name: "100 days ago is within 90 days plus the 14-day replication lag",
      change: (d) => {
        userIn(d, "alice").attributes.lastLogonTimestamp = daysBefore(100);
      },
    },
    {
      name: "never logged on, created 10 days ago",
      change: (d) => {
        addUser(d, "new-hire", 1200, { lastLogonTimestamp: null, createdAt: daysBefore(10) });
      },
    },
    {
      name: "a stale but disabled account is not applicable",
      change: (d) => {
        addUser(d, "left", 1201, { enabled: false, lastLogonTimestamp: daysBefore(400) });
      },
    },
    {
      name: "a longer limit by option",
      options: { maxDaysInactive: 180 },
      change: (d) => {
        userIn(d, "alice").attributes.lastLogonTimestamp = daysBefore(150);
      },
    },
  ],
  invalid: [
    {
      name: "no logon for 120 days",
      change: (d) => {
        userIn(d, "alice").attributes.lastLogonTimestamp = daysBefore(120);
      },
      errors: [{ messageId: "stale", resource: DN.alice }],
    },
    {
      name: "100 days is too long when the domain replicates every day",
      change: (d) => {
        userIn(d, "alice").attributes.lastLogonTimestamp = daysBefore(100);
        domainIn(d).attributes.logonTimeSyncIntervalDays = 1;
      },
      errors: [{ messageId: "stale", resource: DN.alice }],
    },
    {
      name: "never logged on, created in January 2025",
      change: (d) => {
        userIn(d, "alice").attributes.lastLogonTimestamp = null;
      },
      errors: [{ messageId: "neverLoggedOn", resource: DN.alice }],
    },
  ],
  unknown: [
    {
      name: "lastLogonTimestamp not collected",
      change: (d) => {
        userIn(d, "alice").attributes.lastLogonTimestamp = undefined;
      },
      resources: [DN.alice],
    },
    {
      name: "user search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.user"));
      },
      resources: [DN.alice, DN.admAlice],
    },
  ],
});
