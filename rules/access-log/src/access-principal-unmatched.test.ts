import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-principal-unmatched";
import { ACCOUNT, apiCall, consoleLogin, identities, STRANGER_ACCOUNT, tester, workday } from "./fixtures";

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month (people, an instance role, a service, the approved subcontractor)" },
    {
      name: "a failed sign-in with an unknown name is not activity",
      change: (d) => d.events.push(consoleLogin(identities.iamUser("ghost"), workday(9), { ok: false })),
    },
    {
      name: "an ignored workload role",
      change: (d) =>
        d.events.push(
          apiCall(identities.role("github-deploy", "run-42"), workday(9), "s3.amazonaws.com", "PutObject"),
        ),
      options: { ignoreRoles: ["github-*"] },
    },
  ],
  invalid: [
    {
      name: "an IAM user no one owns",
      change: (d) =>
        d.events.push(
          apiCall(identities.iamUser("svc-backup"), workday(9), "s3.amazonaws.com", "ListBuckets"),
        ),
      errors: [{ messageId: "unmatched", subject: `arn:aws:iam::${ACCOUNT}:user/svc-backup` }],
    },
    {
      name: "an SSO session whose e-mail is not in the roster",
      change: (d) =>
        d.events.push(
          apiCall(
            identities.sso("contractor@elsewhere.example"),
            workday(9),
            "s3.amazonaws.com",
            "ListBuckets",
          ),
        ),
      errors: [
        {
          messageId: "unmatched",
          subject: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_PowerUserAccess_0123456789abcdef/contractor@elsewhere.example`,
        },
      ],
    },
    {
      name: "an account two people share",
      change: (d) => {
        d.roster!.people[0]!.awsIamUsers.push("ops");
        d.roster!.people[1]!.awsIamUsers.push("ops");
        d.events.push(apiCall(identities.iamUser("ops"), workday(9), "ec2.amazonaws.com", "RebootInstances"));
      },
      errors: [{ messageId: "shared", subject: `arn:aws:iam::${ACCOUNT}:user/ops` }],
    },
    {
      name: "a role session of an account that is no subcontractor",
      change: (d) =>
        d.events.push(
          apiCall(
            identities.role("admin", "x", STRANGER_ACCOUNT),
            workday(9),
            "s3.amazonaws.com",
            "GetBucketPolicy",
          ),
        ),
      errors: [{ messageId: "external", subject: `arn:aws:sts::${STRANGER_ACCOUNT}:assumed-role/admin/x` }],
    },
  ],
});
