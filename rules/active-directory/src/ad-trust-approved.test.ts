import rule from "./ad-trust-approved";
import { gap, PARTNER, trust, trustDn, trustIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "the trusted domain belongs to an approved subcontractor" },
    {
      name: "a trust within the forest is not applicable",
      change: (d) => {
        d.resources.push(trust("child.corp.sample-vendor.example", { trustAttributes: 0x20 }));
      },
    },
    {
      name: "an inbound-only trust is not applicable",
      change: (d) => {
        d.resources.push(trust("client.example", { direction: 1 }));
      },
    },
    {
      name: "approval matched by the partner's NetBIOS name",
      change: (_d, _roster, settings) => {
        settings.subcontractors[0]!.adDomains = ["PARTNER"];
      },
    },
  ],
  invalid: [
    {
      name: "a trust nobody approved",
      change: (d) => {
        d.resources.push(trust("unknown-vendor.example", { direction: 2 }));
      },
      errors: [{ messageId: "unapproved", resource: trustDn("unknown-vendor.example") }],
    },
    {
      name: "the approval date has not come",
      change: (_d, _roster, settings) => {
        settings.subcontractors[0]!.approvedAt = "2027-01-01";
      },
      errors: [{ messageId: "unapproved", resource: trustDn(PARTNER) }],
    },
    {
      name: "approved only for AWS accounts",
      change: (d, _roster, settings) => {
        settings.subcontractors[0]!.adDomains = undefined;
        trustIn(d, PARTNER).attributes.direction = 2;
      },
      errors: [{ messageId: "unapproved", resource: trustDn(PARTNER) }],
    },
  ],
  unknown: [
    {
      name: "trust search failed",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "ad.trust");
        d.sources[0]!.gaps.push(gap("ad.trust"));
      },
      resources: ["ad.trust/*"],
    },
  ],
});
