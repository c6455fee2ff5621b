import rule from "./ad-privileged-user-smartcard";
import { DN, gap, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "the configuration asks for no smart cards" },
    {
      name: "the administrator needs a smart card",
      options: { requireFor: "privileged" },
      change: (d) => {
        userIn(d, "adm-alice").attributes.flags.smartcardRequired = true;
      },
    },
    {
      name: "everyone needs a smart card",
      options: { requireFor: "all" },
      change: (d) => {
        userIn(d, "adm-alice").attributes.flags.smartcardRequired = true;
        userIn(d, "alice").attributes.flags.smartcardRequired = true;
      },
    },
  ],
  invalid: [
    {
      name: "administrators must use smart cards and one does not",
      options: { requireFor: "privileged" },
      errors: [{ messageId: "passwordOnly", resource: DN.admAlice }],
    },
    {
      name: "everyone must and a member does not",
      options: { requireFor: "all" },
      change: (d) => {
        userIn(d, "adm-alice").attributes.flags.smartcardRequired = true;
      },
      errors: [{ messageId: "passwordOnly", resource: DN.alice }],
    },
  ],
  unknown: [
    {
      name: "user search incomplete",
      options: { requireFor: "all" },
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.user"));
        userIn(d, "adm-alice").attributes.flags.smartcardRequired = true;
        userIn(d, "alice").attributes.flags.smartcardRequired = true;
      },
      resources: [DN.alice, DN.admAlice],
    },
    {
      name: "group search incomplete: who is privileged is not known",
      options: { requireFor: "privileged" },
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.group"));
        userIn(d, "adm-alice").attributes.flags.smartcardRequired = true;
      },
      resources: [DN.alice, DN.admAlice],
    },
  ],
});
