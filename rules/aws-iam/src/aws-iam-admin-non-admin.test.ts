import rule from "./aws-iam-admin-non-admin";
import { ADMIN_POLICY_ARN, allow, findIn, groupArn, iamUser, userArn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "only sato, an admin, is in the admins group" },
    {
      name: "AdministratorAccess recognised by ARN when its document was not collected",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.id !== ADMIN_POLICY_ARN);
      },
    },
    {
      name: "managers allowed by option",
      change: (_s, r) => {
        r!.people[1]!.role = "manager";
      },
      options: { allowedRoles: ["admin", "manager"] },
    },
  ],
  invalid: [
    {
      name: "the manager is added to the admins group",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.groups.push("admins");
      },
      errors: [{ messageId: "notAdmin", resource: userArn("yamada") }],
    },
    {
      name: "an inline policy allowing everything",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.inlinePolicies.push({
          name: "break-glass",
          document: allow("*:*"),
        });
      },
      errors: [{ messageId: "notAdmin", resource: userArn("yamada") }],
    },
    {
      name: "an unowned user with AdministratorAccess attached",
      change: (s) => {
        s.resources.push(
          iamUser("admin", { attachedPolicies: [{ arn: ADMIN_POLICY_ARN, name: "AdministratorAccess" }] }),
        );
      },
      errors: [{ messageId: "noOwner", resource: userArn("admin") }],
    },
    {
      name: "managers may not hold it when only admins may",
      change: (_s, r) => {
        r!.people[1]!.role = "manager";
      },
      errors: [{ messageId: "notAdmin", resource: userArn("sato") }],
    },
  ],
  unknown: [
    {
      name: "a group's policies were not collected",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.id !== groupArn("developers"));
      },
      resources: [userArn("yamada")],
    },
    {
      name: "an administrator, and no roster to say who may be one",
      change: () => {},
      withoutRoster: true,
      resources: [userArn("sato")],
    },
  ],
});
