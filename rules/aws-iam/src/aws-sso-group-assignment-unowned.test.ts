import rule from "./aws-sso-group-assignment-unowned";
import {
  addGap,
  assignmentId,
  findIn,
  SSO_ADMIN_SET,
  SSO_DEVELOPER_SET,
  SSO_REGION,
  ssoAssignment,
  ssoGroup,
  ssoGroupId,
  ssoUser,
} from "./fixtures";
import { tester } from "./tester";

const developers = assignmentId(SSO_DEVELOPER_SET, "group", "g-developers");

tester.run(rule, {
  valid: [
    { name: "both groups have a current roster person" },
    {
      name: "a group with an outsider and a roster person",
      change: (s) => {
        s.resources.push(ssoUser("u-temp", "temp@partner.example", { groupIds: ["g-developers"] }));
        findIn(s, "aws.sso.group", ssoGroupId("g-developers")).attributes.memberUserIds = [
          "u-temp",
          "u-yamada",
        ];
      },
    },
  ],
  invalid: [
    {
      name: "an empty group holds an assignment",
      change: (s) => {
        s.resources.push(ssoGroup("g-break-glass", "BreakGlass", []));
        s.resources.push(ssoAssignment(SSO_ADMIN_SET, "GROUP", "g-break-glass"));
      },
      errors: [{ messageId: "unowned", resource: assignmentId(SSO_ADMIN_SET, "group", "g-break-glass") }],
    },
    {
      name: "a group whose only member has left",
      change: (_s, roster) => {
        roster!.people[0]!.endDate = "2026-10-31";
      },
      errors: [{ messageId: "unowned", resource: developers }],
    },
  ],
  unknown: [
    {
      name: "no roster",
      change: () => {},
      withoutRoster: true,
      resources: [developers, assignmentId(SSO_ADMIN_SET, "group", "g-admins")],
    },
    {
      name: "the group's members could not be read",
      change: (s) => {
        delete findIn(s, "aws.sso.group", ssoGroupId("g-developers")).attributes.memberUserIds;
        addGap(s, "aws.sso.group", "ListGroupMemberships", "AccessDenied", SSO_REGION);
      },
      // A gap in what the rule reads leaves no group assignment of the region passing.
      resources: [developers, assignmentId(SSO_ADMIN_SET, "group", "g-admins")],
    },
  ],
});
