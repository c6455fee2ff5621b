import rule from "./detection-antivirus-missing";
import { draftOf, INSTANCE } from "./fixtures";
import { tester } from "./tester";

const apps = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.ssm.managed-instance", INSTANCE).attributes;

tester.run(rule, {
  valid: [
    { name: "ClamAV installed" },
    {
      name: "the vendor's own product",
      options: { products: ["Acme Endpoint"] },
      change: (d) => {
        apps(d).applications = [{ name: "Acme Endpoint Agent", version: "7.1" }];
      },
    },
  ],
  invalid: [
    {
      name: "no anti-virus",
      change: (d) => {
        apps(d).applications = [{ name: "openssl", version: "3.0.8" }];
      },
      errors: [{ messageId: "missing", resource: INSTANCE }],
    },
    {
      name: "empty inventory",
      change: (d) => {
        apps(d).applications = [];
      },
      errors: [{ messageId: "missing", resource: INSTANCE }],
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
