import rule from "./ad-trust-sid-filtering";
import { PARTNER, trust, trustDn, trustIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "the external trust is quarantined" },
    {
      name: "a forest trust filters by default",
      change: (d) => {
        trustIn(d, PARTNER).attributes.trustAttributes = 0x8;
      },
    },
    {
      name: "an inbound-only external trust without filtering is not applicable",
      change: (d) => {
        d.resources.push(trust("client.example", { direction: 1 }));
      },
    },
  ],
  invalid: [
    {
      name: "an external trust not quarantined",
      change: (d) => {
        trustIn(d, PARTNER).attributes.trustAttributes = 0;
      },
      errors: [{ messageId: "externalNotQuarantined", resource: trustDn(PARTNER) }],
    },
    {
      name: "a forest trust with SID history enabled",
      change: (d) => {
        trustIn(d, PARTNER).attributes.trustAttributes = 0x8 | 0x40;
      },
      errors: [{ messageId: "forestSidHistory", resource: trustDn(PARTNER) }],
    },
  ],
});
