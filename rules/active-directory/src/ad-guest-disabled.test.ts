import rule from "./ad-guest-disabled";
import { DN, gap, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "Guest is disabled" },
    {
      name: "found by RID when renamed",
      change: (d) => {
        userIn(d, "Guest").name = "ゲスト";
      },
    },
  ],
  invalid: [
    {
      name: "Guest enabled",
      change: (d) => {
        userIn(d, "Guest").attributes.enabled = true;
      },
      errors: [{ messageId: "enabled", resource: DN.guest }],
    },
  ],
  unknown: [
    {
      name: "user search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.user"));
      },
      resources: [DN.guest],
    },
  ],
});
