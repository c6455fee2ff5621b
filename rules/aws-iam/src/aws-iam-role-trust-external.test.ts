import rule from "./aws-iam-role-trust-external";
import { addGap, findIn, iamRole, roleArn, trustAccount } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "only the approved subcontractor and services are trusted" },
    {
      name: "a role trusting the vendor's own account",
      change: (s) => {
        s.resources.push(iamRole("ops", trustAccount("111122223333")));
      },
    },
    {
      name: "a role trusting another of the vendor's accounts scanned together",
      change: (s) => {
        s.resources.push(iamRole("log-archive-reader", trustAccount("111122225555")), {
          type: "aws.account",
          id: "111122225555",
          name: "111122225555",
          scope: "111122225555",
          region: "global",
          attributes: { accountId: "111122225555" },
        });
      },
    },
    {
      name: "the client's audit account trusted by option",
      change: (s) => {
        s.resources.push(iamRole("client-audit", trustAccount("555566667777")));
      },
      options: { trustedAccountIds: ["555566667777"] },
    },
    {
      name: "Principal * narrowed to the subcontractor by aws:PrincipalAccount",
      change: (s) => {
        s.resources.push(
          iamRole("narrowed", {
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:PrincipalAccount": "444455556666" } },
              },
            ],
          }),
        );
      },
    },
  ],
  invalid: [
    {
      name: "a role trusting an unknown account",
      change: (s) => {
        s.resources.push(iamRole("legacy-vendor-access", trustAccount("999988887777")));
      },
      errors: [{ messageId: "untrusted", resource: roleArn("legacy-vendor-access") }],
    },
    {
      name: "the subcontractor's approval is not yet in force",
      change: (_s, _r, settings) => {
        settings.subcontractors[0]!.approvedAt = "2027-01-01";
      },
      errors: [{ messageId: "untrusted", resource: roleArn("partner-log-monitor") }],
    },
    {
      name: "a role anyone can assume",
      change: (s) => {
        findIn(s, "aws.iam.role", roleArn("partner-log-monitor")).attributes.assumeRolePolicy = {
          Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }],
        };
      },
      errors: [{ messageId: "anyone", resource: roleArn("partner-log-monitor") }],
    },
  ],
  unknown: [
    {
      name: "the role listing stopped part-way",
      change: (s) => {
        addGap(s, "aws.iam.role", "GetAccountAuthorizationDetails", "Throttling");
      },
      resources: [
        roleArn("partner-log-monitor"),
        roleArn("backup-runner"),
        roleArn("AWSServiceRoleForSupport"),
      ],
    },
  ],
});
