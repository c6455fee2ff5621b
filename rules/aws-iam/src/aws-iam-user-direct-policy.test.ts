import rule from "./aws-iam-user-direct-policy";
import { allow, DEVELOPER_POLICY_ARN, findIn, userArn } from "./fixtures";
import { tester } from "./tester";

const sato = (s: Parameters<typeof findIn>[0]) => findIn(s, "aws.iam.user", userArn("sato")).attributes;

tester.run(rule, {
  valid: [
    { name: "everyone's rights come from groups" },
    {
      name: "the change-password policy may be attached directly",
      change: (s) => {
        sato(s).attachedPolicies.push({
          arn: "arn:aws:iam::aws:policy/IAMUserChangePassword",
          name: "IAMUserChangePassword",
        });
      },
    },
  ],
  invalid: [
    {
      name: "a managed policy attached to a user",
      change: (s) => {
        sato(s).attachedPolicies.push({ arn: DEVELOPER_POLICY_ARN, name: "vendor-developer" });
      },
      errors: [{ messageId: "direct", resource: userArn("sato") }],
    },
    {
      name: "an inline policy on a user",
      change: (s) => {
        sato(s).inlinePolicies.push({ name: "temp-s3", document: allow("s3:GetObject") });
      },
      errors: [{ messageId: "direct", resource: userArn("sato") }],
    },
  ],
  unknown: [
    {
      name: "the listing of principals failed part-way",
      change: (s) => {
        s.sources[0]!.gaps.push({
          source: "aws",
          scope: "111122223333",
          region: "global",
          resourceType: "aws.iam.user",
          operation: "GetAccountAuthorizationDetails",
          code: "Throttling",
        });
      },
      resources: [userArn("yamada"), userArn("sato")],
    },
  ],
});
