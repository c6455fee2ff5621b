import rule from "./aws-sso-user-leaver-active";
import { addGap, findIn, SSO_REGION, ssoGroupId, ssoUserId } from "./fixtures";
import { tester } from "./tester";

const sato = ssoUserId("u-sato");

tester.run(rule, {
  valid: [
    { name: "nobody has left" },
    {
      name: "a leaver's user disabled, out of its groups and unassigned",
      change: (s, roster) => {
        roster!.people[1]!.endDate = "2026-10-31";
        const user = findIn(s, "aws.sso.user", sato);
        user.attributes.status = "DISABLED";
        user.attributes.groupIds = [];
        findIn(s, "aws.sso.group", ssoGroupId("g-admins")).attributes.memberUserIds = [];
        s.resources = s.resources.filter(
          (r) => !(r.type === "aws.sso.account-assignment" && r.id.endsWith("/user/u-sato")),
        );
      },
    },
  ],
  invalid: [
    {
      name: "a leaver's user still enabled",
      change: (_s, roster) => {
        roster!.people[1]!.endDate = "2026-10-31";
      },
      errors: [{ messageId: "stillEnabled", resource: sato }],
    },
    {
      name: "a leaver's user disabled but still holding assignments through its group",
      change: (s, roster) => {
        roster!.people[1]!.endDate = "2026-10-31";
        const user = findIn(s, "aws.sso.user", sato);
        user.attributes.status = "DISABLED";
        s.resources = s.resources.filter(
          (r) => !(r.type === "aws.sso.account-assignment" && r.id.endsWith("/user/u-sato")),
        );
      },
      errors: [{ messageId: "stillAssigned", resource: sato }],
    },
  ],
  unknown: [
    {
      name: "no roster",
      change: () => {},
      withoutRoster: true,
      resources: [ssoUserId("u-yamada"), sato],
    },
    {
      name: "a leaver's user without a status and unassigned",
      change: (s, roster) => {
        roster!.people[1]!.endDate = "2026-10-31";
        const user = findIn(s, "aws.sso.user", sato);
        delete user.attributes.status;
        user.attributes.groupIds = [];
        s.resources = s.resources.filter(
          (r) => !(r.type === "aws.sso.account-assignment" && r.id.endsWith("/user/u-sato")),
        );
      },
      resources: [sato],
    },
    {
      name: "a disabled leaver's assignments could not be read",
      change: (s, roster) => {
        roster!.people[1]!.endDate = "2026-10-31";
        const user = findIn(s, "aws.sso.user", sato);
        user.attributes.status = "DISABLED";
        user.attributes.groupIds = [];
        s.resources = s.resources.filter((r) => r.type !== "aws.sso.account-assignment");
        addGap(s, "aws.sso.account-assignment", "ListAccountAssignments", "AccessDenied", SSO_REGION);
      },
      resources: [sato],
    },
  ],
});
