import rule from "./aws-iam-admin-non-admin";
import {
  ACCOUNT,
  ADMIN_POLICY_ARN,
  allow,
  findIn,
  groupArn,
  iamGroup,
  iamRole,
  iamUser,
  roleArn,
  SUBCONTRACTOR,
  trustAccount,
  userArn,
} from "./fixtures";
import { tester } from "./tester";

const ADMIN = [{ arn: ADMIN_POLICY_ARN, name: "AdministratorAccess" }];
const trust = (principal: Record<string, string>) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow" as const, Principal: principal, Action: "sts:AssumeRole" }],
});
/** An admin role the account trusts, and a policy letting a user assume it. */
const adminRoleAssumableBy =
  (user: string) =>
  (s: Parameters<NonNullable<Parameters<typeof tester.run>[1]["valid"][number]["change"]>>[0]) => {
    s.resources.push(iamRole("break-glass", trustAccount(ACCOUNT), { attachedPolicies: ADMIN }));
    findIn(s, "aws.iam.user", userArn(user)).attributes.inlinePolicies.push({
      name: "assume-break-glass",
      document: allow("sts:AssumeRole", roleArn("break-glass")),
    });
  };

tester.run(rule, {
  valid: [
    { name: "only sato, an admin, is in the admins group" },
    { name: "an admin role only sato, an admin, may assume", change: adminRoleAssumableBy("sato") },
    {
      name: "an admin role naming sato in its trust policy",
      change: (s) => {
        s.resources.push(iamRole("ops-admin", trust({ AWS: userArn("sato") }), { attachedPolicies: ADMIN }));
      },
    },
    {
      name: "an admin role trusting the account, which no user is allowed to assume",
      change: (s) => {
        s.resources.push(iamRole("break-glass", trustAccount(ACCOUNT), { attachedPolicies: ADMIN }));
      },
    },
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
      name: "the manager may assume an admin role: admin through the role, for the user and the role",
      change: adminRoleAssumableBy("yamada"),
      errors: [
        { messageId: "notAdmin", resource: userArn("yamada") },
        { messageId: "holders", resource: roleArn("break-glass") },
      ],
    },
    {
      name: "an admin role naming the manager in its trust policy",
      change: (s) => {
        s.resources.push(
          iamRole("ops-admin", trust({ AWS: userArn("yamada") }), { attachedPolicies: ADMIN }),
        );
      },
      errors: [
        { messageId: "notAdmin", resource: userArn("yamada") },
        { messageId: "holders", resource: roleArn("ops-admin") },
      ],
    },
    {
      name: "an admin role reached through a chain: the manager assumes a role that may assume it",
      change: (s) => {
        s.resources.push(iamRole("hop", trust({ AWS: userArn("yamada") })));
        s.resources.push(iamRole("ops-admin", trust({ AWS: roleArn("hop") }), { attachedPolicies: ADMIN }));
      },
      errors: [
        { messageId: "notAdmin", resource: userArn("yamada") },
        { messageId: "holders", resource: roleArn("ops-admin") },
      ],
    },
    {
      name: "an inline Action * Resource * on a group whose member is the manager",
      change: (s) => {
        s.resources.push(
          iamGroup("ops", ["yamada"], { inlinePolicies: [{ name: "everything", document: allow("*") }] }),
        );
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.groups.push("ops");
      },
      errors: [
        { messageId: "notAdmin", resource: userArn("yamada") },
        { messageId: "holders", resource: groupArn("ops") },
      ],
    },
    {
      name: "an admin role a subcontractor's account may assume",
      change: (s) => {
        s.resources.push(iamRole("partner-admin", trustAccount(SUBCONTRACTOR), { attachedPolicies: ADMIN }));
      },
      errors: [{ messageId: "roleOutside", resource: roleArn("partner-admin") }],
    },
    {
      name: "an admin role for EC2 instances",
      change: (s) => {
        s.resources.push(
          iamRole("instance-admin", trust({ Service: "ec2.amazonaws.com" }), {
            inlinePolicies: [{ name: "all", document: allow("*") }],
          }),
        );
      },
      errors: [{ messageId: "roleService", resource: roleArn("instance-admin") }],
    },
    {
      name: "the manager is added to the admins group",
      change: (s) => {
        findIn(s, "aws.iam.user", userArn("yamada")).attributes.groups.push("admins");
      },
      errors: [
        { messageId: "notAdmin", resource: userArn("yamada") },
        { messageId: "holders", resource: groupArn("admins") },
      ],
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
      errors: [
        { messageId: "notAdmin", resource: userArn("sato") },
        { messageId: "holders", resource: groupArn("admins") },
      ],
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
      resources: [userArn("sato"), groupArn("admins")],
    },
    {
      name: "an admin role trusting a SAML provider the roster cannot be matched against",
      change: (s) => {
        s.resources.push(
          iamRole("sso-admin", trust({ Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/corp` }), {
            attachedPolicies: ADMIN,
          }),
        );
      },
      resources: [roleArn("sso-admin")],
    },
  ],
});
