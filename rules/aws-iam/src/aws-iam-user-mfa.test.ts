import rule from "./aws-iam-user-mfa";
import { addGap, findIn, iamUser, userArn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "both console users have MFA" },
    {
      name: "a user without a console password needs none",
      change: (s) => {
        s.resources.push(
          iamUser("svc-batch", { passwordEnabled: false, mfaActive: false, passwordLastUsedAt: null }),
        );
      },
    },
  ],
  invalid: [
    {
      name: "a console user without MFA",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("sato")).attributes.mfaActive = false;
      },
      errors: [{ messageId: "noMfa", resource: userArn("sato") }],
    },
  ],
  unknown: [
    {
      name: "the credential report was not read",
      change: (s) => {
        for (const r of s.resources) {
          if (r.type === "aws.iam.user") {
            delete r.attributes.passwordEnabled;
            delete r.attributes.mfaActive;
          }
        }
        addGap(s, "aws.iam.user", "GetCredentialReport");
      },
      resources: [userArn("yamada"), userArn("sato")],
    },
    {
      name: "MFA state missing for a user created after the report",
      change: (s) => {
        delete findIn(s, "aws.iam.user", userArn("sato")).attributes.mfaActive;
      },
      resources: [userArn("sato")],
    },
  ],
});
