import rule from "./aws-iam-wildcard-sensitive";
import {
  allow,
  DEVELOPER_POLICY_ARN,
  findIn,
  groupArn,
  iamRole,
  managedPolicy,
  roleArn,
  trustAccount,
  userArn,
} from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "no wildcards beyond ec2:Describe*" },
    {
      name: "a wildcard on a service not listed as sensitive",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "cw",
          document: allow("cloudwatch:Get*"),
        });
      },
    },
    {
      name: "read-only wildcards, as in the AWS-managed SecurityAudit policy",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "security-audit",
          document: allow([
            "s3:GetBucket*",
            "s3:List*",
            "kms:Describe*",
            "kms:List*",
            "iam:Get*",
            "iam:List*",
            "cloudtrail:Describe*",
            "cloudtrail:Get*",
            "cloudtrail:LookupEvents",
            "logs:Describe*",
            "config:Describe*",
            "guardduty:List*",
          ]),
        });
      },
    },
    {
      name: "NotAction that closes every sensitive service is narrower",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "odd",
          document: { Statement: { Effect: "Allow", NotAction: ["*"], Resource: "*" } },
        });
      },
    },
  ],
  invalid: [
    {
      name: "s3:* attached to a user",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "s3-all",
          document: allow("s3:*"),
        });
      },
      errors: [{ messageId: "wildcard", resource: userArn("yamada") }],
    },
    {
      name: "a group's managed policy deletes trails by wildcard",
      change: (s) => {
        const policy = findIn(s, "aws.iam.policy", DEVELOPER_POLICY_ARN);
        policy.attributes.document = allow(["ec2:Describe*", "cloudtrail:Delete*"]);
      },
      errors: [
        { messageId: "wildcard", resource: groupArn("developers") },
        { messageId: "wildcard", resource: roleArn("backup-runner") },
      ],
    },
    {
      name: "a wildcard that reads but also writes: s3:Put* (PutBucketPolicy…)",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "s3-put",
          document: allow(["s3:Get*", "s3:Put*"]),
        });
      },
      errors: [{ messageId: "wildcard", resource: userArn("yamada") }],
    },
    {
      name: "iam:*Policy* reaches permissions management",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "policies",
          document: allow("iam:*Policy*"),
        });
      },
      errors: [{ messageId: "wildcard", resource: userArn("yamada") }],
    },
    {
      name: "a wildcard on a service pattern that matches a sensitive service (s*:Delete*)",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "deletes",
          document: allow("s*:Delete*"),
        });
      },
      errors: [{ messageId: "wildcard", resource: userArn("yamada") }],
    },
    {
      name: "a role with PowerUser-style NotAction",
      change: (s) => {
        s.resources.push(
          iamRole("ops-power", trustAccount("111122223333"), {
            inlinePolicies: [
              {
                name: "power",
                document: {
                  Statement: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }],
                },
              },
            ],
          }),
        );
      },
      errors: [{ messageId: "wildcard", resource: roleArn("ops-power") }],
    },
  ],
  unknown: [
    {
      name: "a role's attached policy was not collected",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.id !== DEVELOPER_POLICY_ARN);
      },
      resources: [groupArn("developers"), roleArn("backup-runner")],
    },
  ],
});

// A policy with a wildcard is judged where it is held, never on its own.
test("an unattached managed policy is not a finding", () => {
  const findings = tester.evaluateCase(rule, {
    name: "unattached",
    change: (s) => {
      s.resources.push(managedPolicy("arn:aws:iam::111122223333:policy/unused", allow("kms:*")));
    },
  });
  expect(findings.filter((f) => f.status === "fail")).toEqual([]);
});
