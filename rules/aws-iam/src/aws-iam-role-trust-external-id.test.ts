import rule from "./aws-iam-role-trust-external-id";
import { ACCOUNT, findIn, roleArn } from "./fixtures";
import { tester } from "./tester";

const PARTNER = roleArn("partner-log-monitor");
const trust = (d: Parameters<typeof findIn>[0]) => findIn(d, "aws.iam.role", PARTNER).attributes;

tester.run(rule, {
  valid: [
    { name: "the subcontractor's role requires an external id" },
    {
      name: "trusting the vendor's own account needs none",
      change: (d) => {
        trust(d).assumeRolePolicy = {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" },
          ],
        };
      },
    },
  ],
  invalid: [
    {
      name: "external id condition removed",
      change: (d) => {
        const [statement] = trust(d).assumeRolePolicy.Statement as { Condition?: unknown }[];
        delete statement!.Condition;
      },
      errors: [{ messageId: "missing", resource: PARTNER }],
    },
    {
      name: "a second statement admits another account without one",
      change: (d) => {
        (trust(d).assumeRolePolicy.Statement as object[]).push({
          Effect: "Allow",
          Principal: { AWS: "999988887777" },
          Action: "sts:AssumeRole",
        });
      },
      errors: [{ messageId: "missing", resource: PARTNER }],
    },
  ],
});
