import rule from "./detection-forbidden-software";
import { draftOf, INSTANCE } from "./fixtures";
import { tester } from "./tester";

const apps = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.ssm.managed-instance", INSTANCE).attributes;

tester.run(rule, {
  valid: [
    { name: "only allowed software" },
    {
      name: "names that merely contain a forbidden word",
      change: (d) => {
        apps(d).applications?.push({ name: "Microsoft SharePoint" }, { name: "shared-mime-info" });
      },
    },
  ],
  invalid: [
    {
      name: "Winny installed",
      change: (d) => {
        apps(d).applications?.push({ name: "Winny", version: "2.0b7.1" });
      },
      errors: [{ messageId: "installed", resource: INSTANCE }],
    },
    {
      name: "a BitTorrent client",
      change: (d) => {
        apps(d).applications?.push({
          name: "qBittorrent",
          version: "4.6.2",
          publisher: "The qBittorrent project",
        });
      },
      errors: [{ messageId: "installed", resource: INSTANCE }],
    },
    {
      name: "software the vendor forbids too",
      options: { alsoForbidden: ["openssl"] },
      errors: [{ messageId: "installed", resource: INSTANCE }],
    },
  ],
  unknown: [
    {
      name: "inventory not read",
      change: (d) => {
        apps(d).applications = undefined;
      },
      resources: [INSTANCE],
    },
  ],
});
