import rule from "./aws-iam-privilege-escalation";
import {
  ACCOUNT,
  ADMIN_POLICY_ARN,
  allow,
  DEVELOPER_POLICY_ARN,
  findIn,
  groupArn,
  iamRole,
  roleArn,
  trustAccount,
  userArn,
} from "./fixtures";
import { tester } from "./tester";

const addInline = (name: string, document: ReturnType<typeof allow>) => (s: Parameters<typeof findIn>[0]) => {
  findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({ name, document });
};

tester.run(rule, {
  valid: [
    { name: "no IAM write permissions outside the admins' AdministratorAccess" },
    {
      name: "PassRole scoped to one role",
      change: addInline("pass-one", allow("iam:PassRole", "arn:aws:iam::111122223333:role/backup-runner")),
    },
    {
      name: "an ignored action",
      change: addInline("keys", allow("iam:CreateAccessKey", "arn:aws:iam::111122223333:user/svc-batch")),
      options: { ignoreActions: ["iam:CreateAccessKey"] },
    },
  ],
  invalid: [
    {
      name: "CreatePolicyVersion lets a user rewrite its own policy",
      change: addInline("ops", allow("iam:CreatePolicyVersion")),
      errors: [{ messageId: "escalation", resource: userArn("yamada") }],
    },
    {
      name: "PassRole on every role",
      change: addInline("pass-all", allow(["iam:PassRole", "ec2:RunInstances"])),
      errors: [{ messageId: "escalation", resource: userArn("yamada") }],
    },
    {
      name: "iam:Put* through a group's managed policy",
      change: (s) => {
        findIn(s, "aws.iam.policy", DEVELOPER_POLICY_ARN).attributes.document = allow([
          "ec2:Describe*",
          "iam:Put*",
        ]);
      },
      errors: [
        { messageId: "escalation", resource: groupArn("developers") },
        { messageId: "escalation", resource: roleArn("backup-runner") },
      ],
    },
    {
      name: "iam:* on a user",
      change: addInline("iam-all", allow("iam:*")),
      errors: [{ messageId: "escalation", resource: userArn("yamada") }],
    },
  ],
  unknown: [
    {
      name: "an attached policy was not collected",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.id !== DEVELOPER_POLICY_ARN);
      },
      resources: [groupArn("developers"), roleArn("backup-runner")],
    },
  ],
});

// Administrator access includes every escalation path: such a principal is never "no escalation path".
test("a role, group or user holding AdministratorAccess or Action * is not applicable, never pass", () => {
  const admin = [{ arn: ADMIN_POLICY_ARN, name: "AdministratorAccess" }];
  const findings = tester.evaluateCase(rule, {
    name: "administrators",
    change: (s) => {
      s.resources.push(iamRole("break-glass", trustAccount(ACCOUNT), { attachedPolicies: admin }));
      s.resources.push(
        iamRole("ops", trustAccount(ACCOUNT), { inlinePolicies: [{ name: "all", document: allow("*") }] }),
      );
    },
  });
  const statusOf = (id: string) => findings.find((f) => f.resource.id === id)?.status;
  expect([roleArn("break-glass"), roleArn("ops"), groupArn("admins")].map(statusOf)).toEqual([
    "not_applicable",
    "not_applicable",
    "not_applicable",
  ]);
  expect(findings.find((f) => f.resource.id === roleArn("break-glass"))?.message).toMatch(
    /Holds administrator access \(AdministratorAccess\)/,
  );
});
