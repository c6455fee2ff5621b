import rule from "./detection-inspector2-enabled";
import { draftOf, INSPECTOR } from "./fixtures";
import { tester } from "./tester";

const inspector = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.inspector2.status", INSPECTOR).attributes;

tester.run(rule, {
  valid: [
    { name: "enabled for EC2 and ECR" },
    {
      name: "only EC2 required",
      options: { requiredResourceTypes: ["EC2"] },
      change: (d) => {
        inspector(d).scans = [
          { resourceType: "EC2", status: "ENABLED" },
          { resourceType: "ECR", status: "DISABLED" },
        ];
      },
    },
  ],
  invalid: [
    {
      name: "never enabled",
      change: (d) => {
        Object.assign(inspector(d), {
          status: "DISABLED",
          scans: [
            { resourceType: "EC2", status: "DISABLED" },
            { resourceType: "ECR", status: "DISABLED" },
          ],
        });
      },
      errors: [{ messageId: "disabled", resource: INSPECTOR }],
    },
    {
      name: "account suspended while its EC2 scan still reads enabled",
      change: (d) => {
        inspector(d).status = "SUSPENDED";
      },
      errors: [{ messageId: "disabled", resource: INSPECTOR }],
    },
    {
      name: "ECR images not scanned",
      change: (d) => {
        inspector(d).scans = [
          { resourceType: "EC2", status: "ENABLED" },
          { resourceType: "ECR", status: "DISABLED" },
        ];
      },
      errors: [{ messageId: "scanOff", resource: INSPECTOR }],
    },
    {
      name: "a required type the answer does not list",
      options: { requiredResourceTypes: ["EC2", "LAMBDA_CODE"] },
      errors: [{ messageId: "scanOff", resource: INSPECTOR }],
    },
  ],
  unknown: [
    {
      name: "status not read",
      change: (d) => {
        Object.assign(inspector(d), { status: undefined, scans: undefined });
      },
      resources: [INSPECTOR],
    },
  ],
});
