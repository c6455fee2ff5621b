import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-source-not-allowed";
import { consoleLogin, HOME_IP, identities, tester, workday } from "./fixtures";

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month: every sign-in from the office range" },
    {
      name: "a failed sign-in from outside is the failure detection's",
      change: (d) =>
        d.events.push(consoleLogin(identities.iamUser("yamada"), workday(9), { ok: false, ip: HOME_IP })),
    },
    {
      name: "an IPv4-mapped IPv6 office address is inside",
      change: (d) =>
        d.events.push(consoleLogin(identities.iamUser("yamada"), workday(9), { ip: "::ffff:203.0.113.77" })),
    },
  ],
  invalid: [
    {
      name: "a sign-in from home",
      change: (d) => d.events.push(consoleLogin(identities.iamUser("yamada"), workday(9), { ip: HOME_IP })),
      errors: [{ messageId: "outsideAllowed", subject: "P001" }],
    },
    {
      name: "an SSO sign-in over IPv6 from outside",
      change: (d) =>
        d.events.push(
          consoleLogin(identities.sso("suzuki@vendor.example"), workday(9), { ip: "2001:db8::5" }),
        ),
      errors: [{ messageId: "outsideAllowed", subject: "P003" }],
    },
  ],
  notApplicable: [
    {
      name: "no allowed ranges declared",
      change: (d) => {
        d.audit.allowedSourceCidrs = [];
        d.events.push(consoleLogin(identities.iamUser("yamada"), workday(9), { ip: HOME_IP }));
      },
    },
  ],
});
