import rule from "./ad-computer-stale";
import { computerIn, daysBefore, WORKSTATION } from "./fixtures";
import { tester } from "./tester";

const ws = (d: Parameters<typeof computerIn>[0]) => computerIn(d, "WS-TOKYO-01").attributes;

tester.run(rule, {
  valid: [
    { name: "logged on two days ago" },
    {
      name: "within the limit plus the replication lag",
      change: (d) => {
        ws(d).lastLogonTimestamp = daysBefore(100);
      },
    },
    {
      name: "pre-created recently, never logged on",
      change: (d) => {
        Object.assign(ws(d), { lastLogonTimestamp: null, createdAt: daysBefore(10) });
      },
    },
  ],
  invalid: [
    {
      name: "not seen for 200 days",
      change: (d) => {
        ws(d).lastLogonTimestamp = daysBefore(200);
      },
      errors: [{ messageId: "stale", resource: WORKSTATION }],
    },
    {
      name: "pre-created a year ago, never joined",
      change: (d) => {
        Object.assign(ws(d), { lastLogonTimestamp: null, createdAt: daysBefore(365) });
      },
      errors: [{ messageId: "neverLoggedOn", resource: WORKSTATION }],
    },
  ],
});
