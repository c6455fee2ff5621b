import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-console-login-without-mfa";
import { ACCOUNT, consoleLogin, identities, tester, workday } from "./fixtures";

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month (an SSO sign-in without MFA is the IdP's to judge)" },
    {
      name: "a failed sign-in without MFA is not a sign-in",
      change: (d) =>
        d.events.push(consoleLogin(identities.iamUser("sato"), workday(14), { ok: false, mfa: false })),
    },
    {
      name: "a sign-in without MFA in the look-back is not this period's",
      change: (d) =>
        d.events.push(consoleLogin(identities.iamUser("sato"), "2026-09-14T01:00:00Z", { mfa: false })),
    },
  ],
  invalid: [
    {
      name: "an IAM user signs in without MFA",
      change: (d) => d.events.push(consoleLogin(identities.iamUser("sato"), workday(14), { mfa: false })),
      errors: [{ messageId: "withoutMfa", subject: "P002" }],
    },
    {
      name: "root signs in without MFA",
      change: (d) => d.events.push(consoleLogin(identities.root(), workday(14), { mfa: false })),
      errors: [{ messageId: "withoutMfa", subject: `arn:aws:iam::${ACCOUNT}:root` }],
    },
  ],
});
