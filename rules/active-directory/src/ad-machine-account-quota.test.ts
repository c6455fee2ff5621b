import rule from "./ad-machine-account-quota";
import { BASE, domainIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [{ name: "quota 0" }],
  invalid: [
    {
      name: "AD's default of 10",
      change: (d) => {
        domainIn(d).attributes.machineAccountQuota = 10;
      },
      errors: [{ messageId: "quota", resource: BASE }],
    },
  ],
  unknown: [
    {
      name: "quota not read",
      change: (d) => {
        domainIn(d).attributes.machineAccountQuota = undefined;
      },
      resources: [BASE],
    },
  ],
});
