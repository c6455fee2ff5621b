import rule from "./aws-iam-assume-role-any";
import { allow, findIn, roleArn, userArn } from "./fixtures";
import { tester } from "./tester";

const PARTNER = roleArn("partner-log-monitor");

tester.run(rule, {
  valid: [
    { name: "no assume-role grants" },
    {
      name: "assume one named role",
      change: (d) => {
        findIn(d, "aws.iam.role", PARTNER).attributes.inlinePolicies.push({
          name: "hop",
          document: allow("sts:AssumeRole", roleArn("backup-runner")),
        });
      },
    },
  ],
  invalid: [
    {
      name: "sts:AssumeRole on *",
      change: (d) => {
        findIn(d, "aws.iam.role", PARTNER).attributes.inlinePolicies.push({
          name: "hop-anywhere",
          document: allow("sts:AssumeRole"),
        });
      },
      errors: [{ messageId: "any", resource: PARTNER }],
    },
    {
      name: "sts:Assume* on * for a user",
      change: (d) => {
        findIn(d, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "switch",
          document: allow(["sts:Assume*"]),
        });
      },
      errors: [{ messageId: "any", resource: userArn("yamada") }],
    },
  ],
});
