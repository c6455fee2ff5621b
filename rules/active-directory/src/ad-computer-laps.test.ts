import rule from "./ad-computer-laps";
import { COMPUTER_OU, computer, computerIn, daysBefore, domainIn, gap, WORKSTATION } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "the workstation has a managed password; the DC is not applicable" },
    {
      name: "a password a little past its expiry (the machine was off for a weekend)",
      change: (d) => {
        computerIn(d, "WS-TOKYO-01").attributes.lapsPasswordExpiresAt = daysBefore(3);
      },
    },
    {
      name: "a schema without LAPS is not applicable",
      change: (d) => {
        domainIn(d).attributes.lapsSchema = { legacy: false, windows: false };
        computerIn(d, "WS-TOKYO-01").attributes.lapsPasswordExpiresAt = undefined;
      },
    },
    {
      name: "a disabled computer without LAPS is not applicable",
      change: (d) => {
        d.resources.push(computer("WS-OLD-02", COMPUTER_OU, { enabled: false, lapsPasswordExpiresAt: null }));
      },
    },
  ],
  invalid: [
    {
      name: "a workstation without a managed password",
      change: (d) => {
        computerIn(d, "WS-TOKYO-01").attributes.lapsPasswordExpiresAt = null;
      },
      errors: [{ messageId: "unmanaged", resource: WORKSTATION }],
    },
    {
      name: "a password LAPS stopped rotating",
      change: (d) => {
        computerIn(d, "WS-TOKYO-01").attributes.lapsPasswordExpiresAt = daysBefore(90);
      },
      errors: [{ messageId: "overdue", resource: WORKSTATION }],
    },
  ],
  unknown: [
    {
      name: "the LAPS attributes were not read",
      change: (d) => {
        computerIn(d, "WS-TOKYO-01").attributes.lapsPasswordExpiresAt = undefined;
      },
      resources: [WORKSTATION],
    },
    {
      name: "computer search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.computer"));
      },
      resources: [WORKSTATION],
    },
  ],
});
