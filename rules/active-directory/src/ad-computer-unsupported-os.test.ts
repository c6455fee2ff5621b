import rule from "./ad-computer-unsupported-os";
import { computerIn, WORKSTATION } from "./fixtures";
import { tester } from "./tester";

const ws = (d: Parameters<typeof computerIn>[0]) => computerIn(d, "WS-TOKYO-01").attributes;

tester.run(rule, {
  valid: [
    { name: "Windows 11 24H2 Enterprise and Server 2022" },
    {
      name: "a Samba or Linux machine is outside the table",
      change: (d) => {
        Object.assign(ws(d), { operatingSystem: "Samba", operatingSystemVersion: "4.17.12-Debian" });
      },
    },
    {
      name: "a disabled Windows 7 account",
      change: (d) => {
        Object.assign(ws(d), {
          enabled: false,
          operatingSystem: "Windows 7 Professional",
          operatingSystemVersion: "6.1 (7601)",
        });
      },
    },
  ],
  invalid: [
    {
      name: "Windows 7",
      change: (d) => {
        Object.assign(ws(d), {
          operatingSystem: "Windows 7 Professional",
          operatingSystemVersion: "6.1 (7601)",
        });
      },
      errors: [{ messageId: "unsupported", resource: WORKSTATION }],
    },
    {
      name: "Windows 10 22H2 Pro after October 2025",
      change: (d) => {
        Object.assign(ws(d), { operatingSystem: "Windows 10 Pro", operatingSystemVersion: "10.0 (19045)" });
      },
      errors: [{ messageId: "unsupported", resource: WORKSTATION }],
    },
    {
      name: "Windows 11 23H2 Pro (ended 2025-11-11)",
      change: (d) => {
        Object.assign(ws(d), { operatingSystem: "Windows 11 Pro", operatingSystemVersion: "10.0 (22631)" });
      },
      errors: [{ messageId: "unsupported", resource: WORKSTATION }],
    },
  ],
  unknown: [
    {
      name: "no operatingSystem written",
      change: (d) => {
        ws(d).operatingSystem = undefined;
      },
      resources: [WORKSTATION],
    },
    {
      name: "a build the table does not list",
      change: (d) => {
        ws(d).operatingSystemVersion = "10.0 (99999)";
      },
      resources: [WORKSTATION],
    },
  ],
});
