import rule from "./aws-iam-root-mfa";
import { ACCOUNT, addGap, findIn, ROOT_ARN } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [{ name: "root has MFA" }],
  invalid: [
    {
      name: "root without MFA",
      change: (s) => {
        findIn(s, "aws.iam.root", ROOT_ARN).attributes.mfaActive = false;
      },
      errors: [{ messageId: "noMfa", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "the credential report could not be read",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.type !== "aws.iam.root");
        addGap(s, "aws.iam.root", "GetCredentialReport");
      },
      resources: [ACCOUNT],
    },
    {
      name: "root missing without a gap",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.type !== "aws.iam.root");
      },
      resources: [ACCOUNT],
    },
  ],
});
