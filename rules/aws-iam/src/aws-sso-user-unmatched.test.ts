import rule from "./aws-sso-user-unmatched";
import { addGap, findIn, SSO_REGION, ssoUser, ssoUserId } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "yamada matches by user name (an address), sato by e-mail" },
    {
      name: "a user name matching a person id",
      change: (s) => {
        s.resources.push(ssoUser("u-p002", "P002"));
        s.resources = s.resources.filter((r) => r.id !== ssoUserId("u-sato"));
      },
    },
  ],
  invalid: [
    {
      name: "a user nobody on the roster is",
      change: (s) => {
        s.resources.push(ssoUser("u-guest", "guest@partner.example"));
      },
      errors: [{ messageId: "noPerson", resource: ssoUserId("u-guest") }],
    },
    {
      name: "the local part of an address is not enough",
      change: (s) => {
        s.resources.push(ssoUser("u-yamada2", "yamada@other.example"));
      },
      errors: [{ messageId: "noPerson", resource: ssoUserId("u-yamada2") }],
    },
    {
      name: "one user with the addresses of two people",
      change: (s) => {
        findIn(s, "aws.sso.user", ssoUserId("u-sato")).attributes.emails = [
          "sato@vendor.example",
          "yamada@vendor.example",
        ];
      },
      errors: [{ messageId: "shared", resource: ssoUserId("u-sato") }],
    },
  ],
  unknown: [
    {
      name: "no roster",
      change: () => {},
      withoutRoster: true,
      resources: [ssoUserId("u-yamada"), ssoUserId("u-sato")],
    },
    {
      name: "users could not be listed",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.type !== "aws.sso.user");
        addGap(s, "aws.sso.user", "ListUsers", "AccessDenied", SSO_REGION);
      },
      resources: ["aws.sso.user/ap-northeast-1/*"],
    },
  ],
});
