import rule from "./aws-sso-admin-non-admin";
import {
  addGap,
  allow,
  assignmentId,
  findIn,
  SSO_ADMIN_SET,
  SSO_DEVELOPER_SET,
  SSO_REGION,
  ssoAssignment,
  ssoGroupId,
  ssoUser,
} from "./fixtures";
import { tester } from "./tester";

const adminsAssignment = assignmentId(SSO_ADMIN_SET, "group", "g-admins");

tester.run(rule, {
  valid: [
    { name: "AdministratorAccess reaches only sato, an admin" },
    {
      name: "a manager may hold it when the option allows managers",
      options: { allowedRoles: ["admin", "manager"] },
      change: (s) => {
        s.resources.push(ssoAssignment(SSO_ADMIN_SET, "USER", "u-yamada"));
      },
    },
  ],
  invalid: [
    {
      name: "AdministratorAccess assigned to yamada, a manager",
      change: (s) => {
        s.resources.push(ssoAssignment(SSO_ADMIN_SET, "USER", "u-yamada"));
      },
      errors: [{ messageId: "notAdmin", resource: assignmentId(SSO_ADMIN_SET, "user", "u-yamada") }],
    },
    {
      name: "a user nobody on the roster is joins the administrators' group",
      change: (s) => {
        s.resources.push(ssoUser("u-temp", "temp@partner.example", { groupIds: ["g-admins"] }));
        findIn(s, "aws.sso.group", ssoGroupId("g-admins")).attributes.memberUserIds = ["u-sato", "u-temp"];
      },
      errors: [{ messageId: "notAdmin", resource: adminsAssignment }],
    },
    {
      name: "an inline policy allowing *:* makes the developers' set administrative",
      change: (s) => {
        findIn(s, "aws.sso.permission-set", SSO_DEVELOPER_SET).attributes.inlinePolicy = allow("*");
      },
      errors: [{ messageId: "notAdmin", resource: assignmentId(SSO_DEVELOPER_SET, "group", "g-developers") }],
    },
  ],
  unknown: [
    {
      name: "no roster",
      change: () => {},
      withoutRoster: true,
      resources: [adminsAssignment],
    },
    {
      name: "the permission set's inline policy could not be read",
      change: (s) => {
        delete findIn(s, "aws.sso.permission-set", SSO_DEVELOPER_SET).attributes.inlinePolicy;
        addGap(s, "aws.sso.permission-set", "GetInlinePolicyForPermissionSet", "AccessDenied", SSO_REGION);
      },
      // A gap in what the rule reads leaves no assignment of the region passing.
      resources: [
        adminsAssignment,
        assignmentId(SSO_DEVELOPER_SET, "group", "g-developers"),
        assignmentId(SSO_DEVELOPER_SET, "user", "u-sato"),
      ],
    },
    {
      name: "the administrators' group members could not be read",
      change: (s) => {
        delete findIn(s, "aws.sso.group", ssoGroupId("g-admins")).attributes.memberUserIds;
        addGap(s, "aws.sso.group", "ListGroupMemberships", "AccessDenied", SSO_REGION);
      },
      resources: [
        adminsAssignment,
        assignmentId(SSO_DEVELOPER_SET, "group", "g-developers"),
        assignmentId(SSO_DEVELOPER_SET, "user", "u-sato"),
      ],
    },
  ],
});
