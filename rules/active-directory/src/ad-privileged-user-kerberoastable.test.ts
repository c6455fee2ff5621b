import rule from "./ad-privileged-user-kerberoastable";
import { addUser, DN, gap, userIn } from "./fixtures";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "no privileged account has a servicePrincipalName" },
    {
      name: "a service account outside the privileged groups is not applicable",
      change: (d) => {
        addUser(d, "svc-web", 1300, { servicePrincipalNames: ["HTTP/web.corp.sample-vendor.example"] });
      },
    },
    {
      name: "a disabled privileged service account is not applicable",
      change: (d) => {
        addUser(d, "svc-old", 1301, {
          enabled: false,
          privilegedGroupRids: [512],
          servicePrincipalNames: ["MSSQLSvc/db01:1433"],
        });
      },
    },
  ],
  invalid: [
    {
      name: "a domain admin with an SPN",
      change: (d) => {
        userIn(d, "adm-alice").attributes.servicePrincipalNames = [
          "MSSQLSvc/db01.corp.sample-vendor.example:1433",
        ];
      },
      errors: [{ messageId: "servicePrincipal", resource: DN.admAlice }],
    },
    {
      name: "a backup operator with an SPN",
      change: (d) => {
        addUser(d, "svc-backup", 1302, {
          privilegedGroupRids: [551],
          servicePrincipalNames: ["backup/nas01"],
        });
      },
      errors: [
        {
          messageId: "servicePrincipal",
          resource: "CN=svc-backup,CN=Users,DC=corp,DC=sample-vendor,DC=example",
        },
      ],
    },
  ],
  unknown: [
    {
      name: "user search incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.user"));
      },
      resources: [DN.admAlice],
    },
    {
      name: "group search incomplete: membership not known",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.group"));
      },
      resources: [DN.alice, DN.admAlice],
    },
  ],
});
